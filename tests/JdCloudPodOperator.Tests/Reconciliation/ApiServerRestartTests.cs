using JdCloudPodOperator.Reconciliation;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Reconciliation;

/// <summary>Tests that restart the shared kube-apiserver run alone, after every parallel test has finished.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiServerRestartCollection
{
    public const string Name = "API server restart";
}

[Collection(ApiServerRestartCollection.Name)]
public sealed class ApiServerRestartTests : IAsyncLifetime
{
    private readonly IKubernetes _client = ControlPlane.Shared.AdminClient();
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await ControlPlane.Shared.CreateNamespaceAsync("rt-restart");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_watch_broken_by_an_API_server_restart_recovers_and_converges_without_losing_or_repeating_changes()
    {
        foreach (var name in new[] { "kept", "changed", "deleted" }) await _client.CreateConfigMapAsync(_ns, name);
        await using var run = new WatcherHarness<V1ConfigMap>(_client, ResourceWatcherTests.Options(_ns));
        await run.StartAsync();
        run.Events.Clear();

        await ControlPlane.Shared.RestartApiServerAsync();
        await _client.SetConfigMapAsync(_ns, "changed", "2");
        await _client.DeleteConfigMapAsync(_ns, "deleted");
        await _client.CreateConfigMapAsync(_ns, "created");
        await run.ConvergedAsync(_ns, () => _client.ConfigMapVersionsAsync(_ns), TimeSpan.FromSeconds(60));

        run.Seen.Should().BeEquivalentTo(["Modified changed", "Deleted deleted", "Added created"]);
        var health = run.Watcher.Health;
        health.Reconnects.Should().BeGreaterThan(0, "the broken watch was noticed and retried");
        health.Running.Should().BeTrue();
        health.LastError.Should().BeNull("the watch is healthy again");
    }
}
