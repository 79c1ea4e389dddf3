using JdCloudSimulator.Faults;

namespace JdCloudSimulator.Inspection;

/// <summary>
/// One call as the simulator saw it. <see cref="Status"/> is the HTTP status it answered (0 when it never answered:
/// a timeout or a lost response; <see cref="Fault"/> says which). No credential is kept, only the signature version.
/// </summary>
public sealed record CallRecord(
    long Sequence, DateTimeOffset At, string Operation, string Method, string Path, string Query, string Body,
    string? RegionId, string? PodId, string? ClientToken, string? SignatureVersion, int Status, string? ErrorStatus,
    string RequestId, FaultKind Fault);

/// <summary>How many calls of one operation arrived, by the HTTP status answered (0: none, a timeout or lost answer).</summary>
public sealed record CallCount(long Calls, IReadOnlyDictionary<int, long> ByStatus);

/// <summary>Every call received, oldest first, bounded (the oldest are dropped), and counts per operation that are
/// not (they survive the bound). Thread-safe.</summary>
public sealed class CallLog(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<CallRecord> _calls = new();
    private readonly Dictionary<string, Dictionary<int, long>> _counts = new(StringComparer.Ordinal);
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(CallRecord call)
    {
        lock (_gate)
        {
            _calls.Enqueue(call);
            while (_calls.Count > capacity) _calls.Dequeue();
            if (!_counts.TryGetValue(call.Operation, out var byStatus)) _counts[call.Operation] = byStatus = [];
            byStatus[call.Status] = byStatus.GetValueOrDefault(call.Status) + 1;
        }
    }

    /// <summary>The calls received, in order of arrival; only those of <paramref name="operation"/> when given.</summary>
    public IReadOnlyList<CallRecord> Snapshot(string? operation = null)
    {
        lock (_gate) return [.. _calls.Where(c => operation is null || c.Operation == operation).OrderBy(c => c.Sequence)];
    }

    /// <summary>Calls per operation since the start or the last reset, however many the log has dropped.</summary>
    public IReadOnlyDictionary<string, CallCount> Counts()
    {
        lock (_gate)
            return _counts.ToDictionary(kv => kv.Key, kv => new CallCount(kv.Value.Values.Sum(), new Dictionary<int, long>(kv.Value)), StringComparer.Ordinal);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
            _counts.Clear();
        }
    }
}
