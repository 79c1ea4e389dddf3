using System.Collections.Concurrent;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>A <see cref="ResourceWatcher{T}"/> on the real API server with everything it reports recorded.</summary>
public sealed class WatcherHarness<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private CancellationTokenSource? _stop;
    private Task? _run;

    public WatcherHarness(IKubernetes client, WatchOptions options)
    {
        Watcher = new ResourceWatcher<T>(new EntityClient<T>(client), Cache, options, NullLogger<ResourceWatcher<T>>.Instance, TimeProvider.System);
        Watcher.Changed += e => Events.Enqueue(e);
    }

    public ResourceCache<T> Cache { get; } = new();
    public ResourceWatcher<T> Watcher { get; }
    public ConcurrentQueue<ResourceEvent<T>> Events { get; } = new();

    /// <summary>"Added a", "Modified b"... in the order reported.</summary>
    public IReadOnlyList<string> Seen => [.. Events.Select(e => $"{e.Type} {e.Object.Metadata.Name}")];

    public async Task StartAsync()
    {
        _stop = new CancellationTokenSource();
        _run = Watcher.RunAsync(_stop.Token);
        await Eventually.Until(() => Watcher.Synced, "the watcher listed everything");
    }

    public async Task StopAsync()
    {
        if (_stop is null || _run is null) return;
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        _stop.Dispose();
        _stop = null;
    }

    /// <summary>Waits until the cache holds exactly the objects (names and resourceVersions) the server has.</summary>
    public Task ConvergedAsync(string ns, Func<Task<IReadOnlyDictionary<string, string>>> server, TimeSpan? limit = null) =>
        Eventually.Until(async () =>
        {
            var expected = await server();
            var cached = Cache.List(ns).ToDictionary(o => o.Metadata.Name, o => o.Metadata.ResourceVersion);
            return cached.Count == expected.Count && expected.All(p => cached.GetValueOrDefault(p.Key) == p.Value);
        }, "the cache matches the server", limit);

    public async ValueTask DisposeAsync() => await StopAsync();
}
