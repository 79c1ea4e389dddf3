using JdCloudPodOperator.Entities;
using k8s;
using static JdCloudPodOperator.Tests.Controller.Planning.Pods;
using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class StatusComposerTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Problem NoSecret = Problem.Retrying(Reasons.CredentialsNotFound, "Secret creds not found");
    private static readonly Problem Quota = Problem.Terminal(Reasons.QuotaExceeded, "pod quota exceeded [requestId r1]");

    private static JdCloudPodStatus Compose(
        int desired, string[] podIds, IReadOnlyDictionary<string, ObservedPod> observed, Problem? problem = null,
        ResourceMode mode = ResourceMode.Active, PendingCreate? pending = null, JdCloudPodStatus? previous = null, DateTime? now = null) =>
        StatusComposer.Compose(previous, 7, new StatusFacts(mode, desired, podIds, observed, pending, 2, problem), now ?? T0);

    private static (string Status, string Reason) Condition(JdCloudPodStatus status, string type)
    {
        var condition = Conditions.Find(status.Conditions, type)!;
        return (condition.Status, condition.Reason);
    }

    [Fact]
    public void All_desired_pods_running_is_Ready_and_settled()
    {
        var status = Compose(2, ["a", "b"], Observed(Pod("a"), Pod("b")));
        status.Phase.Should().Be(Phases.Running);
        Condition(status, Conditions.Ready).Should().Be(("True", Reasons.AllPodsRunning));
        Condition(status, Conditions.Reconciling).Should().Be(("False", Reasons.Reconciled));
        Condition(status, Conditions.Stalled).Should().Be(("False", Reasons.NotStalled));
        Conditions.Find(status.Conditions, Conditions.Ready)!.Message.Should().Contain("2 of 2").And.Contain("a, b");
        status.Conditions.Should().OnlyContain(c => c.ObservedGeneration == 7);
        status.ObservedGeneration.Should().Be(7);
        status.PodIds.Should().Equal("a", "b");
        status.Pods!.Select(p => p.PodId).Should().Equal("a", "b");
        status.Pods![0].Should().BeEquivalentTo(new CloudPodStatus
        {
            PodId = "a", Name = "web-a", Phase = "running", PrivateIpAddress = "10.0.0.1", Ready = true,
        });
        (status.RequestedCount, status.CreatedCount, status.CreateAttempts).Should().Be((2, 2, 2));
        status.PendingCreate.Should().BeNull();
    }

    [Fact]
    public void Pods_still_pending_are_Creating()
    {
        var status = Compose(2, ["a", "b"], Observed(Pod("a"), Pod("b", "pending")));
        status.Phase.Should().Be(Phases.Creating);
        Condition(status, Conditions.Ready).Should().Be(("False", Reasons.Creating));
        Condition(status, Conditions.Reconciling).Should().Be(("True", Reasons.Creating));
        Conditions.Find(status.Conditions, Conditions.Ready)!.Message.Should().Contain("1 of 2");
    }

    [Fact]
    public void Create_in_flight_is_Creating_and_names_its_token()
    {
        var status = Compose(1, [], Observed(), pending: new PendingCreate { ClientToken = "jdpod-u-1", Count = 1 });
        status.Phase.Should().Be(Phases.Creating);
        status.PendingCreate!.ClientToken.Should().Be("jdpod-u-1");
        Conditions.Find(status.Conditions, Conditions.Reconciling)!.Message.Should().Contain("jdpod-u-1");
    }

    [Fact]
    public void Fewer_pods_than_desired_is_not_Ready_even_if_all_run()
    {
        var status = Compose(3, ["a"], Observed(Pod("a")));
        status.Phase.Should().Be(Phases.Creating);
        Condition(status, Conditions.Ready).Status.Should().Be("False");
        Condition(status, Conditions.Reconciling).Status.Should().Be("True");
    }

    [Fact]
    public void Terminal_problem_without_running_pods_is_Failed_and_Stalled()
    {
        var status = Compose(1, [], Observed(), Quota);
        status.Phase.Should().Be(Phases.Failed);
        Condition(status, Conditions.Ready).Should().Be(("False", Reasons.QuotaExceeded));
        Condition(status, Conditions.Stalled).Should().Be(("True", Reasons.QuotaExceeded));
        Condition(status, Conditions.Reconciling).Should().Be(("False", Reasons.Reconciled));
        Conditions.Find(status.Conditions, Conditions.Ready)!.Message.Should().Contain("requestId r1");
    }

    [Fact]
    public void Terminal_problem_with_running_pods_is_Degraded()
    {
        var status = Compose(3, ["a"], Observed(Pod("a")), Quota);
        status.Phase.Should().Be(Phases.Degraded);
        Condition(status, Conditions.Stalled).Status.Should().Be("True");
    }

    [Fact]
    public void A_problem_overrides_Ready_even_when_pods_run() =>
        Condition(Compose(1, ["a"], Observed(Pod("a")), Problem.Terminal(Reasons.InvalidSpec, "bad")), Conditions.Ready)
            .Should().Be(("False", Reasons.InvalidSpec));

    [Fact]
    public void Retrying_problem_before_anything_exists_is_Pending()
    {
        var status = Compose(1, [], Observed(), NoSecret);
        status.Phase.Should().Be(Phases.Pending);
        Condition(status, Conditions.Ready).Should().Be(("False", Reasons.CredentialsNotFound));
        Condition(status, Conditions.Reconciling).Should().Be(("True", Reasons.CredentialsNotFound));
        Condition(status, Conditions.Stalled).Status.Should().Be("False");
    }

    [Fact]
    public void Retrying_problem_with_a_create_in_flight_is_Creating() =>
        Compose(1, [], Observed(), Problem.Retrying(Reasons.CloudUnavailable, "503"),
            pending: new PendingCreate { ClientToken = "t", Count = 1 }).Phase.Should().Be(Phases.Creating);

    [Fact]
    public void Retrying_problem_with_pods_pending_is_Creating() =>
        Compose(2, ["a"], Observed(Pod("a", "pending")), Problem.Retrying(Reasons.RateLimited, "429")).Phase.Should().Be(Phases.Creating);

    [Fact]
    public void Retrying_problem_with_running_pods_is_Degraded()
    {
        var status = Compose(3, ["a", "b"], Observed(Pod("a"), Pod("b")), Problem.Retrying(Reasons.PartiallyCreated, "2 of 3"));
        status.Phase.Should().Be(Phases.Degraded);
        Condition(status, Conditions.Reconciling).Should().Be(("True", Reasons.PartiallyCreated));
    }

    [Fact]
    public void Stopped_pods_are_Degraded_but_settled()
    {
        var status = Compose(2, ["a", "b"], Observed(Pod("a"), Pod("b", "stopped")));
        status.Phase.Should().Be(Phases.Degraded);
        Condition(status, Conditions.Ready).Should().Be(("False", Reasons.PodsNotRunning));
        Condition(status, Conditions.Reconciling).Status.Should().Be("False");
    }

    [Fact]
    public void Error_pods_are_Degraded_and_converging()
    {
        var status = Compose(1, ["a"], Observed(Pod("a", "error")));
        status.Phase.Should().Be(Phases.Degraded);
        Condition(status, Conditions.Reconciling).Status.Should().Be("True");
    }

    [Fact]
    public void Deleting_reports_the_pods_left()
    {
        var status = Compose(1, ["a"], Observed(Pod("a", "deleting")), mode: ResourceMode.Deleting);
        status.Phase.Should().Be(Phases.Deleting);
        Condition(status, Conditions.Ready).Should().Be(("False", Reasons.Deleting));
        Condition(status, Conditions.Reconciling).Should().Be(("True", Reasons.Deleting));
        Conditions.Find(status.Conditions, Conditions.Ready)!.Message.Should().Contain("deleting 1 cloud pods: a");
    }

    [Fact]
    public void Paused_keeps_Ready_and_Stalled_and_stops_Reconciling()
    {
        var ready = Compose(1, ["a"], Observed(Pod("a")));
        var paused = Compose(1, ["a"], Observed(), mode: ResourceMode.Paused, previous: ready, now: T0.AddMinutes(1));
        paused.Phase.Should().Be(Phases.Paused);
        Condition(paused, Conditions.Ready).Should().Be(("True", Reasons.AllPodsRunning));
        Conditions.Find(paused.Conditions, Conditions.Ready)!.LastTransitionTime.Should().Be(T0);
        Condition(paused, Conditions.Reconciling).Should().Be(("False", Reasons.Paused));
        Condition(paused, Conditions.Stalled).Should().Be(("False", Reasons.NotStalled));
        paused.Pods.Should().BeEquivalentTo(ready.Pods, "pods not observed keep their last known state");
    }

    [Fact]
    public void A_spec_changed_while_paused_is_not_Ready()
    {
        var ready = Compose(1, ["a"], Observed(Pod("a")));
        var facts = new StatusFacts(ResourceMode.Paused, 1, ["a"], Observed(), null, 2, null);

        var changed = StatusComposer.Compose(ready, 8, facts, T0.AddMinutes(1));

        var condition = Conditions.Find(changed.Conditions, Conditions.Ready)!;
        (condition.Status, condition.Reason, condition.ObservedGeneration).Should().Be(("False", Reasons.Paused, 8L));
        condition.Message.Should().Contain("generation 8 of the spec is not applied");
        StatusComposer.Compose(changed, 8, facts, T0.AddMinutes(2)).Conditions.Should().ContainSingle(c => c.Type == Conditions.Ready && c.Status == "False");
    }

    [Fact]
    public void Paused_before_anything_is_known_says_so_in_Ready()
    {
        var status = Compose(1, [], Observed(), mode: ResourceMode.Paused);
        Condition(status, Conditions.Ready).Should().Be(("False", Reasons.Paused));
        Condition(status, Conditions.Stalled).Should().Be(("False", Reasons.NotStalled));
    }

    [Fact]
    public void A_pod_never_observed_is_listed_by_id_and_counts_as_converging()
    {
        var status = Compose(1, ["new"], Observed());
        status.Pods.Should().ContainSingle().Which.Should().BeEquivalentTo(new CloudPodStatus { PodId = "new" });
        Condition(status, Conditions.Reconciling).Status.Should().Be("True");
    }

    [Fact]
    public void Composing_again_from_the_same_facts_changes_nothing()
    {
        var first = Compose(2, ["a", "b"], Observed(Pod("a"), Pod("b", "pending")));
        var second = Compose(2, ["a", "b"], Observed(Pod("a"), Pod("b", "pending")), previous: first, now: T0.AddMinutes(3));
        KubernetesJson.Serialize(second).Should().Be(KubernetesJson.Serialize(first));
    }

    [Fact]
    public void Becoming_ready_moves_the_transition_times_of_changed_conditions_only()
    {
        var creating = Compose(1, ["a"], Observed(Pod("a", "pending")));
        var running = Compose(1, ["a"], Observed(Pod("a")), previous: creating, now: T0.AddMinutes(2));
        Conditions.Find(running.Conditions, Conditions.Ready)!.LastTransitionTime.Should().Be(T0.AddMinutes(2));
        Conditions.Find(running.Conditions, Conditions.Reconciling)!.LastTransitionTime.Should().Be(T0.AddMinutes(2));
        Conditions.Find(running.Conditions, Conditions.Stalled)!.LastTransitionTime.Should().Be(T0);
    }
}
