using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller.Status;

/// <summary>
/// The rollout side of the status: the target revision (spec.podSpec's fingerprints), each pod's record, the known
/// fingerprints, the rollout's progress (null: none under way) and the desired run state. A pod without a record runs
/// the target: it was created from the current spec, adopted, or recorded before revisions existed, when podSpec
/// could not change.
/// </summary>
public sealed record RolloutFacts(
    PodSpecRevision Target,
    IReadOnlyDictionary<string, PodRecord> Records,
    IReadOnlyDictionary<string, PodSpecRevision> Known,
    RolloutStatus? Progress,
    bool Run)
{
    public PodRecord RecordOf(string podId) => Records.GetValueOrDefault(podId) ?? new PodRecord(Target.Name!);

    public string RunPhase => Run ? "running" : "stopped";
}

/// <summary>Writes the rollout fields of the status (see <see cref="RolloutFacts"/>).</summary>
public static class RolloutComposer
{
    /// <summary>
    /// Fills each pod's revision and operation, updateRevision, updatedCount, the fingerprints still referenced, and
    /// the rollout's progress; without facts (a pass that never read the spec) the previous values stay.
    /// </summary>
    public static void Apply(JdCloudPodStatus status, JdCloudPodStatus? previous, RolloutFacts? facts)
    {
        var pods = status.Pods ?? [];
        if (facts is null)
        {
            foreach (var pod in pods)
            {
                var before = previous?.Pods?.FirstOrDefault(p => p.PodId == pod.PodId);
                (pod.Revision, pod.Operation) = (before?.Revision, before?.Operation);
            }
            (status.UpdateRevision, status.UpdatedCount, status.Revisions, status.Rollout) =
                (previous?.UpdateRevision, previous?.UpdatedCount, previous?.Revisions, previous?.Rollout);
            return;
        }
        foreach (var pod in pods)
        {
            var record = facts.RecordOf(pod.PodId!);
            (pod.Revision, pod.Operation) = (record.Revision, record.Operation);
        }
        status.UpdateRevision = facts.Target.Name;
        status.UpdatedCount = Updated(pods, facts);
        status.Revisions = Referenced(pods.SelectMany(p => new[] { p.Revision, p.Operation?.Revision })
            .Concat(status.Cmdb?.Pods?.Select(p => p.Revision) ?? []), facts);
        status.Rollout = facts.Progress;
    }

    /// <summary>Pods on the target revision, in the desired run state, with nothing in flight.</summary>
    public static int Updated(IEnumerable<CloudPodStatus> pods, RolloutFacts facts) =>
        pods.Count(p => p.Operation is null && p.Revision == facts.Target.Name && PodPhaseIs(p, facts.RunPhase));

    /// <summary>How the rollout stands, for the Ready and Reconciling conditions.</summary>
    public static string Describe(IReadOnlyList<CloudPodStatus> pods, RolloutFacts facts, int desired)
    {
        var text = $"rolling out revision {facts.Target.Name}: {Updated(pods, facts)} of {desired} pods updated";
        var moving = pods.Where(p => p.Operation?.Steps is { Count: > 0 } steps).Select(p => $"{p.PodId} {p.Operation!.Steps![0]}").ToList();
        var failed = pods.Where(p => PodPhaseIs(p, "error")).Select(p => $"{p.PodId} ({p.Message ?? "error"})").ToList();
        if (moving.Count > 0) text += "; in progress: " + string.Join(", ", moving);
        if (failed.Count > 0) text += "; in error: " + string.Join(", ", failed);
        return text;
    }

    private static bool PodPhaseIs(CloudPodStatus pod, string phase) => string.Equals(pod.Phase, phase, StringComparison.OrdinalIgnoreCase);

    // The target first, then every other revision a pod runs, heads to or is registered in CMDB with, when its
    // fingerprints are known.
    private static List<PodSpecRevision> Referenced(IEnumerable<string?> revisions, RolloutFacts facts) =>
    [
        facts.Target,
        .. revisions
            .OfType<string>()
            .Where(name => name != facts.Target.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => facts.Known.GetValueOrDefault(name))
            .OfType<PodSpecRevision>(),
    ];
}
