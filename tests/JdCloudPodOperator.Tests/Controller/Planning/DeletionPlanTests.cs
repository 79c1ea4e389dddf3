using static JdCloudPodOperator.Tests.Controller.Planning.Pods;
using JdCloudPodOperator.Controller.Planning;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class DeletionPlanTests
{
    [Fact]
    public void Deletable_phases_are_deleted_and_transient_ones_waited_for()
    {
        var plan = DeletionPlan.For(["r", "s", "e", "p", "d", "gone"],
            Observed(Pod("r"), Pod("s", "stopped"), Pod("e", "error"), Pod("p", "pending"), Pod("d", "deleting")));
        plan.ToDelete.Should().Equal("r", "s", "e");
        plan.Remaining.Should().Equal("r", "s", "e", "p", "d");
        plan.Finished.Should().BeFalse();
    }

    [Fact]
    public void Finished_when_no_recorded_pod_exists()
    {
        var plan = DeletionPlan.For(["a", "b"], Observed());
        plan.Finished.Should().BeTrue();
        plan.ToDelete.Should().BeEmpty();
    }

    [Fact]
    public void Nothing_recorded_is_finished_at_once() => DeletionPlan.For([], Observed()).Finished.Should().BeTrue();
}
