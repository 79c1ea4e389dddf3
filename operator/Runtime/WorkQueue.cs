using JdCloudPodOperator.KubernetesApi;
namespace JdCloudPodOperator.Runtime;

/// <summary>
/// The keys waiting for a reconcile, with client-go's guarantees: a key is queued at most once however often it
/// is added; a key being processed is never handed out again until <see cref="Done"/>, and if it was added in the
/// meantime it is queued again then (so the latest change is always reconciled, after the current run). Delayed
/// adds (requeueAfter, backoff) collapse per key to the earliest pending time, and a key handed out drops its pending
/// delayed add: every pass ends by saying when to look next (requeueAfter, backoff), from what it saw, so an older
/// pass's wish would only buy a pass that finds nothing new (one more describePods per resource after a create).
/// </summary>
public sealed class WorkQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<NamespacedName> _queue = new();
    private readonly HashSet<NamespacedName> _dirty = [];
    private readonly HashSet<NamespacedName> _processing = [];
    private readonly Dictionary<NamespacedName, (DateTimeOffset Due, ITimer Timer)> _delayed = [];
    private readonly SemaphoreSlim _ready = new(0);
    private readonly TimeProvider _time;
    private bool _disposed;

    public WorkQueue(TimeProvider time) => _time = time;

    /// <summary>Keys queued and not yet handed out.</summary>
    public int Depth
    {
        get { lock (_lock) return _queue.Count; }
    }

    /// <summary>Keys handed out and not yet <see cref="Done"/>.</summary>
    public int InFlight
    {
        get { lock (_lock) return _processing.Count; }
    }

    /// <summary>Keys waiting for a delayed add (requeueAfter or backoff).</summary>
    public int Delayed
    {
        get { lock (_lock) return _delayed.Count; }
    }

    public void Add(NamespacedName key)
    {
        lock (_lock)
        {
            if (_disposed || !_dirty.Add(key) || _processing.Contains(key)) return;
            _queue.Enqueue(key);
        }
        _ready.Release();
    }

    /// <summary>Adds <paramref name="key"/> after <paramref name="delay"/>, unless it is already due earlier.</summary>
    public void AddAfter(NamespacedName key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_lock)
        {
            if (_disposed) return;
            var due = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due) return;
                pending.Timer.Dispose();
            }
            // Without the caller's ExecutionContext: a timer captures it otherwise, and with it the async-locals of the
            // pass that asked (one per key waiting, 10,000 with as many resources).
            using (ExecutionContext.SuppressFlow())
                _delayed[key] = (due, _time.CreateTimer(_ => Fire(key, due), null, delay, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Waits for the next key; the caller must call <see cref="Done"/> with it when finished.</summary>
    public async Task<NamespacedName> TakeAsync(CancellationToken cancellationToken)
    {
        await _ready.WaitAsync(cancellationToken);
        lock (_lock)
        {
            var key = _queue.Dequeue();
            _dirty.Remove(key);
            _processing.Add(key);
            if (_delayed.Remove(key, out var superseded)) superseded.Timer.Dispose();
            return key;
        }
    }

    public void Done(NamespacedName key)
    {
        lock (_lock)
        {
            if (!_processing.Remove(key) || !_dirty.Contains(key) || _disposed) return;
            _queue.Enqueue(key);
        }
        _ready.Release();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var (_, timer) in _delayed.Values) timer.Dispose();
            _delayed.Clear();
        }
    }

    private void Fire(NamespacedName key, DateTimeOffset due)
    {
        lock (_lock)
        {
            if (!_delayed.TryGetValue(key, out var pending) || pending.Due != due) return;
            _delayed.Remove(key);
            pending.Timer.Dispose();
        }
        Add(key);
    }
}
