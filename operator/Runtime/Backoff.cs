namespace JdCloudPodOperator.Runtime;

/// <summary>
/// The operator's one backoff formula: base × 2^(failures−1), stretched by a random 0..<see cref="Jitter"/> fraction
/// (so resources that fail together do not retry in lockstep), capped at <see cref="Max"/>. Used by the work queue's
/// per-key backoff and the controller's retry memory; the JD Cloud client's Polly pipeline retries single HTTP calls.
/// </summary>
public sealed record Backoff(TimeSpan Base, TimeSpan Max, double Jitter)
{
    /// <param name="failures">Consecutive failures, 1 for the first.</param>
    /// <param name="random">A sample in [0, 1).</param>
    public TimeSpan Delay(int failures, double random)
    {
        var exponential = Math.Min(Base.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 62)), Max.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Min(exponential * (1 + Jitter * random), Max.TotalSeconds));
    }
}
