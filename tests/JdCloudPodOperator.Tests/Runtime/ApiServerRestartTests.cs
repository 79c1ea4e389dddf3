using JdCloudPodOperator.Tests.Controller;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>Tests that restart the shared kube-apiserver run alone, after every parallel test has finished.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiServerRestartCollection
{
    public const string Name = "API server restart";
}

/// <summary>
/// The API server restarts: every watch breaks. The runtime's watch resumes without losing or repeating a change, and
/// a running operator still converges.
/// </summary>
[Collection(ApiServerRestartCollection.Name)]
public sealed class ApiServerRestartTests() : ApiServerTest("rt-restart")
{
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_watch_broken_by_an_API_server_restart_recovers_and_converges_without_losing_or_repeating_changes()
    {
        foreach (var name in new[] { "kept", "changed", "deleted" }) await Client.CreateConfigMapAsync(Ns, name);
        await using var run = new WatcherHarness<V1ConfigMap>(Client, ResourceWatcherTests.Options(Ns));
        await run.StartAsync();
        run.Events.Clear();

        await ControlPlane.Shared.RestartApiServerAsync();
        await Client.SetConfigMapAsync(Ns, "changed", "2");
        await Client.DeleteConfigMapAsync(Ns, "deleted");
        await Client.CreateConfigMapAsync(Ns, "created");
        await run.ConvergedAsync(Ns, () => Client.ConfigMapVersionsAsync(Ns), TimeSpan.FromSeconds(60));

        run.Seen.Should().BeEquivalentTo(["Modified changed", "Deleted deleted", "Added created"]);
        var health = run.Watcher.Health;
        health.Reconnects.Should().BeGreaterThan(0, "the broken watch was noticed and retried");
        health.Running.Should().BeTrue();
        // Those changes may have come by the relist after a 410 (which leaves the error reported until the watch itself
        // delivers) or by the resumed watch: one more change shows the watch delivering, and the error gone.
        await Client.SetConfigMapAsync(Ns, "kept", "after");
        await Eventually.Until(() => run.Watcher.Health.LastError is null && run.Seen.Contains("Modified kept"),
            "the watch delivers again and reports no error", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Changes_made_after_an_API_server_restart_are_reconciled()
    {
        await using var h = await ControllerHarness.StartAsync("rt-restart-op");
        await h.StartOperatorAsync();
        await h.CreateAsync(h.NewPod("before"));
        await h.WaitForReadyAsync("before", 1);

        await ControlPlane.Shared.RestartApiServerAsync();
        await Eventually.Until(async () =>
        {
            try
            {
                await h.PatchAsync("before", """{"spec":{"maxCount":2}}""");
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }, "the API server answers again", ControllerHarness.Limit);
        await h.CreateAsync(h.NewPod("after"));

        await h.WaitForReadyAsync("before", 2);
        await h.WaitForReadyAsync("after", 1);
        h.CloudPods("before").Should().HaveCount(2);
        h.CloudPods("after").Should().ContainSingle();
    }

    /// <summary>
    /// 90 resources (up to 2 pods each) in three waves: the API server restarts while the first wave is being
    /// created (every watch breaks), and the CRD changes while the second is (the resource's watch cache is rebuilt, so
    /// a watch resumed from an earlier resourceVersion gets 410 Gone). Whether the operator's own watch meets the 410
    /// depends on timing (an old watch may still deliver newer events before it ends), so it is reported, not
    /// asserted; <see cref="WatchExpiredTests"/> forces it. All converge, exactly once.
    /// </summary>
    [Fact]
    public async Task A_restart_and_an_expired_watch_while_many_resources_are_created_converge_without_duplicates()
    {
        await using var h = await ControllerHarness.StartAsync("rt-restart-ops");
        var op = await h.StartOperatorAsync();
        await FaultSeed.RunAsync(async random =>
        {
            var first = await Fleet.CreateAsync(h, "wa", 30, random, maxCount: 2);
            await Eventually.Until(() => h.Simulator.State.Pods().Count >= 10, "the first wave is being created", ConvergeLimit);
            var reconnects = ControllerHarness.StatusOf(op).Watch.Reconnects;
            await ControlPlane.Shared.RestartApiServerAsync();
            await Eventually.Until(async () => await AnswersAsync(h), "the API server answers again", ControllerHarness.Limit);
            await Eventually.Until(() => ControllerHarness.StatusOf(op).Watch.Reconnects > reconnects,
                "the operator's watch broke with the restart and was resumed", ConvergeLimit);

            var second = await Fleet.CreateAsync(h, "wb", 30, random, maxCount: 2);
            try
            {
                await Crds.ChangeAsync();
                var third = await Fleet.CreateAsync(h, "wc", 30, random, maxCount: 2);

                foreach (var fleet in new[] { first, second, third }) await fleet.WaitForAllReadyAsync(ConvergeLimit);
                foreach (var fleet in new[] { first, second, third }) await fleet.AssertExactlyTheDesiredPodsAsync();
            }
            finally
            {
                await Crds.RestoreAsync();
            }
            var watch = ControllerHarness.StatusOf(op).Watch;
            Console.WriteLine($"watch after a restart and a CRD change: {watch.Relists} lists, {watch.Reconnects} reconnects");
        });
    }

    private static async Task<bool> AnswersAsync(ControllerHarness h)
    {
        try
        {
            await h.Resources.ListAsync(h.Namespace);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
