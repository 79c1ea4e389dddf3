using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.JdCloud;

/// <summary>What a call on one pod needs and leads to: the phase it requires (null: none documented) and the phases
/// that show it has already taken effect (stopPod: stopping or stopped).</summary>
internal sealed record PhaseRule(string? Requires, params IReadOnlyList<string> Reaches)
{
    public static readonly PhaseRule Stop = new(PodPhase.Running, PodPhase.Stopping, PodPhase.Stopped);
    public static readonly PhaseRule Start = new(PodPhase.Stopped, PodPhase.Starting, PodPhase.Running);
    public static readonly PhaseRule NeedsStopped = new(PodPhase.Stopped);
    public static readonly PhaseRule NoPhaseRule = new((string?)null);
}

/// <summary>How a refusal reads once the pod has been described again: already done, or an error of some kind.</summary>
internal sealed record Verdict(bool AlreadyDone, JdCloudErrorKind? Kind, string Reason)
{
    public static readonly Verdict Done = new(true, null, "");

    public static Verdict Refused(JdCloudErrorKind kind, string reason) => new(false, kind, reason);
}

/// <summary>
/// Reads a 400 on a call on one pod from the pod's phase rather than from <c>error.status</c>, whose values for a
/// wrong phase, a busy pod or a same-type resize are not published (docs/jdcloud-pod-lifecycle.md, "Errors").
/// </summary>
internal static class PodRefusal
{
    /// <summary>Already done when the pod shows a phase the call leads to, or the operation's own reading
    /// (<paramref name="specific"/>: resize to the same type, an EIP already bound or unbound) says so; then busy in a
    /// transient phase, the wrong phase in a stable one, else the operation's reading or none.</summary>
    public static Verdict Judge(Pod pod, string operation, PhaseRule rule, Func<Pod, Verdict?>? specific)
    {
        var phase = pod.Phase;
        if (rule.Reaches.Any(reached => PodPhase.Is(phase, reached))) return Verdict.Done;
        var own = specific?.Invoke(pod);
        if (own is { AlreadyDone: true }) return own;
        if (PodPhase.IsTransient(phase)) return Verdict.Refused(JdCloudErrorKind.Busy, $"pod {pod.PodId} is {phase ?? "in no phase"}, busy with another task");
        if (rule.Requires is { } required && !PodPhase.Is(phase, required))
            return Verdict.Refused(JdCloudErrorKind.WrongPhase, $"pod {pod.PodId} is {phase}; {operation} needs a {required} pod");
        return own ?? new Verdict(false, null, $"pod {pod.PodId} is {phase}");
    }
}
