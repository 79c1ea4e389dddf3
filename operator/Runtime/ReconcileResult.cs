namespace JdCloudPodOperator.Runtime;

/// <summary>
/// What a reconcile asks of the work queue, as in controller-runtime's <c>reconcile.Result</c>. A failure is an
/// exception: the key is retried with per-key exponential backoff.
/// </summary>
public sealed record ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter) => RequeueAfterDelay = requeueAfter;

    /// <summary>Nothing more to do until the object changes (or the periodic resync).</summary>
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    /// <summary>Look again after <paramref name="delay"/> (polling an external system); resets the failure backoff.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) =>
        delay > TimeSpan.Zero ? new(delay) : throw new ArgumentOutOfRangeException(nameof(delay), delay, "must be positive");

    /// <summary>Null when the result is <see cref="Done"/>.</summary>
    public TimeSpan? RequeueAfterDelay { get; }

    public override string ToString() => RequeueAfterDelay is { } d ? $"RequeueAfter({d})" : "Done";
}
