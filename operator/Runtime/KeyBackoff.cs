using JdCloudPodOperator.KubernetesApi;
namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Per-key failure counts for <see cref="Backoff"/>: failed reconciles (an exception escaped the pass) and failed
/// list/watch calls. One failing object backs off alone; a success resets it.
/// </summary>
public sealed class KeyBackoff
{
    private readonly Lock _lock = new();
    private readonly Dictionary<NamespacedName, int> _failures = [];
    private readonly Backoff _backoff;
    private readonly Random _random;

    public KeyBackoff(TimeSpan baseDelay, TimeSpan maxDelay, double jitter, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        _backoff = new Backoff(baseDelay, maxDelay, jitter);
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
        return _backoff.Delay(failures, random);
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
