using JdCloudPodOperator.Tests.Infrastructure;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>Tests that restart the shared kube-apiserver run alone, after every parallel test has finished.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiServerRestartCollection
{
    public const string Name = "API server restart";
}

[Collection(ApiServerRestartCollection.Name)]
public sealed class ApiServerRestartTests() : ApiServerTest("rt-restart")
{

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
        health.LastError.Should().BeNull("the watch is healthy again");
    }
}
