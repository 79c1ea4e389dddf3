using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Controller.Status;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// createPods' maxCount is best effort against the pod quota (docs/jdcloud-api.md, createPods): the cloud creates what fits, and
/// the operator creates the rest once quota frees up, on the real API server with the simulator.
/// </summary>
public sealed class QuotaTests : IAsyncLifetime
{
    private ControllerHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await ControllerHarness.StartAsync("ctl-quota");
        // A quota refusal waits TerminalRetryDelay before the next try; shortened so freeing quota shows soon.
        await _h.StartOperatorAsync(tune: s => s.Controller.TerminalRetryDelay = TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static string? ReadyReason(JdCloudPod p) => ControllerHarness.Condition(p, Conditions.Ready)?.Reason;

    [Fact]
    public async Task A_create_cut_short_by_the_quota_is_completed_once_quota_frees_up()
    {
        _h.Simulator.State.Configure(s => s with { PodQuota = 3 });
        await _h.CreateAsync(_h.NewPod("holder", maxCount: 2));
        await _h.WaitForReadyAsync("holder", 2);

        await _h.CreateAsync(_h.NewPod("grower", maxCount: 2));

        (await _h.WaitForEventAsync("grower", Reasons.PartiallyCreated)).Message.Should().Contain("created 1 of 2 requested pods");
        var waiting = await _h.WaitForAsync("grower", p => ReadyReason(p) == Reasons.QuotaExceeded, "QuotaExceeded for the rest");
        waiting.Status!.PodIds.Should().HaveCount(1);
        _h.LiveCloudPods("grower").Should().ContainSingle();

        await _h.DeleteAsync("holder");
        await _h.WaitForGoneAsync("holder");

        var ready = await _h.WaitForReadyAsync("grower", 2, TimeSpan.FromSeconds(60));
        _h.CloudPods("grower").Select(p => p.PodId).Should().BeEquivalentTo(ready.Status!.PodIds, "the rest was created once, nothing twice");
        _h.Simulator.State.Calls.Snapshot("createPods").Where(c => c.Body.Contains("\"name\":\"grower\""))
            .Should().Contain(c => c.ErrorStatus == "QUOTA_EXCEEDED", "the rest was refused while the quota was used up");
    }
}
