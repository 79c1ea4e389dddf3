using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;
using static JdCloudPodOperator.Entities.PodSteps;
using static JdCloudPodOperator.Tests.Controller.Planning.PodChangeTests;

namespace JdCloudPodOperator.Tests.Controller.Planning;

/// <summary>One pass of the rollout planner: which pods it touches, and how far the bounds let it go.</summary>
public class RolloutPlannerTests
{
    private static readonly PodSpecRevision R0 = Revision("r0");
    private static readonly PodSpecRevision Image = Revision("r1", containers: "c1");
    private static readonly PodSpecRevision Subnet = Revision("r2", @fixed: "f1");
    private static readonly PodSpecRevision Words = Revision("r3", description: "d1");
    private static readonly PodSpecRevision Larger = Revision("r4", type: "g.n2.large", resources: "m1");
    private static readonly PodSpecRevision OtherResources = Revision("r5", resources: "m2");

    private static RolloutPlan Plan(PodSpecRevision target, UpdateBounds bounds, RolloutPod[] pods, int desired = 3,
        bool inPlace = true, bool allowed = true, bool run = true) =>
        RolloutPlanner.Plan(new RolloutInput(desired, bounds, inPlace, allowed, run, target,
            new Dictionary<string, PodSpecRevision> { ["r0"] = R0, ["r1"] = Image, ["r2"] = Subnet, ["r3"] = Words, ["r4"] = Larger }, pods));

    private static RolloutPod[] Running(string revision, params string[] ids) =>
        [.. ids.Select(id => new RolloutPod(id, PodState.Running, revision))];

    private static RolloutPod Op(string id, string phase, string revision, string heading, bool sent, params string[] steps) =>
        new(id, ObservedPod.StateOf(phase), revision, new PodOperationStatus { Revision = heading, Steps = [.. steps], Sent = sent ? true : null });

    [Fact]
    public void In_place_takes_down_as_many_pods_as_max_unavailable_allows()
    {
        var plan = Plan(Image, new UpdateBounds(1, 0), Running("r0", "a", "b", "c"));

        plan.Calls.Should().Equal(new PodCall("a", Stop));
        plan.Pods[0].Operation.Should().BeEquivalentTo(new PodOperationStatus { Revision = "r1", Steps = [Stop, Rebuild, Start] });
        plan.Pods.Skip(1).Should().OnlyContain(p => p.Operation == null && p.Revision == "r0");
        (plan.Surge, plan.Replace.Count).Should().Be((0, 0));
    }

    [Fact]
    public void With_nothing_allowed_down_an_in_place_update_first_gets_a_pod_to_stand_in()
    {
        var plan = Plan(Image, new UpdateBounds(0, 1), Running("r0", "a", "b", "c"));

        plan.Calls.Should().BeEmpty();
        plan.Surge.Should().Be(1);

        var covered = Plan(Image, new UpdateBounds(0, 1), [.. Running("r0", "a", "b", "c"), .. Running("r1", "d")]);
        covered.Calls.Should().Equal(new PodCall("a", Stop));
        covered.Surge.Should().Be(0);
    }

    [Fact]
    public void Replacement_adds_a_pod_first_then_deletes_an_old_one_once_it_serves()
    {
        Plan(Subnet, new UpdateBounds(0, 1), Running("r0", "a", "b", "c")).Should().Match<RolloutPlan>(p => p.Surge == 1 && p.Replace.Count == 0);

        RolloutPod pending = new("d", PodState.Transient, "r2");
        Plan(Subnet, new UpdateBounds(0, 1), [.. Running("r0", "a", "b", "c"), pending]).Acts.Should().BeFalse();

        var serving = Plan(Subnet, new UpdateBounds(0, 1), [.. Running("r0", "a", "b", "c"), .. Running("r2", "d")]);
        serving.Replace.Should().Equal("a");
        serving.Surge.Should().Be(0);
    }

    [Fact]
    public void Replacement_with_one_allowed_down_deletes_first()
    {
        var plan = Plan(Subnet, new UpdateBounds(1, 0), Running("r0", "a", "b", "c"));

        plan.Replace.Should().Equal("a");
        plan.Surge.Should().Be(0);
    }

