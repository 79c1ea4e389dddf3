using JdCloudPodOperator.KubernetesApi;
namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Per-key exponential backoff for failed reconciles: base × 2^(failures−1), stretched by a random 0..jitter
/// fraction, capped. One failing object backs off alone; a success resets it.
/// </summary>
public sealed class KeyBackoff
{
    private readonly Lock _lock = new();
    private readonly Dictionary<NamespacedName, int> _failures = [];
    private readonly TimeSpan _base;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Random _random;

    public KeyBackoff(TimeSpan baseDelay, TimeSpan maxDelay, double jitter, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        _base = baseDelay;
        _max = maxDelay;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    /// <summary>Records one more failure of <paramref name="key"/> and returns how long to wait before retrying it.</summary>
    public TimeSpan Next(NamespacedName key)
    {
        int failures;
        double random;
        lock (_lock)
        {
            failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
            random = _random.NextDouble();
        }
        var exponential = Math.Min(_base.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 62)), _max.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Min(exponential * (1 + _jitter * random), _max.TotalSeconds));
    }

    public int Failures(NamespacedName key)
    {
        lock (_lock) return _failures.GetValueOrDefault(key);
    }

    public void Reset(NamespacedName key)
    {
        lock (_lock) _failures.Remove(key);
    }
}
