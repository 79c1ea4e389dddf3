using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// Every status write to the JdCloudPods of some namespaces, seen through one cluster-wide watch in the API server's
/// order: after each, no cloud pod may be recorded by two resources. The double ownerships seen are kept for the
/// test to assert on, once the watch has caught up with the state it ends with.
/// </summary>
public sealed class OwnershipWatch : IAsyncDisposable
{
    private readonly EntityClient<JdCloudPod> _client;
    private readonly IReadOnlySet<string> _namespaces;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<NamespacedName, JdCloudPod> _latest = [];
    private readonly List<string> _doubles = [];
    private Task _watching = Task.CompletedTask;

    private OwnershipWatch(EntityClient<JdCloudPod> client, IReadOnlySet<string> namespaces) => (_client, _namespaces) = (client, namespaces);

    public static async Task<OwnershipWatch> StartAsync(EntityClient<JdCloudPod> client, params string[] namespaces)
    {
        var watch = new OwnershipWatch(client, namespaces.ToHashSet());
        var version = await watch.RelistAsync();
        watch._watching = watch.RunAsync(version);
        return watch;
    }

    /// <summary>Waits until the watch has seen each of <paramref name="final"/> as it is; returns the double ownerships it saw.</summary>
    public async Task<IReadOnlyList<string>> DoubleOwnershipsAsync(IReadOnlyList<JdCloudPod> final, TimeSpan limit)
    {
        await Eventually.Until(() => CaughtUp(final), "the status watch caught up with the final statuses", limit);
        lock (_lock) return [.. _doubles];
    }

    private bool CaughtUp(IReadOnlyList<JdCloudPod> final)
    {
        lock (_lock)
            return final.All(r => _latest.TryGetValue(NamespacedName.Of(r), out var seen) && seen.Metadata.ResourceVersion == r.Metadata.ResourceVersion);
    }

    private async Task RunAsync(string version)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, resource) in _client.WatchAsync(null, version, TimeSpan.FromMinutes(5), _stop.Token))
                {
                    version = resource.Metadata.ResourceVersion;
                    if (type != WatchEventType.Bookmark && _namespaces.Contains(resource.Metadata.NamespaceProperty)) Apply(type, resource);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (ApiErrors.IsGone(e))
            {
                version = await RelistAsync();
            }
        }
    }

    private async Task<string> RelistAsync()
    {
        var list = await _client.ListAsync(null, _stop.Token);
        foreach (var resource in list.Items.Where(r => _namespaces.Contains(r.Metadata.NamespaceProperty))) Apply(WatchEventType.Modified, resource);
        return list.Metadata.ResourceVersion;
    }

    private void Apply(WatchEventType type, JdCloudPod resource)
    {
        lock (_lock)
        {
            var key = NamespacedName.Of(resource);
            if (type == WatchEventType.Deleted) _latest.Remove(key);
            else _latest[key] = resource;
            _doubles.AddRange(_latest.Values
                .SelectMany(r => (r.Status?.PodIds ?? []).Distinct().Select(id => (PodId: id, Owner: NamespacedName.Of(r))))
                .GroupBy(x => x.PodId).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key} in {string.Join(" and ", g.Select(x => x.Owner))} (after the write of {key} at {resource.Metadata.ResourceVersion})"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