    [Fact]
    public void Old_pods_that_do_not_serve_are_replaced_without_using_the_budget()
    {
        RolloutPod[] pods = [new("a", PodState.Stopped, "r0"), .. Running("r0", "b", "c")];

        Plan(Subnet, new UpdateBounds(0, 1), pods).Replace.Should().Equal("a");
    }

    [Fact]
    public void A_description_change_modifies_every_pod_at_once_without_stopping_any()
    {
        var plan = Plan(Words, new UpdateBounds(0, 1), Running("r0", "a", "b", "c"));

        plan.Calls.Should().Equal(new PodCall("a", Modify), new PodCall("b", Modify), new PodCall("c", Modify));
        plan.Surge.Should().Be(0);
    }

    [Fact]
    public void Recreate_takes_every_pod_at_once()
    {
        Plan(Image, new UpdateBounds(3, 0), Running("r0", "a", "b", "c")).Calls.Select(c => c.Step).Should().Equal(Stop, Stop, Stop);
        Plan(Subnet, new UpdateBounds(3, 0), Running("r0", "a", "b", "c")).Replace.Should().Equal("a", "b", "c");
    }

    [Fact]
    public void Run_state_stopped_stops_every_pod_and_running_starts_them_again()
    {
        var stop = Plan(R0, new UpdateBounds(0, 1), Running("r0", "a", "b"), desired: 2, run: false);
        stop.Calls.Should().Equal(new PodCall("a", Stop), new PodCall("b", Stop));
        stop.Surge.Should().Be(0);

        RolloutPod[] stopped = [new("a", PodState.Stopped, "r0"), new("b", PodState.Stopped, "r0")];
        Plan(R0, new UpdateBounds(0, 1), stopped, desired: 2).Calls.Should().Equal(new PodCall("a", Start), new PodCall("b", Start));
        Plan(R0, new UpdateBounds(0, 1), stopped, desired: 2, run: false).Acts.Should().BeFalse();
    }

    [Fact]
    public void An_update_of_stopped_pods_leaves_them_stopped()
    {
        RolloutPod[] stopped = [new("a", PodState.Stopped, "r0")];

        var plan = Plan(Image, new UpdateBounds(0, 1), stopped, desired: 1, run: false);

        plan.Pods[0].Operation!.Steps.Should().Equal(Rebuild);
    }

    [Fact]
    public void Under_never_only_a_description_change_goes_through()
    {
        var blocked = Plan(Image, new UpdateBounds(1, 0), Running("r0", "a", "b"), desired: 2, allowed: false);
        blocked.Acts.Should().BeFalse();
        blocked.Blocked.Should().Equal("a", "b");

        Plan(Words, new UpdateBounds(1, 0), Running("r0", "a"), desired: 1, allowed: false).Calls.Should().Equal(new PodCall("a", Modify));
    }

    [Fact]
    public void In_place_never_replaces_instead() =>
        Plan(Image, new UpdateBounds(1, 0), Running("r0", "a", "b"), desired: 2, inPlace: false).Replace.Should().Equal("a");

    [Fact]
    public void A_finished_operation_records_the_revision()
    {
        var plan = Plan(Image, new UpdateBounds(1, 0), [Op("a", "running", "r0", "r1", true, Start), .. Running("r0", "b")], desired: 2);

        plan.Pods[0].Should().Be(new RolloutPod("a", PodState.Running, "r1"));
        plan.Updated.Should().Equal("a");
        plan.Calls.Should().Equal(new PodCall("b", Stop));
    }

    [Fact]
    public void A_pod_in_error_after_its_update_is_reported_and_holds_the_budget()
    {
        var plan = Plan(Image, new UpdateBounds(1, 0), [Op("a", "error", "r0", "r1", true, Start), .. Running("r0", "b", "c")]);

        plan.Failed.Should().Equal("a");
        plan.Acts.Should().BeFalse();
    }

