using JdCloudPodOperator.Controller.Planning;
namespace JdCloudPodOperator.Controller;

/// <summary>
/// Coalesces describePods lookups by pod ID across resources: requests for the same account and region that arrive
/// within a short window share one call (filter podId, up to <see cref="BatchSize"/> IDs), so polling N resources costs
/// about N/100 calls instead of N. A pod missing from the answer no longer exists.
/// </summary>
/// <typeparam name="TKey">Account and region: requests under one key may be answered by any one of their clients.</typeparam>
public sealed class DescribeBatcher<TKey>(TimeSpan window) where TKey : notnull
{
    /// <summary>describePods' largest page (docs/jdcloud-api.md, describePods filters and paging).</summary>
    public const int BatchSize = 100;

    public delegate Task<IReadOnlyList<ObservedPod>> Describe(IReadOnlyList<string> podIds, CancellationToken cancellationToken);

    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, Batch> _open = [];

    /// <summary>The pods among <paramref name="podIds"/> that exist, by ID.</summary>
    public async Task<IReadOnlyDictionary<string, ObservedPod>> DescribeAsync(
        TKey key, IReadOnlyCollection<string> podIds, Describe describe, CancellationToken cancellationToken)
    {
        if (podIds.Count == 0) return new Dictionary<string, ObservedPod>();
        Batch batch;
        bool full, opened;
        lock (_lock)
        {
            opened = !_open.TryGetValue(key, out batch!);
            if (opened) _open[key] = batch = new Batch(describe);
            batch.PodIds.UnionWith(podIds);
            full = batch.PodIds.Count >= BatchSize;
            if (full) _open.Remove(key);
        }
        if (full) _ = batch.RunAsync();
        else if (opened) _ = CloseAfterWindowAsync(key, batch);
        var found = await batch.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return podIds.Distinct().Where(found.ContainsKey).ToDictionary(id => id, id => found[id]);
    }

    private async Task CloseAfterWindowAsync(TKey key, Batch batch)
    {
        await Task.Delay(window).ConfigureAwait(false);
        lock (_lock)
        {
            // A batch that filled up was already taken off and started.
            if (!_open.TryGetValue(key, out var current) || current != batch) return;
            _open.Remove(key);
        }
        await batch.RunAsync().ConfigureAwait(false);
    }

    private sealed class Batch(Describe describe)
    {
        public HashSet<string> PodIds { get; } = new(StringComparer.Ordinal);

        public TaskCompletionSource<IReadOnlyDictionary<string, ObservedPod>> Result { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync()
        {
            try
            {
                // The batch is closed, so nobody adds IDs while it runs; the client pages through chunks of 100.
                var pods = await describe([.. PodIds], CancellationToken.None).ConfigureAwait(false);
                Result.TrySetResult(pods.GroupBy(p => p.PodId).ToDictionary(g => g.Key, g => g.First()));
            }
            catch (Exception e)
            {
                Result.TrySetException(e);
            }
        }
    }
}
