using JdCloudPodOperator.Controller.Status;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>Pods that fail or vanish in the cloud are noticed by polling and replaced; partial creates are completed.</summary>
public sealed class RepairTests() : HarnessTest("ctl-repair")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _h.StartOperatorAsync();
    }

    [Fact]
    public async Task A_pod_that_goes_to_error_is_deleted_and_replaced()
    {
        await _h.CreateAsync(_h.NewPod("fails", maxCount: 2));
        var before = await _h.WaitForReadyAsync("fails", 2);
        var broken = before.Status!.PodIds![0];

        _h.Simulator.State.FailPod(broken, "host failure");
        var after = await _h.WaitForAsync("fails", p => ControllerHarness.IsReady(p) && p.Status!.PodIds!.Count == 2
            && !p.Status.PodIds.Contains(broken), "Ready again without the failed pod");

        after.Status!.PodIds.Should().Contain(before.Status.PodIds[1]);
        _h.LiveCloudPods("fails").Select(p => p.PodId).Should().BeEquivalentTo(after.Status.PodIds);
        _h.Simulator.State.Pod(broken)!.Exists.Should().BeFalse("the error pod was deleted");
        await _h.WaitForEventAsync("fails", EventReasons.Replaced, broken);
    }

    [Fact]
    public async Task A_pod_deleted_out_of_band_is_replaced()
    {
        await _h.CreateAsync(_h.NewPod("drift"));
        var before = await _h.WaitForReadyAsync("drift", 1);
        var lost = before.Status!.PodIds!.Single();

        _h.Simulator.State.RemovePod(lost);
        var after = await _h.WaitForAsync("drift", p => ControllerHarness.IsReady(p) && p.Status!.PodIds!.Count == 1
            && p.Status.PodIds[0] != lost, "Ready with a replacement pod");
        _h.LiveCloudPods("drift").Should().ContainSingle().Which.PodId.Should().Be(after.Status!.PodIds![0]);
        await _h.WaitForEventAsync("drift", EventReasons.Replaced, lost);
    }

    [Fact]
    public async Task A_partial_create_is_reported_and_completed_when_capacity_returns()
    {
        _h.Simulator.State.Configure(s => s with { Capacity = _h.Simulator.State.Pods().Count(p => p.Exists) + 1 });
        try
        {
            await _h.CreateAsync(_h.NewPod("partial", maxCount: 3));
            var partial = await _h.WaitForAsync("partial", p => ControllerHarness.Condition(p, Conditions.Ready)?.Reason == Reasons.PartiallyCreated,
                "Ready=False PartiallyCreated");
            partial.Status!.CreatedCount.Should().Be(1);
            await _h.WaitForEventAsync("partial", Reasons.PartiallyCreated);
        }
        finally
        {
            _h.Simulator.State.Configure(s => s with { Capacity = null });
        }
        await _h.WaitForReadyAsync("partial", 3);
        _h.CloudPods("partial").Should().HaveCount(3);
    }
}
