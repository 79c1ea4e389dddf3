using System.Collections.Concurrent;
using JdCloudPodOperator.Controller.Status;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// Per-resource memory of the last failure, so that no event (our own status write, a resync) causes a hot retry of a
/// cloud call that just failed. The gate opens when its delay has passed, the spec changes (a new generation) or
/// deletion starts. Memory only: after a restart the first reconcile retries at once, which is harmless.
/// </summary>
public sealed class RetryGate(JdCloudPodControllerOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <summary>The problem that still holds cloud calls back for this resource, or null when calls may go ahead.</summary>
    public Closure? Check(string uid, long generation, bool deleting)
    {
        if (!_entries.TryGetValue(uid, out var entry)) return null;
        var remaining = entry.NotBefore - clock.GetUtcNow();
        if (remaining > TimeSpan.Zero && entry.Generation == generation && entry.Deleting == deleting)
            return new Closure(entry.Problem, remaining);
        return null;
    }

    /// <summary>Records a failure and returns how long to wait before the next try.</summary>
    public TimeSpan Fail(string uid, long generation, bool deleting, Problem problem)
    {
        var failures = _entries.TryGetValue(uid, out var previous) ? previous.Failures + 1 : 1;
        var delay = problem.IsTerminal ? options.TerminalRetryDelay : Backoff(failures);
        _entries[uid] = new Entry(clock.GetUtcNow() + delay, generation, deleting, failures, problem);
        return delay;
    }

    /// <summary>A reconcile went through without a problem: the next failure starts from the base delay again.</summary>
    public void Succeed(string uid) => _entries.TryRemove(uid, out _);

    public TimeSpan Backoff(int failures)
    {
        var doubled = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, options.RetryMaxDelay.TotalMilliseconds));
    }

    public sealed record Closure(Problem Problem, TimeSpan Remaining);

    private sealed record Entry(DateTimeOffset NotBefore, long Generation, bool Deleting, int Failures, Problem Problem);
}
