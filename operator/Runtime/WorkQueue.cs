using JdCloudPodOperator.KubernetesApi;
namespace JdCloudPodOperator.Runtime;

/// <summary>
/// The keys waiting for a reconcile, with client-go's guarantees: a key is queued at most once however often it
/// is added; a key being processed is never handed out again until <see cref="Done"/>, and if it was added in the
/// meantime it is queued again then (so the latest change is always reconciled, after the current run). Delayed
/// adds (requeueAfter, backoff) collapse per key to the earliest pending time, and a key handed out drops its pending
/// delayed add: every pass ends by saying when to look next (requeueAfter, backoff), from what it saw, so an older
/// pass's wish would only buy a pass that finds nothing new (one more describePods per resource after a create).
/// One timer serves every delayed add, armed for the earliest (a timer per key cost ~250 bytes each, with a key per
/// resource waiting for its next poll).
/// </summary>
public sealed class WorkQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<NamespacedName> _queue = new();
    private readonly HashSet<NamespacedName> _dirty = [];
    private readonly HashSet<NamespacedName> _processing = [];
    private readonly Dictionary<NamespacedName, DateTimeOffset> _delayed = [];
    // Every delayed add by time; an entry is stale once _delayed no longer holds that time for its key.
    private PriorityQueue<NamespacedName, DateTimeOffset> _due = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private bool _disposed;

    public WorkQueue(TimeProvider time)
    {
        _time = time;
        // Without the creator's ExecutionContext: a timer captures it otherwise, and with it its async-locals.
        using (ExecutionContext.SuppressFlow())
            _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

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
            if (_delayed.TryGetValue(key, out var pending) && pending <= due) return;
            _delayed[key] = due;
            _due.Enqueue(key, due);
            if (_due.Count > 2 * _delayed.Count + 64) _due = new(_delayed.Select(p => (p.Key, p.Value)));
            Arm();
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
            if (_delayed.Remove(key)) Arm();
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
            _timer.Dispose();
            _delayed.Clear();
            _due.Clear();
        }
    }

    private void Fire()
    {
        var keys = new List<NamespacedName>();
        lock (_lock)
        {
            if (_disposed) return;
            var now = _time.GetUtcNow();
            while (_due.TryPeek(out var key, out var due) && due <= now)
            {
                _due.Dequeue();
                if (_delayed.TryGetValue(key, out var pending) && pending == due && _delayed.Remove(key)) keys.Add(key);
            }
            Arm();
        }
        foreach (var key in keys) Add(key);
    }

    // Under the lock: drops stale entries ahead of the earliest live one and arms the timer for it.
    private void Arm()
    {
        while (_due.TryPeek(out var key, out var due) && (!_delayed.TryGetValue(key, out var pending) || pending != due)) _due.Dequeue();
        var wait = _due.TryPeek(out _, out var next) ? Max(next - _time.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
