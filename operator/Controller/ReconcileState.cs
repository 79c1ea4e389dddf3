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
    /// re-created or restored resource, or never written), or an earlier create's outcome is unknown.
    /// </summary>
    public bool MayHaveUnrecordedPods => EarlierCreateUnknown || (PodIds.Count == 0 && CreateAttempts is null);

    public IReadOnlyDictionary<string, ObservedPod> Observed { get; set; } = new Dictionary<string, ObservedPod>();

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
    public RetryScope Scope => RetryScope.Of(Resource);
    public int Desired => Resource.Spec.MaxCount ?? 1;

    public PodClient Cloud => Client ?? throw new InvalidOperationException("no JD Cloud client yet: credentials were not read");

    public void AddPods(IEnumerable<string> podIds) => PodIds = [.. PodIds.Union(podIds)];

    public void Note(Notice notice) => Notices.Add(notice);

    public StatusFacts Facts(Problem? problem) =>
        new(Mode, Desired, PodIds, Observed, PendingCreate, CreateAttempts, problem, Cmdb);

    private static bool IsPaused(JdCloudPod resource) =>
        resource.Metadata.Annotations?.TryGetValue(Annotations.Paused, out var value) == true
        && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
