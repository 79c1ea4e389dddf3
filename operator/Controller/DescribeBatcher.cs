using JdCloudPodOperator.Controller.Planning;
namespace JdCloudPodOperator.Controller;

/// <summary>
/// Coalesces describePods lookups across resources: requests under one key (account, region and what they filter
/// by) that arrive within a short window share one call with all their values (pod IDs, or owner tag values), up
/// to <see cref="BatchSize"/> of them; the client splits and pages as the query's size requires. Polling N resources
/// by pod ID costs about N/100 calls instead of N; so does finding the pods of N resources by their owner tag.
/// </summary>
/// <typeparam name="TKey">Requests under one key may be answered by any one of their describe functions.</typeparam>
public sealed class DescribeBatcher<TKey>(TimeSpan window) where TKey : notnull
{
    /// <summary>describePods' largest page (docs/jdcloud-api.md, describePods filters and paging).</summary>
    public const int BatchSize = 100;

    public delegate Task<IReadOnlyList<ObservedPod>> Describe(IReadOnlyList<string> values, CancellationToken cancellationToken);

    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, Batch> _open = [];

    /// <summary>The pods among <paramref name="podIds"/> that exist, by ID; a pod missing from the answer is gone.</summary>
    public async Task<IReadOnlyDictionary<string, ObservedPod>> DescribeAsync(
        TKey key, IReadOnlyCollection<string> podIds, Describe describe, CancellationToken cancellationToken) =>
        (await DescribeMatchingAsync(key, podIds, describe, pod => pod.PodId, cancellationToken))
            .GroupBy(pod => pod.PodId).ToDictionary(g => g.Key, g => g.First());

    /// <summary>The pods of the shared answer whose <paramref name="match"/> is one of <paramref name="values"/>.</summary>
    public async Task<IReadOnlyList<ObservedPod>> DescribeMatchingAsync(
        TKey key, IReadOnlyCollection<string> values, Describe describe, Func<ObservedPod, string?> match, CancellationToken cancellationToken)
    {
        if (values.Count == 0) return [];
        Batch batch;
        bool full, opened;
        lock (_lock)
        {
            opened = !_open.TryGetValue(key, out batch!);
            if (opened) _open[key] = batch = new Batch(describe);
            batch.Values.UnionWith(values);
            full = batch.Values.Count >= BatchSize;
            if (full) _open.Remove(key);
        }
        if (full) _ = batch.RunAsync();
        else if (opened) _ = CloseAfterWindowAsync(key, batch);
        var found = await batch.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var wanted = values.ToHashSet(StringComparer.Ordinal);
        return [.. found.Where(pod => match(pod) is { } value && wanted.Contains(value))];
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
        public HashSet<string> Values { get; } = new(StringComparer.Ordinal);

        public TaskCompletionSource<IReadOnlyList<ObservedPod>> Result { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync()
        {
            try
            {
                // The batch is closed, so nobody adds values while it runs; the client splits and pages the query.
                Result.TrySetResult(await describe([.. Values], CancellationToken.None).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                Result.TrySetException(e);
            }
        }
    }
}
