using JdCloudPodOperator.Reconciliation;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Reconciliation;

/// <summary>The watcher against the real API server, on ConfigMaps.</summary>
public sealed class ResourceWatcherTests : IAsyncLifetime
{
    private readonly IKubernetes _client = ControlPlane.Shared.AdminClient();
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await ControlPlane.Shared.CreateNamespaceAsync("rt-watch");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task It_lists_then_sees_every_create_update_and_delete_and_the_cache_matches_the_server()
    {
        await _client.CreateConfigMapAsync(_ns, "a");
        await _client.CreateConfigMapAsync(_ns, "b");
        await using var run = new WatcherHarness<V1ConfigMap>(_client, Options(_ns));
        await run.StartAsync();

        await _client.CreateConfigMapAsync(_ns, "c");
        await _client.SetConfigMapAsync(_ns, "a", "2");
        await _client.DeleteConfigMapAsync(_ns, "b");
        await run.ConvergedAsync(_ns, () => _client.ConfigMapVersionsAsync(_ns));

        run.Seen.Should().Equal("Added a", "Added b", "Added c", "Modified a", "Deleted b");
        run.Cache.Get(new NamespacedName(_ns, "a"))!.Data["v"].Should().Be("2");
        run.Cache.Get(new NamespacedName(_ns, "b")).Should().BeNull();
        run.Events.Single(e => e.Type == ResourceEventType.Modified).Old!.Data["v"].Should().Be("1");
        run.Watcher.Health.Relists.Should().Be(1);
    }

    [Fact]
    public async Task Namespaces_scope_what_is_watched()
    {
        var second = await ControlPlane.Shared.CreateNamespaceAsync("rt-watch2");
        var other = await ControlPlane.Shared.CreateNamespaceAsync("rt-other");
        await using var run = new WatcherHarness<V1ConfigMap>(_client, Options(_ns, second));
        await run.StartAsync();

        await _client.CreateConfigMapAsync(_ns, "in-first");
        await _client.CreateConfigMapAsync(second, "in-second");
        await _client.CreateConfigMapAsync(other, "elsewhere");
        await run.ConvergedAsync(_ns, () => _client.ConfigMapVersionsAsync(_ns));
        await run.ConvergedAsync(second, () => _client.ConfigMapVersionsAsync(second));

        run.Cache.List(other).Should().BeEmpty();
        run.Seen.Should().NotContain("Added elsewhere");
    }

    [Fact]
    public async Task Cluster_wide_it_sees_every_namespace()
    {
        var other = await ControlPlane.Shared.CreateNamespaceAsync("rt-other");
        await using var run = new WatcherHarness<V1ConfigMap>(_client, new WatchOptions { RetryInitialDelay = TimeSpan.FromMilliseconds(100) });
        await run.StartAsync();

        await _client.CreateConfigMapAsync(_ns, "here");
        await _client.CreateConfigMapAsync(other, "there");
        await run.ConvergedAsync(_ns, () => _client.ConfigMapVersionsAsync(_ns));
        await run.ConvergedAsync(other, () => _client.ConfigMapVersionsAsync(other));
    }

    [Fact]
    public async Task When_the_server_ends_each_watch_it_continues_from_the_last_resourceVersion_losing_and_repeating_nothing()
    {
        var options = Options(_ns);
        options.WatchTimeout = TimeSpan.FromSeconds(1);
        await using var run = new WatcherHarness<V1ConfigMap>(_client, options);
        await run.StartAsync();

        for (var i = 0; i < 4; i++)
        {
            var watches = run.Watcher.Health.Watches;
            await _client.CreateConfigMapAsync(_ns, $"m{i}");
            await _client.SetConfigMapAsync(_ns, $"m{i}", "2");
            await Eventually.Until(() => run.Watcher.Health.Watches > watches, "the server ended the watch and a new one began");
        }
        await run.ConvergedAsync(_ns, () => _client.ConfigMapVersionsAsync(_ns));

        run.Seen.Should().Equal(Enumerable.Range(0, 4).SelectMany(i => new[] { $"Added m{i}", $"Modified m{i}" }));
        run.Watcher.Health.Relists.Should().Be(1, "a watch the server ended continues from its resourceVersion");
        run.Watcher.Health.Reconnects.Should().Be(0);
    }

    [Fact]
    public async Task A_stopped_watcher_run_again_continues_where_it_stopped()
    {
        await _client.CreateConfigMapAsync(_ns, "a");
        await using var run = new WatcherHarness<V1ConfigMap>(_client, Options(_ns));
        await run.StartAsync();
        await run.StopAsync();

        await _client.SetConfigMapAsync(_ns, "a", "2");
        await _client.CreateConfigMapAsync(_ns, "b");
        await run.StartAsync();
        await run.ConvergedAsync(_ns, () => _client.ConfigMapVersionsAsync(_ns));

        run.Seen.Should().Equal("Added a", "Modified a", "Added b");
        run.Watcher.Health.Relists.Should().Be(1);
    }

    [Fact]
    public async Task Health_tells_when_the_server_was_last_heard_and_the_cache_is_synced()
    {
        var before = DateTimeOffset.UtcNow;
        await using var run = new WatcherHarness<V1ConfigMap>(_client, Options(_ns));
        run.Watcher.Health.Running.Should().BeFalse();
        await run.StartAsync();

        var health = run.Watcher.Health;
        health.Running.Should().BeTrue();
        health.Synced.Should().BeTrue();
        health.LastContact.Should().BeOnOrAfter(before);
        health.IsHealthy(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)).Should().BeTrue();
        health.IsHealthy(DateTimeOffset.UtcNow.AddMinutes(2), TimeSpan.FromMinutes(1)).Should().BeFalse("silence past the limit is unhealthy");

        await run.StopAsync();
        run.Watcher.Health.Running.Should().BeFalse();
        run.Watcher.Health.IsHealthy(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)).Should().BeFalse("a watcher that stopped is never healthy");
    }

    [Fact]
    public async Task The_cache_hands_out_copies()
    {
        await _client.CreateConfigMapAsync(_ns, "a");
        await using var run = new WatcherHarness<V1ConfigMap>(_client, Options(_ns));
        await run.StartAsync();

        run.Cache.Get(new NamespacedName(_ns, "a"))!.Data["v"] = "changed by a careless reconciler";

        run.Cache.Get(new NamespacedName(_ns, "a"))!.Data["v"].Should().Be("1");
    }

    internal static WatchOptions Options(params string[] namespaces) => new()
    {
        Namespaces = namespaces,
        RetryInitialDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
    };
}
