using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// How the operator knows a CMDB pod is its own: every pod it registers carries the label
/// <see cref="Label"/> = the JD Cloud pod ID it stands for (a value JD Cloud assigns, so no tenant can choose it, and
/// list_kube_pod returns labels on every entry point). A record found under the same natural key (workload, name)
/// without that exact label was made by someone else, or for another cloud pod: it is a conflict, never adopted,
/// never deleted. Tenants cannot set the label (spec.cmdb.labels refuses the key). See docs/tenant-isolation.md.
/// </summary>
public static class CmdbOwnership
{
    public const string Label = JdCloudPod.Group + "/pod-id";

    /// <summary>The cloud pod a pod about to be registered stands for.</summary>
    public static string? OwnerOf(CmdbPod pod) => pod.Labels?.GetValueOrDefault(Label);

    /// <summary>True when <paramref name="listed"/> was registered for <paramref name="cloudPodId"/>.</summary>
    public static bool IsOwnedBy(ListedPod listed, string? cloudPodId) =>
        cloudPodId is { Length: > 0 } && listed.Labels?.GetValueOrDefault(Label) == cloudPodId;

    /// <summary>The error of a pod whose name is taken in CMDB by a record that is not provably this pod's.</summary>
    public static CmdbError Conflict(CmdbPodKey key, long bizId, ListedPod existing) => new(null,
        $"CMDB business {bizId} already holds a pod named {key.Name} in workload {key.Kind}/{key.WorkloadId} (CMDB id {existing.Id}) " +
        "that this operator did not register for this cloud pod; it is neither adopted nor deleted. Rename spec.podSpec.name, " +
        "use another workload, or remove that record in CMDB", Conflict: true);
}
