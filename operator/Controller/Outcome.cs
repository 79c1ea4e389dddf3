using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Controller;

/// <summary>When a step that met no problem wants the resource looked at again.</summary>
public enum Requeue
{
    /// <summary>Only when the resource changes (paused, or the finalizer is released).</summary>
    OnChange,

    /// <summary>Something was just sent to the cloud: look again after the shortest poll interval.</summary>
    Soon,

    /// <summary>As <see cref="Planning.PollSchedule"/> reads the new status: often while converging, rarely once settled.</summary>
    Poll,
}

/// <summary>Something a pass changed or met, for the one Event the pass records (reasons: <see cref="EventReasons"/>).</summary>
public sealed record Notice(string Type, string Reason, string Message)
{
    public static Notice Normal(string reason, string message) => new(EventRecorder.Normal, reason, message);

    public static Notice Warning(string reason, string message) => new(EventRecorder.Warning, reason, message);
}

/// <summary>
/// How a pass ends, as its last step sees it: the problem it met (null: none; the retry memory then decides when to
/// try again), a requeue hint, the retry memory's hold that kept it from calling the cloud, or that the finalizer may
/// go. The facts the steps learned are on the pass's working copy (<see cref="ReconcileState"/>);
/// <see cref="PassCompletion"/> turns both into the one status patch, Event, retry memory update and requeue.
/// </summary>
internal sealed record Outcome(Problem? Problem, Requeue Requeue, RetryMemory.Hold? Held = null, bool Release = false)
{
    /// <summary>Why the pass waits on the cloud without having failed: shown in status, polled, never backed off.</summary>
    public Problem? Waiting { get; init; }

    /// <summary>A cloud call went through: pods were created, adopted or deleted.</summary>
    public static Outcome Changed { get; } = new(null, Requeue.Soon);

    /// <summary>Nothing to do now but watch the pods.</summary>
    public static Outcome Watching { get; } = new(null, Requeue.Poll);

    public static Outcome Paused { get; } = new(null, Requeue.OnChange);

    /// <summary>Every pod is gone or orphaned and every CMDB registration removed: the finalizer goes.</summary>
    public static Outcome Released { get; } = new(null, Requeue.OnChange, Release: true);

    public static Outcome Failed(Problem problem) => new(problem, Requeue.OnChange);

    /// <summary>A cloud call is due but the last one failed too recently: the status keeps saying why.</summary>
    public static Outcome Holding(RetryMemory.Hold held, Requeue requeue = Requeue.OnChange) => new(null, requeue, held);

    /// <summary>Nothing failed, but something the cloud is still doing holds the next step: watch it, and say why.</summary>
    public static Outcome WaitingFor(Problem reason) => new(null, Requeue.Poll) { Waiting = reason };

    /// <summary>The problem the status shows.</summary>
    public Problem? Shown => Held?.Problem ?? Problem ?? Waiting;
}
