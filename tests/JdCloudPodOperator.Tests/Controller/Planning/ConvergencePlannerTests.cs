using static JdCloudPodOperator.Tests.Controller.Planning.Pods;
using JdCloudPodOperator.Controller.Planning;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class ConvergencePlannerTests
{
    private static Plan PlanFor(
        int desired, string[] podIds, IReadOnlyDictionary<string, ObservedPod> observed,
        string[]? adopt = null, string[]? ownedElsewhere = null, bool createAllowed = true) =>
        ConvergencePlanner.Plan(new ConvergenceInput(
            desired, podIds, observed, adopt ?? [], (ownedElsewhere ?? []).ToHashSet(), createAllowed));

    [Fact]
    public void Desired_pods_all_present_is_steady()
    {
        var plan = PlanFor(2, ["a", "b"], Observed(Pod("a"), Pod("b", "pending")));
        plan.Next.Should().BeOfType<Steady>();
        plan.PodIds.Should().Equal("a", "b");
        plan.Vanished.Should().BeEmpty();
    }

    [Fact]
    public void Stopped_pods_are_kept_not_replaced() =>
        PlanFor(1, ["a"], Observed(Pod("a", "stopped"))).Next.Should().BeOfType<Steady>();

    [Fact]
    public void No_pods_yet_creates_all_desired() =>
        PlanFor(3, [], Observed()).Next.Should().Be(new CreateMissing(3));

    [Fact]
    public void A_pod_missing_from_describe_is_dropped_and_replaced()
    {
        var plan = PlanFor(2, ["a", "b"], Observed(Pod("a")));
        plan.PodIds.Should().Equal("a");
        plan.Vanished.Should().Equal("b");
        plan.Next.Should().Be(new CreateMissing(1));
    }

    [Fact]
    public void A_pod_being_deleted_outside_the_operator_is_dropped_and_replaced()
    {
        var plan = PlanFor(2, ["a", "b"], Observed(Pod("a"), Pod("b", "Deleting")));
        plan.PodIds.Should().Equal("a");
        plan.Vanished.Should().Equal("b");
        plan.Next.Should().Be(new CreateMissing(1));
    }

    [Fact]
    public void Error_pods_are_deleted_first_and_stay_recorded_until_then()
    {
        var plan = PlanFor(3, ["a", "b", "c"], Observed(Pod("a", "ERROR"), Pod("b"), Pod("c", "error")));
        plan.PodIds.Should().Equal("a", "b", "c");
        plan.Next.Should().BeEquivalentTo(new DeletePods(["a", "c"], DeleteCause.ReplaceFailed));
    }

    [Fact]
    public void Error_pods_are_deleted_even_when_there_are_too_many_pods() =>
        PlanFor(1, ["a", "b"], Observed(Pod("a"), Pod("b", "error"))).Next
            .Should().BeEquivalentTo(new DeletePods(["b"], DeleteCause.ReplaceFailed));

    [Fact]
    public void Surplus_prefers_stopped_then_transient_then_running_and_the_newest_among_equals() =>
        ConvergencePlanner.ChooseSurplus(
                [Pod("r1"), Pod("s1", "stopped"), Pod("t1", "pending"), Pod("r2"), Pod("t2", "starting")], 4)
            .Should().Equal("s1", "t2", "t1", "r2");

    [Fact]
    public void Surplus_in_a_transient_phase_is_waited_for_not_deleted_and_not_swapped_for_a_running_pod()
    {
        var observed = Observed(Pod("r1"), Pod("s1", "stopped"), Pod("t1", "pending"), Pod("r2"), Pod("t2", "starting"));
        PlanFor(1, ["r1", "s1", "t1", "r2", "t2"], observed).Next
            .Should().BeEquivalentTo(new DeletePods(["s1", "r2"], DeleteCause.ScaleDown), o => o.WithStrictOrdering());
        PlanFor(2, ["r1", "r2", "t1"], Observed(Pod("r1"), Pod("r2"), Pod("t1", "starting"))).Next
            .Should().BeOfType<SettlingBeforeScaleDown>("deletePod refuses a starting pod; r2 runs and stays");
        PlanFor(2, ["r1", "r2", "t1"], Observed(Pod("r1"), Pod("r2"), Pod("t1"))).Next
            .Should().BeEquivalentTo(new DeletePods(["t1"], DeleteCause.ScaleDown), "once it runs, the newest goes");
    }

    [Fact]
    public void Scale_down_by_one_deletes_the_newest_running_pod() =>
        PlanFor(2, ["a", "b", "c"], Observed(Pod("a"), Pod("b"), Pod("c"))).Next
            .Should().BeEquivalentTo(new DeletePods(["c"], DeleteCause.ScaleDown));

    [Fact]
    public void A_closed_retry_gate_holds_back_a_create() =>
        PlanFor(2, ["a"], Observed(Pod("a")), createAllowed: false).Next.Should().BeOfType<Steady>();

    [Fact]
    public void Duplicate_recorded_ids_count_once()
    {
        var plan = PlanFor(2, ["a", "a"], Observed(Pod("a")));
        plan.PodIds.Should().Equal("a");
        plan.Next.Should().Be(new CreateMissing(1));
    }

    [Fact]
    public void Adopt_annotation_adopts_existing_pods_instead_of_creating() =>
        PlanFor(2, [], Observed(Pod("x"), Pod("y", "stopped")), adopt: ["x", "y"]).Next
            .Should().BeEquivalentTo(new AdoptPods(["x", "y"], AdoptionSource.Annotation));

    [Fact]
    public void Adopt_annotation_adopts_no_more_than_missing() =>
        PlanFor(2, ["a"], Observed(Pod("a"), Pod("x"), Pod("y")), adopt: ["x", "y"]).Next
            .Should().BeEquivalentTo(new AdoptPods(["x"], AdoptionSource.Annotation));

    [Fact]
    public void Adopt_annotation_is_ignored_once_the_count_is_met() =>
        PlanFor(1, ["a"], Observed(Pod("a")), adopt: ["x"]).Next.Should().BeOfType<Steady>();

    [Fact]
    public void Adopted_ids_already_recorded_are_not_candidates_again() =>
        PlanFor(2, ["x"], Observed(Pod("x")), adopt: ["x"]).Next.Should().Be(new CreateMissing(1));

    [Fact]
    public void Adopt_annotation_naming_an_unknown_pod_fails_without_creating()
    {
        var step = PlanFor(1, [], Observed(), adopt: ["ghost"]).Next;
        step.Should().BeEquivalentTo(new AdoptionFailed(["ghost"], []));
    }

    [Fact]
    public void Adopt_annotation_does_not_take_error_or_deleting_pods() =>
        PlanFor(2, [], Observed(Pod("x", "error"), Pod("y", "deleting")), adopt: ["x", "y"]).Next
            .Should().BeEquivalentTo(new AdoptionFailed(["x", "y"], []));

    [Fact]
    public void Adopt_annotation_does_not_take_a_pod_another_resource_owns() =>
        PlanFor(1, [], Observed(Pod("x")), adopt: ["x"], ownedElsewhere: ["x"]).Next
            .Should().BeEquivalentTo(new AdoptionFailed([], ["x"]));

    [Fact]
    public void Adopt_annotation_adopts_what_exists_first_and_reports_the_rest_next_time()
    {
        PlanFor(2, [], Observed(Pod("x")), adopt: ["x", "ghost"]).Next
            .Should().BeEquivalentTo(new AdoptPods(["x"], AdoptionSource.Annotation));
        PlanFor(2, ["x"], Observed(Pod("x")), adopt: ["x", "ghost"]).Next
            .Should().BeEquivalentTo(new AdoptionFailed(["ghost"], []));
    }

    [Fact]
    public void Adopt_annotation_is_acted_on_even_while_creates_are_held_back() =>
        PlanFor(1, [], Observed(Pod("x")), adopt: ["x"], createAllowed: false).Next
            .Should().BeEquivalentTo(new AdoptPods(["x"], AdoptionSource.Annotation));
}