    [Fact]
    public void A_changed_target_rebuilds_a_stopped_pod_again_towards_it()
    {
        // Rebuilt to r1 and waiting to start when the spec went back to r0.
        var plan = Plan(R0, new UpdateBounds(1, 0), [Op("a", "stopped", "r0", "r1", false, Start), .. Running("r0", "b", "c")]);

        plan.Pods[0].Operation.Should().BeEquivalentTo(new PodOperationStatus { Revision = "r0", Steps = [Rebuild, Start] });
        plan.Calls.Should().Equal(new PodCall("a", Rebuild));
    }

    [Fact]
    public void A_changed_target_drops_a_stop_that_was_never_accepted()
    {
        var plan = Plan(R0, new UpdateBounds(1, 0), [Op("a", "running", "r0", "r1", false, Stop, Rebuild, Start), .. Running("r0", "b", "c")]);

        plan.Pods[0].Should().Be(new RolloutPod("a", PodState.Running, "r0"));
        plan.Acts.Should().BeFalse();
    }

    [Fact]
    public void An_operation_planned_again_stops_serving_pods_only_within_max_unavailable()
    {
        // Description modifications never sent (the cloud was down), then an image change: each needs a stop now.
        var plan = Plan(Image, new UpdateBounds(1, 0), [.. new[] { "a", "b", "c" }.Select(id => Op(id, "running", "r0", "r3", false, Modify))]);

        plan.Calls.Should().Equal(new PodCall("a", Stop));
        plan.Pods.Should().OnlyContain(p => p.Operation!.Revision == "r1" && p.Operation.Steps!.SequenceEqual(new[] { Stop, Rebuild, Modify, Start }),
            "every pod keeps its re-planned operation; b and c wait for a slot");
        plan.Surge.Should().Be(0);
    }

    [Fact]
    public void Operations_waiting_for_a_slot_take_them_one_at_a_time()
    {
        RolloutPod[] pods = [.. new[] { "a", "b", "c" }.Select(id => Op(id, "running", "r0", "r1", false, Stop, Rebuild, Start))];

        Plan(Image, new UpdateBounds(1, 0), pods).Calls.Should().Equal(new PodCall("a", Stop));
        Plan(Image, new UpdateBounds(2, 0), pods).Calls.Should().Equal(new PodCall("a", Stop), new PodCall("b", Stop));
        Plan(Image, new UpdateBounds(1, 0), [Op("a", "stopped", "r0", "r1", true, Stop, Rebuild, Start), .. pods[1..]]).Calls
            .Should().Equal([new PodCall("a", Rebuild)], "the stopped pod holds the one slot");
    }

    [Fact]
    public void A_stop_for_a_run_state_changed_back_to_running_is_dropped()
    {
        var plan = Plan(R0, new UpdateBounds(1, 0), [.. new[] { "a", "b" }.Select(id => Op(id, "running", "r0", "r0", false, Stop))], desired: 2);

        plan.Pods.Should().OnlyContain(p => p.Operation == null && p.Revision == "r0");
        plan.Acts.Should().BeFalse();
    }

    [Fact]
    public void A_resize_replanned_to_the_type_the_pod_still_has_replaces_it_for_its_new_resources()
    {
        // Stopped for a resize to g.n2.large that never went through; now the spec wants g.n2.medium with other resources.
        var stuck = Op("a", "stopped", "r0", "r4", false, Resize, Start);

        Plan(OtherResources, new UpdateBounds(1, 0), [stuck with { InstanceType = "g.n2.medium" }, .. Running("r0", "b")], desired: 2)
            .Replace.Should().Equal(["a"], "resizePod cannot change resources on the same type");
        var resized = Plan(OtherResources, new UpdateBounds(1, 0), [stuck with { InstanceType = "g.n2.large" }, .. Running("r0", "b")], desired: 2);
        resized.Calls.Should().Equal([new PodCall("a", Resize)], "the pod is on the other type: resized back, with the new resources");
        resized.Replace.Should().BeEmpty();
    }

    [Fact]
    public void A_pod_between_phases_is_left_alone() =>
        Plan(Image, new UpdateBounds(3, 0), [new RolloutPod("a", PodState.Transient, "r0"), new RolloutPod("b", PodState.Transient, "r0", new PodOperationStatus { Revision = "r0", Steps = [Stop], Sent = true })], desired: 2)
            .Acts.Should().BeFalse();
}
