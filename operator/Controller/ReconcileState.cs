using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// One pass's working copy of a JdCloudPod: the object as last read or written, the status facts the steps learn,
/// and what changed (for the pass's one Event). <see cref="Facts"/> turns it into the input of
/// <see cref="StatusComposer"/>.
/// </summary>
internal sealed class ReconcileState(JdCloudPod resource)
{
    public JdCloudPod Resource { get; set; } = resource;
    public ResourceMode Mode { get; } = IsPaused(resource) ? ResourceMode.Paused
        : resource.Metadata.DeletionTimestamp is not null ? ResourceMode.Deleting
        : ResourceMode.Active;
    public List<string> PodIds { get; set; } = [.. resource.Status?.PodIds ?? []];
    public PendingCreate? PendingCreate { get; set; } = resource.Status?.PendingCreate;
    public int? CreateAttempts { get; set; } = resource.Status?.CreateAttempts;

    /// <summary>The pass began with a createPods in flight, so whatever it created is not known from status alone.</summary>
    public bool EarlierCreateUnknown { get; } = resource.Status?.PendingCreate is not null;

    /// <summary>
    /// Pods of this resource may exist that its status does not record: the status records nothing (lost with a
    /// re-created or restored resource, or never written), or an earlier create's outcome is unknown; and this pass
    /// has not looked them up by owner tag yet (what that lookup found is in <see cref="PodIds"/>).
    /// </summary>
    public bool MayHaveUnrecordedPods => !LookedUpByOwnerTag && (EarlierCreateUnknown || (PodIds.Count == 0 && CreateAttempts is null));

    /// <summary>Whether this pass has looked its pods up by owner tag (once is enough).</summary>
    public bool LookedUpByOwnerTag { get; set; }

    public IReadOnlyDictionary<string, ObservedPod> Observed { get; set; } = new Dictionary<string, ObservedPod>();

    /// <summary>spec.podSpec's revision and fingerprints; null when there is no podSpec to read.</summary>
    public PodSpecRevision? Target { get; } = resource.Spec.PodSpec is { } podSpec ? PodRevisions.Of(podSpec) : null;

    /// <summary>Each pod's revision and in-flight operation (status.pods), as being changed.</summary>
    public Dictionary<string, PodRecord> Records { get; } = (resource.Status?.Pods ?? [])
        .Where(p => p.PodId is not null && p.Revision is not null)
        .DistinctBy(p => p.PodId)
        .ToDictionary(p => p.PodId!, p => new PodRecord(p.Revision!, p.Operation), StringComparer.Ordinal);

    /// <summary>The fingerprints status.revisions holds.</summary>
    public IReadOnlyDictionary<string, PodSpecRevision> Known { get; } = (resource.Status?.Revisions ?? [])
        .Where(r => r.Name is not null)
        .DistinctBy(r => r.Name)
        .ToDictionary(r => r.Name!, StringComparer.Ordinal);

    /// <summary>status.rollout as being changed.</summary>
    public RolloutStatus? Rollout { get; set; } = resource.Status?.Rollout;

    /// <summary>status.cmdb as being changed; null facts until a pass looks at CMDB (see <see cref="CmdbFacts"/>).</summary>
    public CmdbFacts? Cmdb { get; set; }

    /// <summary>What this pass changed or met, in order; the completion step records one Event for them.</summary>
    public List<Notice> Notices { get; } = [];
    public PodClient? Client { get; set; }
    public CloudAccount? Account { get; set; }

    /// <summary>This cluster's part of the owner tag (<see cref="ClusterIdentity"/>); set with the client.</summary>
    public string? ClusterId { get; set; }

    public string Uid => Resource.Metadata.Uid;
    public PodOwner Owner => PodOwner.Of(Resource);

    /// <summary>The value of this resource's owner tag on its pods.</summary>
    public string OwnerValue => OwnerTag.Value(
        ClusterId ?? throw new InvalidOperationException("no cluster ID yet"), Resource.Metadata.NamespaceProperty, Resource.Metadata.Name);
    /// <summary>The retry scope of the generation the pass began with (a later edit opens the hold at once).</summary>
    public RetryScope Scope { get; } = RetryScope.Of(resource);
    /// <summary>
    /// The spec and generation the pass works toward, as read when it began. A checkpoint replaces
    /// <see cref="Resource"/> with the server's answer, which may carry a newer spec: that one is the next pass's, so
    /// status never says a generation was observed that this pass did not plan for.
    /// </summary>
    public JdCloudPodSpec Spec { get; } = resource.Spec;
    public long Generation { get; } = resource.Metadata.Generation ?? 0;
    public int Desired => Spec.MaxCount ?? 1;
    public bool Run => Spec.RunState != RunStates.Stopped;

    public PodClient Cloud => Client ?? throw new InvalidOperationException("no JD Cloud client yet: credentials were not read");

    /// <summary>Records pods; <paramref name="revision"/> is the one they were created with (null: they run the target).</summary>
    public void AddPods(IEnumerable<string> podIds, string? revision = null)
    {
        var added = podIds.ToList();
        PodIds = [.. PodIds.Union(added)];
        if (revision is null) return;
        foreach (var id in added) Records.TryAdd(id, new PodRecord(revision));
    }

    /// <summary>
    /// Records the pods whose in-flight operation the cloud shows finished (the last call accepted, the phase
    /// reached) as on its revision, before the rollout clock reads them: a stalled rollout plans nothing, so without
    /// this a pod that came up late could never count as progress. Returns the pods it finished onto the target.
    /// </summary>
    public List<string> SettleFinishedOperations()
    {
        var updated = new List<string>();
        foreach (var (podId, record) in Records.ToList())
        {
            if (record.Operation is not { } operation || !Observed.TryGetValue(podId, out var pod)
                || OperationProgress.Of(operation, pod.State).Verdict != OperationVerdict.Complete) continue;
            Records[podId] = new PodRecord(operation.Revision!);
            if (operation.Revision == Target?.Name && record.Revision != operation.Revision) updated.Add(podId);
        }
        return updated;
    }

    /// <summary>A pod's record; a pod without one runs the target (see <see cref="RolloutFacts"/>).</summary>
    public PodRecord RecordOf(string podId) => Records.GetValueOrDefault(podId) ?? new PodRecord(Target?.Name ?? "");

    /// <summary>The recorded pods that describePods found, as the rollout sees them.</summary>
    public List<RolloutPod> RolloutPods() => [.. PodIds.Where(Observed.ContainsKey).Select(RolloutPod)];

    private RolloutPod RolloutPod(string podId)
    {
        var record = RecordOf(podId);
        var observed = Observed[podId];
        return new RolloutPod(podId, observed.State, record.Revision, record.Operation, observed.InstanceType);
    }

    public void Note(Notice notice) => Notices.Add(notice);

    public StatusFacts Facts(Problem? problem) =>
        new(Mode, Desired, PodIds, Observed, PendingCreate, CreateAttempts, problem, Cmdb,
            Target is null ? null : new RolloutFacts(Target, Records, Known, Rollout, Run));

    private static bool IsPaused(JdCloudPod resource) =>
        resource.Metadata.Annotations?.TryGetValue(Annotations.Paused, out var value) == true
        && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
