using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// One reconcile's working copy of a JdCloudPod: the object as last read or written, and the status fields being
/// changed. <see cref="Facts"/> turns it into the input of <see cref="StatusComposer"/>.
/// </summary>
internal sealed class ReconcileState(JdCloudPod resource)
{
    public JdCloudPod Resource { get; set; } = resource;
    public List<string> PodIds { get; set; } = [.. resource.Status?.PodIds ?? []];
    public PendingCreate? PendingCreate { get; set; } = resource.Status?.PendingCreate;
    public int? CreateAttempts { get; set; } = resource.Status?.CreateAttempts;
    public IReadOnlyDictionary<string, ObservedPod> Observed { get; set; } = new Dictionary<string, ObservedPod>();
    public Problem? Problem { get; set; }

    /// <summary>status.cmdb as being changed; null facts until a pass looks at CMDB (see <see cref="CmdbFacts"/>).</summary>
    public CmdbFacts? Cmdb { get; set; }

    /// <summary>An Event about <see cref="Problem"/> was already recorded in this reconcile.</summary>
    public bool ProblemReported { get; set; }
    public PodClient? Client { get; set; }
    public CloudAccount? Account { get; set; }

    public string Uid => Resource.Metadata.Uid;
    public long Generation => Resource.Metadata.Generation ?? 0;
    public int Desired => Resource.Spec.MaxCount ?? 1;
    public bool Deleting => Resource.Metadata.DeletionTimestamp is not null;

    public PodClient Cloud => Client ?? throw new InvalidOperationException("no JD Cloud client yet: credentials were not read");

    public void AddPods(IEnumerable<string> podIds) => PodIds = [.. PodIds.Union(podIds)];

    public StatusFacts Facts(ResourceMode mode) =>
        new(mode, Desired, PodIds, Observed, PendingCreate, CreateAttempts, Problem, Cmdb);
}
