using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Runtime;
namespace JdCloudPodOperator.Controller;

/// <summary>
/// Coalesces describePods lookups across resources: calls under one key (account, region and what they filter by)
/// start at least <c>interval</c> apart. A lookup made when the key's last call started longer ago than that is sent
/// at once; one asking for exactly what the key's last call asked for (a resource polling alone, whom waiting would
/// batch with nobody) needs only half that interval, so its 200 ms polls are not stretched to the window. A lookup
/// made sooner waits for the next start and shares that call with
/// every lookup waiting for it, up to <see cref="BatchSize"/> values (pod IDs, or owner tag values); a full batch is
/// sent at once. A reconcile gives its worker back while it waits (<see cref="WorkerSlot"/>), so the other workers go
/// on and their lookups join the batch: polling many resources costs about one call per interval and key, or per
/// hundred values, and the client splits and pages as the query's size requires.
/// </summary>
/// <typeparam name="TKey">Requests under one key may be answered by any one of their describe functions.</typeparam>
public sealed class DescribeBatcher<TKey>(TimeSpan interval, TimeProvider clock) where TKey : notnull
{
    /// <summary>describePods' largest page (docs/jdcloud-api.md, describePods filters and paging).</summary>
    public const int BatchSize = 100;

    public delegate Task<IReadOnlyList<ObservedPod>> Describe(IReadOnlyList<string> values, CancellationToken cancellationToken);

    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, Batch> _open = [];
    private readonly Dictionary<TKey, LastCall> _last = [];

    /// <summary>When the key's last call started and what it asked for (its batch's values, fixed once started).</summary>
    private readonly record struct LastCall(DateTimeOffset Start, HashSet<string> Values);

    public DescribeBatcher(TimeSpan interval) : this(interval, TimeProvider.System)
    {
    }

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
        bool opened, now;
        var wait = TimeSpan.Zero;
        lock (_lock)
        {
            opened = !_open.TryGetValue(key, out batch!);
            if (opened)
            {
                _open[key] = batch = new Batch(describe);
                wait = WaitFor(key, values);
            }
            batch.Values.UnionWith(values);
            now = batch.Values.Count >= BatchSize || (opened && wait == TimeSpan.Zero);
            if (now) Start(key, batch);
        }
        if (now) _ = batch.RunAsync();
        else if (opened) _ = StartAfterAsync(key, batch, wait);
        var found = await WorkerSlot.WhileWaitingAsync(batch.Result.Task.WaitAsync(cancellationToken)).ConfigureAwait(false);
        var wanted = values.ToHashSet(StringComparer.Ordinal);
        return [.. found.Where(pod => match(pod) is { } value && wanted.Contains(value))];
    }

    // Under the lock: how long after now the key's next call may start.
    private TimeSpan WaitFor(TKey key, IReadOnlyCollection<string> values)
    {
        if (!_last.TryGetValue(key, out var last)) return TimeSpan.Zero;
        var spacing = last.Values.SetEquals(values) ? interval / 2 : interval;
        var since = clock.GetUtcNow() - last.Start;
        return since >= spacing ? TimeSpan.Zero : spacing - since;
    }

    // Under the lock: the batch takes no more values and starts now (the caller runs it).
    private void Start(TKey key, Batch batch)
    {
        if (_open.TryGetValue(key, out var current) && current == batch) _open.Remove(key);
        _last[key] = new LastCall(clock.GetUtcNow(), batch.Values);
    }

    private async Task StartAfterAsync(TKey key, Batch batch, TimeSpan delay)
    {
        await Task.Delay(delay, clock).ConfigureAwait(false);
        lock (_lock)
        {
            // A batch that filled up was already taken off and started.
            if (!_open.TryGetValue(key, out var current) || current != batch) return;
            Start(key, batch);
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
