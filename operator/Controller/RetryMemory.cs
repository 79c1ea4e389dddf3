using System.Collections.Concurrent;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// What a user changes to fix a problem: the spec (a new generation), deleting the resource, or the adopt annotation
/// (not part of the generation). A change opens the retry memory's hold at once.
/// </summary>
public sealed record RetryScope(long Generation, bool Deleting, string? AdoptPodIds = null)
{
    public static RetryScope Of(JdCloudPod resource) => new(resource.Metadata.Generation ?? 0,
        resource.Metadata.DeletionTimestamp is not null,
        resource.Metadata.Annotations?.TryGetValue(Annotations.AdoptPodIds, out var adopt) == true ? adopt : null);
}

/// <summary>
/// The one owner of "when is this resource tried again" after a problem: per-resource memory of the last failure,
/// so that no event (a resync, an unrelated change) causes a hot retry of a cloud call that just failed. A retrying
/// problem waits <see cref="Backoff"/> with jitter (doubling per failure); a terminal one waits
/// <see cref="JdCloudPodControllerOptions.TerminalRetryDelay"/>. The hold ends when its delay has passed or the
/// <see cref="RetryScope"/> changes. Memory only: after a restart the first pass retries at once, which is harmless.
/// </summary>
public sealed class RetryMemory(JdCloudPodControllerOptions options, TimeProvider clock, Random? random = null)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly Backoff _backoff = new(options.RetryBaseDelay, options.RetryMaxDelay, options.RetryJitter);
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>The problem that still holds cloud calls back for this resource, or null when calls may go ahead.</summary>
    public Hold? Check(string uid, RetryScope scope)
    {
        if (!_entries.TryGetValue(uid, out var entry)) return null;
        var remaining = entry.NotBefore - clock.GetUtcNow();
        return remaining > TimeSpan.Zero && entry.Scope == scope ? new Hold(entry.Problem, remaining) : null;
    }

    /// <summary>Records a failure and returns how long to wait before the next try.</summary>
    public TimeSpan Fail(string uid, RetryScope scope, Problem problem)
    {
        var failures = _entries.TryGetValue(uid, out var previous) ? previous.Failures + 1 : 1;
        var delay = problem.IsTerminal ? options.TerminalRetryDelay : _backoff.Delay(failures, _random.NextDouble());
        _entries[uid] = new Entry(clock.GetUtcNow() + delay, scope, failures, problem);
        return delay;
    }

    /// <summary>A pass went through without a problem: the next failure starts from the base delay again.</summary>
    public void Succeed(string uid) => _entries.TryRemove(uid, out _);

    public sealed record Hold(Problem Problem, TimeSpan Remaining);

    private sealed record Entry(DateTimeOffset NotBefore, RetryScope Scope, int Failures, Problem Problem);
}
