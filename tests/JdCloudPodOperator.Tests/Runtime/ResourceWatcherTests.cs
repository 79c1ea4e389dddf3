using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>The watcher against the real API server, on ConfigMaps.</summary>
public sealed class ResourceWatcherTests() : ApiServerTest("rt-watch")
{

    [Fact]
    public async Task It_lists_then_sees_every_create_update_and_delete_and_the_cache_matches_the_server()
    {
        await Client.CreateConfigMapAsync(Ns, "a");
        await Client.CreateConfigMapAsync(Ns, "b");
        await using var run = new WatcherHarness<V1ConfigMap>(Client, Options(Ns));
        await run.StartAsync();

        await Client.CreateConfigMapAsync(Ns, "c");
        await Client.SetConfigMapAsync(Ns, "a", "2");
        await Client.DeleteConfigMapAsync(Ns, "b");
        await run.ConvergedAsync(Ns, () => Client.ConfigMapVersionsAsync(Ns));

        run.Seen.Should().Equal("Added a", "Added b", "Added c", "Modified a", "Deleted b");
        run.Cache.Get(new NamespacedName(Ns, "a"))!.Data["v"].Should().Be("2");
        run.Cache.Get(new NamespacedName(Ns, "b")).Should().BeNull();
        run.Events.Single(e => e.Type == ResourceEventType.Modified).Old!.Data["v"].Should().Be("1");
        run.Watcher.Health.Relists.Should().Be(1);
    }

    [Fact]
    public async Task Namespaces_scope_what_is_watched()
    {
        var second = await ControlPlane.Shared.CreateNamespaceAsync("rt-watch2");
        var other = await ControlPlane.Shared.CreateNamespaceAsync("rt-other");
        await using var run = new WatcherHarness<V1ConfigMap>(Client, Options(Ns, second));
        await run.StartAsync();

        await Client.CreateConfigMapAsync(Ns, "in-first");
        await Client.CreateConfigMapAsync(second, "in-second");
        await Client.CreateConfigMapAsync(other, "elsewhere");
        await run.ConvergedAsync(Ns, () => Client.ConfigMapVersionsAsync(Ns));
        await run.ConvergedAsync(second, () => Client.ConfigMapVersionsAsync(second));

        run.Cache.List(other).Should().BeEmpty();
        run.Seen.Should().NotContain("Added elsewhere");
    }

    [Fact]
    public async Task Cluster_wide_it_sees_every_namespace()
    {
        var other = await ControlPlane.Shared.CreateNamespaceAsync("rt-other");
        await using var run = new WatcherHarness<V1ConfigMap>(Client, new WatchOptions { RetryInitialDelay = TimeSpan.FromMilliseconds(100) });
        await run.StartAsync();

        await Client.CreateConfigMapAsync(Ns, "here");
        await Client.CreateConfigMapAsync(other, "there");
        await run.ConvergedAsync(Ns, () => Client.ConfigMapVersionsAsync(Ns));
        await run.ConvergedAsync(other, () => Client.ConfigMapVersionsAsync(other));
    }

    [Fact]
    public async Task When_the_server_ends_each_watch_it_continues_from_the_last_resourceVersion_losing_and_repeating_nothing()
    {
        var options = Options(Ns);
        options.WatchTimeout = TimeSpan.FromSeconds(1);
        await using var run = new WatcherHarness<V1ConfigMap>(Client, options);
        await run.StartAsync();

        for (var i = 0; i < 4; i++)
        {
            var watches = run.Watcher.Health.Watches;
            await Client.CreateConfigMapAsync(Ns, $"m{i}");
            await Client.SetConfigMapAsync(Ns, $"m{i}", "2");
            await Eventually.Until(() => run.Watcher.Health.Watches > watches, "the server ended the watch and a new one began");
        }
        await run.ConvergedAsync(Ns, () => Client.ConfigMapVersionsAsync(Ns));

        run.Seen.Should().Equal(Enumerable.Range(0, 4).SelectMany(i => new[] { $"Added m{i}", $"Modified m{i}" }));
        run.Watcher.Health.Relists.Should().Be(1, "a watch the server ended continues from its resourceVersion");
        run.Watcher.Health.Reconnects.Should().Be(0);
    }

    [Fact]
    public async Task A_stopped_watcher_run_again_continues_where_it_stopped()
    {
        await Client.CreateConfigMapAsync(Ns, "a");
        await using var run = new WatcherHarness<V1ConfigMap>(Client, Options(Ns));
        await run.StartAsync();
        await run.StopAsync();

        await Client.SetConfigMapAsync(Ns, "a", "2");
        await Client.CreateConfigMapAsync(Ns, "b");
        await run.StartAsync();
        await run.ConvergedAsync(Ns, () => Client.ConfigMapVersionsAsync(Ns));

        run.Seen.Should().Equal("Added a", "Modified a", "Added b");
        run.Watcher.Health.Relists.Should().Be(1);
    }

    [Fact]
    public async Task Health_tells_when_the_server_was_last_heard_and_the_cache_is_synced()
    {
        var before = DateTimeOffset.UtcNow;
        await using var run = new WatcherHarness<V1ConfigMap>(Client, Options(Ns));
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
        await Client.CreateConfigMapAsync(Ns, "a");
        await using var run = new WatcherHarness<V1ConfigMap>(Client, Options(Ns));
        await run.StartAsync();

        run.Cache.Get(new NamespacedName(Ns, "a"))!.Data["v"] = "changed by a careless reconciler";

        run.Cache.Get(new NamespacedName(Ns, "a"))!.Data["v"].Should().Be("1");
    }

    internal static WatchOptions Options(params string[] namespaces) => new()
    {
        Namespaces = namespaces,
        RetryInitialDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
    };
}
