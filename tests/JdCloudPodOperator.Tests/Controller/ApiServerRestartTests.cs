using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudPodOperator.Tests.Reconciliation;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>The API server restarts under a running operator: every watch breaks; the controller still converges.</summary>
[Collection(ApiServerRestartCollection.Name)]
public sealed class ControllerApiServerRestartTests : IAsyncLifetime
{
    private ControllerHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await ControllerHarness.StartAsync("ctl-restart");
        await _h.StartOperatorAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Changes_made_after_an_API_server_restart_are_reconciled()
    {
        await _h.CreateAsync(_h.NewPod("before"));
        await _h.WaitForReadyAsync("before", 1);

        await ControlPlane.Shared.RestartApiServerAsync();
        await Eventually.Until(async () =>
        {
            try
            {
                await _h.PatchAsync("before", """{"spec":{"maxCount":2}}""");
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }, "the API server answers again", ControllerHarness.Limit);
        await _h.CreateAsync(_h.NewPod("after"));

        await _h.WaitForReadyAsync("before", 2);
        await _h.WaitForReadyAsync("after", 1);
        _h.CloudPods("before").Should().HaveCount(2);
        _h.CloudPods("after").Should().ContainSingle();
    }
}
