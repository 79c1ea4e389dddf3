using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using static JdCloudPodOperator.Tests.Controller.Planning.Pods;
using static JdCloudPodOperator.Tests.Controller.Planning.PodChangeTests;

namespace JdCloudPodOperator.Tests.Controller.Planning;

/// <summary>The rollout side of the status: revisions, updatedCount, phases and conditions while pods change.</summary>
public class RolloutStatusTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly PodSpecRevision R0 = Revision("r0");
    private static readonly PodSpecRevision R1 = Revision("r1", containers: "c1");
    private static readonly RolloutStatus UnderWay = new() { Generation = 2, ProgressTime = "2026-03-01T08:00:00Z", ProgressMark = -2 };

    private static JdCloudPodStatus Compose(string[] podIds, IReadOnlyDictionary<string, ObservedPod> observed,
        Dictionary<string, PodRecord> records, RolloutStatus? progress, bool run = true, Problem? problem = null) =>
        StatusComposer.Compose(null, 2, new StatusFacts(ResourceMode.Active, 2, podIds, observed, null, 1, problem, null,
            new RolloutFacts(R1, records, new Dictionary<string, PodSpecRevision> { ["r0"] = R0, ["r1"] = R1, ["gone"] = Revision("gone") }, progress, run)), T0);

    private static (string Status, string Reason) Condition(JdCloudPodStatus status, string type) =>
        Conditions.Find(status.Conditions, type) is { } c ? (c.Status, c.Reason) : ("", "");

    [Fact]
    public void A_rollout_under_way_is_Updating_and_says_how_far_it_got()
    {
        var records = new Dictionary<string, PodRecord>
        {
            ["a"] = new("r1"),
            ["b"] = new("r0", new PodOperationStatus { Revision = "r1", Steps = [PodSteps.Rebuild, PodSteps.Start], Sent = true }),
        };

        var status = Compose(["a", "b"], Observed(Pod("a"), Pod("b", "rebuilding")), records, UnderWay);

        status.Phase.Should().Be(Phases.Updating);
        (status.UpdateRevision, status.UpdatedCount, status.Rollout).Should().Be(("r1", 1, UnderWay));
        status.Revisions!.Select(r => r.Name).Should().Equal("r1", "r0");
        status.Pods!.Select(p => (p.Revision, p.Operation?.Steps?[0])).Should().Equal(("r1", null), ("r0", PodSteps.Rebuild));
        Condition(status, Conditions.Ready).Should().Be(("False", Reasons.RollingOut));
        Condition(status, Conditions.Reconciling).Should().Be(("True", Reasons.RollingOut));
        Conditions.Find(status.Conditions, Conditions.Reconciling)!.Message
            .Should().Be("rolling out revision r1: 1 of 2 pods updated; in progress: b Rebuild");
    }

    [Fact]
    public void Ready_only_once_every_pod_runs_the_target_with_nothing_in_flight()
    {
        var running = Observed(Pod("a"), Pod("b"));
        var onOld = Compose(["a", "b"], running, new() { ["a"] = new("r1"), ["b"] = new("r0") }, UnderWay);
        var done = Compose(["a", "b"], running, new() { ["a"] = new("r1"), ["b"] = new("r1") }, null);

        Condition(onOld, Conditions.Ready).Status.Should().Be("False");
        Condition(done, Conditions.Ready).Should().Be(("True", Reasons.AllPodsRunning));
        (done.Phase, done.UpdatedCount, done.Rollout).Should().Be((Phases.Running, 2, null));
        done.Revisions!.Select(r => r.Name).Should().Equal("r1");
    }

    [Fact]
    public void Pods_without_a_record_run_the_target()
    {
        var status = Compose(["a", "b"], Observed(Pod("a"), Pod("b")), [], null);

        status.Pods!.Should().OnlyContain(p => p.Revision == "r1");
        Condition(status, Conditions.Ready).Status.Should().Be("True");
    }

    [Fact]
    public void With_run_state_stopped_stopped_pods_are_Ready_and_running_ones_are_not()
    {
        var stopped = Compose(["a", "b"], Observed(Pod("a", "stopped"), Pod("b", "stopped")), [], null, run: false);
        (stopped.Phase, Condition(stopped, Conditions.Ready)).Should().Be((Phases.Stopped, ("True", Reasons.AllPodsStopped)));
        Conditions.Find(stopped.Conditions, Conditions.Ready)!.Message.Should().StartWith("2 of 2 cloud pods stopped");

        var running = Compose(["a", "b"], Observed(Pod("a"), Pod("b", "stopped")), [], null, run: false);
        (running.UpdatedCount, Condition(running, Conditions.Ready).Status).Should().Be((1, "False"));
    }

    [Fact]
    public void A_stalled_rollout_says_why_in_Stalled()
    {
        var problem = Problem.Terminal(Reasons.ProgressDeadlineExceeded, "rolling out revision r1 made no progress for 600s");
        var status = Compose(["a", "b"], Observed(Pod("a", "error"), Pod("b")), new() { ["a"] = new("r1"), ["b"] = new("r0") },
            new RolloutStatus { Generation = 2, ProgressTime = UnderWay.ProgressTime, ProgressMark = -2, DeadlineExceeded = true }, problem: problem);

        Condition(status, Conditions.Stalled).Should().Be(("True", Reasons.ProgressDeadlineExceeded));
        Condition(status, Conditions.Reconciling).Status.Should().Be("False");
        status.Rollout!.DeadlineExceeded.Should().BeTrue();
    }

    [Fact]
    public void Surplus_pods_going_are_Scaling_not_Creating()
    {
        var status = StatusComposer.Compose(null, 2, new StatusFacts(ResourceMode.Active, 1, ["a", "b"], Observed(Pod("a"), Pod("b")), null, 1, null), T0);

        status.Phase.Should().Be(Phases.Scaling);
        Condition(status, Conditions.Reconciling).Should().Be(("True", Reasons.ScalingDown));
    }

    [Fact]
    public void Without_rollout_facts_the_previous_rollout_fields_stay()
    {
        var previous = Compose(["a"], Observed(Pod("a")), new() { ["a"] = new("r0") }, UnderWay);

        var paused = StatusComposer.Compose(previous, 2, new StatusFacts(ResourceMode.Paused, 2, ["a"], Observed(Pod("a")), null, 1, null), T0);

        (paused.UpdateRevision, paused.UpdatedCount, paused.Rollout, paused.Pods![0].Revision).Should().Be(("r1", 0, UnderWay, "r0"));
        paused.Revisions.Should().BeEquivalentTo(previous.Revisions);
    }
}
