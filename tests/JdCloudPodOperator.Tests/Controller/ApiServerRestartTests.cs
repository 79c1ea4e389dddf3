using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudPodOperator.Tests.Runtime;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>The API server restarts under a running operator: every watch breaks; the controller still converges.</summary>
[Collection(ApiServerRestartCollection.Name)]
public sealed class ControllerApiServerRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromMinutes(3);
    private ControllerHarness _h = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _operator = null!;

    public async Task InitializeAsync()
    {
        _h = await ControllerHarness.StartAsync("ctl-restart");
        _operator = await _h.StartOperatorAsync();
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

    /// <summary>
    /// 90 resources (up to 2 pods each) in three waves: the API server restarts while the first wave is being
    /// created (every watch breaks), and the CRD changes while the second is (the resource's watch cache is rebuilt, so
    /// a watch resumed from an earlier resourceVersion gets 410 Gone). Whether the operator's own watch meets the 410
    /// depends on timing (an old watch may still deliver newer events before it ends), so it is reported, not
    /// asserted; Runtime/WatchExpiredTests forces it. All converge, exactly once.
    /// </summary>
    [Fact]
    public Task A_restart_and_an_expired_watch_while_many_resources_are_created_converge_without_duplicates() => FaultSeed.RunAsync(async random =>
    {
        var first = await Fleet.CreateAsync(_h, "wa", 30, random, maxCount: 2);
        await Eventually.Until(() => _h.Simulator.State.Pods().Count >= 10, "the first wave is being created", ConvergeLimit);
        var reconnects = ControllerHarness.StatusOf(_operator).Watch.Reconnects;
        await ControlPlane.Shared.RestartApiServerAsync();
        await Eventually.Until(async () => await AnswersAsync(), "the API server answers again", ControllerHarness.Limit);
        await Eventually.Until(() => ControllerHarness.StatusOf(_operator).Watch.Reconnects > reconnects,
            "the operator's watch broke with the restart and was resumed", ConvergeLimit);

        var second = await Fleet.CreateAsync(_h, "wb", 30, random, maxCount: 2);
        try
        {
            await Crds.ChangeAsync();
            var third = await Fleet.CreateAsync(_h, "wc", 30, random, maxCount: 2);

            foreach (var fleet in new[] { first, second, third }) await fleet.WaitForAllReadyAsync(ConvergeLimit);
            foreach (var fleet in new[] { first, second, third }) await fleet.AssertExactlyTheDesiredPodsAsync();
        }
        finally
        {
            await Crds.RestoreAsync();
        }
        var watch = ControllerHarness.StatusOf(_operator).Watch;
        Console.WriteLine($"watch after a restart and a CRD change: {watch.Relists} lists, {watch.Reconnects} reconnects");
    });

    private async Task<bool> AnswersAsync()
    {
        try
        {
            await _h.Resources.ListAsync(_h.Namespace);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
