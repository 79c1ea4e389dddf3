namespace JdCloudSimulator.Faults;

/// <summary>
/// Decides, per call, whether an operation misbehaves: scripted one-shot faults first (deterministic tests), then
/// the configured rates of the operation (or of "*", all operations). Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    public const string AllOperations = "*";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, OperationFaults> _rates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<FaultKind>> _scripted = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, OperationFaults> _initial;
    private readonly Random _random;

    public FaultInjector(IReadOnlyDictionary<string, OperationFaults> initial, Random random)
    {
        _initial = initial;
        _random = random;
        Reset();
    }

    /// <summary>Sets the rates and latency of one operation (or "*"). Rates of a named operation replace "*"'s.</summary>
    public void Set(string operation, OperationFaults faults)
    {
        lock (_gate) _rates[operation] = faults;
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> (or "*") get <paramref name="kind"/>.</summary>
    public void Script(string operation, FaultKind kind, int count = 1)
    {
        lock (_gate)
        {
            if (!_scripted.TryGetValue(operation, out var queue)) _scripted[operation] = queue = new Queue<FaultKind>();
            for (var i = 0; i < count; i++) queue.Enqueue(kind);
        }
    }

    public IReadOnlyDictionary<string, OperationFaults> Rates
    {
        get { lock (_gate) return new Dictionary<string, OperationFaults>(_rates); }
    }

    /// <summary>Back to the startup faults; scripted faults are dropped.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _rates.Clear();
            foreach (var (operation, faults) in _initial) _rates[operation] = faults;
            _scripted.Clear();
        }
    }

    /// <summary>The fault for this call and the settings it came from (for latency and timeout length).</summary>
    public (FaultKind Kind, OperationFaults Settings) Decide(string operation)
    {
        lock (_gate)
        {
            var settings = _rates.GetValueOrDefault(operation) ?? _rates.GetValueOrDefault(AllOperations) ?? new OperationFaults();
            var scripted = Dequeue(operation) ?? Dequeue(AllOperations);
            return (scripted ?? settings.Pick(_random.NextDouble()), settings);
        }
    }

    private FaultKind? Dequeue(string key) =>
        _scripted.TryGetValue(key, out var queue) && queue.TryDequeue(out var kind) ? kind : null;
}
