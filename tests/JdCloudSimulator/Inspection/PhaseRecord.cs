using JdCloudSimulator.Pods;

namespace JdCloudSimulator.Inspection;

/// <summary>One phase change of one pod, as <c>GET /_sim/phase-changes</c> lists it. <see cref="Sequence"/> orders
/// every change of every pod (also those at the same instant); <see cref="Previous"/> is null for a pod's first.</summary>
public sealed record PhaseChangeRecord(
    long Sequence, DateTimeOffset At, string PodId, string Name, string RegionId, PodPhase Phase, PodPhase? Previous, string Reason, string Message);

/// <summary>How many of a set of pods were running, and how many existed but were not, after each phase change.</summary>
public sealed record PhaseCount(long Sequence, DateTimeOffset At, int Running, int NotRunning);

/// <summary>Availability over time from the phase record, e.g. "never more than one of these pods down at once".</summary>
public static class PhaseTimeline
{
    /// <summary>
    /// The counts after every change in <paramref name="changes"/> (filter them to the pods of interest first), in
    /// sequence order. A pod counts from its first change until it is gone; every phase but running is "not running".
    /// Changes at the same instant are counted one by one, so a stop and a start at the same tick count as a dip.
    /// </summary>
    public static IReadOnlyList<PhaseCount> Counts(IEnumerable<PhaseChangeRecord> changes)
    {
        var phases = new Dictionary<string, PodPhase>(StringComparer.Ordinal);
        var counts = new List<PhaseCount>();
        foreach (var change in changes.OrderBy(c => c.Sequence))
        {
            if (change.Phase == PodPhase.Gone) phases.Remove(change.PodId);
            else phases[change.PodId] = change.Phase;
            var running = phases.Values.Count(p => p == PodPhase.Running);
            counts.Add(new PhaseCount(change.Sequence, change.At, running, phases.Count - running));
        }
        return counts;
    }
}
