using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>The whole runtime as the host registers it, on ConfigMaps, with leader election off (single replica).</summary>
public sealed class ControllerManagerTests() : ApiServerTest("rt-manager")
{

    [Fact]
    public async Task It_reconciles_what_exists_at_start_and_then_every_change()
    {
        await Client.CreateConfigMapAsync(Ns, "existing");
        await using var replica = new ManagerHarness(Client, Ns);
        await replica.StartAsync();
        await Eventually.Until(() => replica.Probe.CallsOf("existing") == 1, "the existing object reconciled");

        await Client.CreateConfigMapAsync(Ns, "new");
        await Eventually.Until(() => replica.Probe.CallsOf("new") == 1, "a created object reconciled");
        await Client.SetConfigMapAsync(Ns, "existing", "2");
        await Eventually.Until(() => replica.Probe.CallsOf("existing") == 2, "an updated object reconciled again");
        await Client.DeleteConfigMapAsync(Ns, "new");
        await Eventually.Until(() => replica.Probe.CallsOf("new") == 2, "a deleted object reconciled (to clean up)");

        replica.Probe.MaxRunningPerKey.Should().Be(1);
        var status = replica.Manager.Status;
        status.IsLeader.Should().BeTrue();
        status.Reconciles.Should().Be(4);
        status.Failures.Should().Be(0);
        status.Watch.Synced.Should().BeTrue();
    }

    [Fact]
    public async Task RequeueAfter_polls_without_any_change()
    {
        await Client.CreateConfigMapAsync(Ns, "polled");
        await using var replica = new ManagerHarness(Client, Ns);
        replica.Probe.Behaviour = (_, call, _) =>
            Task.FromResult(call < 3 ? ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(200)) : ReconcileResult.Done);
        await replica.StartAsync();

        await Eventually.Until(() => replica.Probe.CallsOf("polled") == 3 && replica.Manager.Status.Delayed == 0, "polled twice, then done");
    }

    [Fact]
    public async Task A_failing_reconcile_is_retried_with_backoff_until_it_succeeds()
    {
        await Client.CreateConfigMapAsync(Ns, "flaky");
        await using var replica = new ManagerHarness(Client, Ns);
        replica.Probe.Behaviour = (_, call, _) =>
            call <= 2 ? throw new InvalidOperationException($"attempt {call} failed") : Task.FromResult(ReconcileResult.Done);
        await replica.StartAsync();

        await Eventually.Until(() => replica.Probe.CallsOf("flaky") == 3, "third attempt");
        await Eventually.Until(() => replica.Manager.Status.Delayed == 0, "nothing left to retry");
        replica.Manager.Status.Failures.Should().Be(2);
    }

    [Fact]
    public async Task The_periodic_resync_reconciles_unchanged_objects_again()
    {
        await Client.CreateConfigMapAsync(Ns, "quiet");
        await using var replica = new ManagerHarness(Client, Ns, o => o.WatchResyncPeriod = TimeSpan.FromMilliseconds(300));
        await replica.StartAsync();

        await Eventually.Until(() => replica.Probe.CallsOf("quiet") >= 3, "reconciled by two resyncs");
    }

    [Fact]
    public async Task Memory_is_given_back_once_quiet_after_the_start_up_list_and_again_after_the_next_burst()
    {
        await Client.CreateConfigMapAsync(Ns, "listed");
        await using var replica = new ManagerHarness(Client, Ns,
            o => o.MemoryTrim = new MemoryTrimOptions { QuietFor = TimeSpan.FromMilliseconds(300), MinAllocatedBytes = 0 });
        await replica.StartAsync();
        await Eventually.Until(() => replica.Probe.CallsOf("listed") == 1 && replica.Manager.MemoryTrims == 1, "trimmed once quiet after the start-up list");

        await Client.CreateConfigMapAsync(Ns, "burst");
        await Eventually.Until(() => replica.Probe.CallsOf("burst") == 1 && replica.Manager.MemoryTrims == 2, "trimmed again once quiet after the change");
    }

    [Fact]
    public async Task Health_checks_report_the_watch_live_and_the_cache_ready()
    {
        await using var replica = new ManagerHarness(Client, Ns);
        var health = replica.Services.GetRequiredService<HealthCheckService>();
        (await health.CheckHealthAsync(c => c.Tags.Contains("ready"))).Status.Should().Be(HealthStatus.Unhealthy, "not synced before start");
        (await health.CheckHealthAsync(c => c.Tags.Contains("live"))).Status.Should().Be(HealthStatus.Unhealthy, "the watch is not running");

        await replica.StartAsync();
        await Eventually.Until(() => replica.Manager.Status.Watch.Synced, "synced");

        (await health.CheckHealthAsync(c => c.Tags.Contains("ready"))).Status.Should().Be(HealthStatus.Healthy);
        (await health.CheckHealthAsync(c => c.Tags.Contains("live"))).Status.Should().Be(HealthStatus.Healthy);
    }
}
