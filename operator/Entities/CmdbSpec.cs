using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Entities;

/// <summary>
/// Registration of this resource's pods in BlueKing CMDB (batch_create_kube_pod). Every id left out is taken from the
/// operator's configuration (section Cmdb:Defaults), so most resources need only enabled: true. The cluster,
/// namespace, node and workload must already exist in CMDB; these are their CMDB ids, not Kubernetes names.
/// </summary>
public sealed class CmdbSpec
{
    /// <summary>Register the pods in CMDB once they are running, and remove them from CMDB when they are deleted.</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; }

    /// <summary>CMDB business id (bk_biz_id) the pods are registered under. Non-zero. Defaults to Cmdb:Defaults:BizId.</summary>
    [JsonPropertyName("bizId")]
    public long? BizId { get; set; }

    /// <summary>CMDB cluster id (spec.bk_cluster_id) of the pods. Non-zero. Defaults to Cmdb:Defaults:ClusterId.</summary>
    [JsonPropertyName("clusterId")]
    public long? ClusterId { get; set; }

    /// <summary>CMDB namespace id (spec.bk_namespace_id) of the pods. Non-zero. Defaults to Cmdb:Defaults:NamespaceId.</summary>
    [JsonPropertyName("namespaceId")]
    public long? NamespaceId { get; set; }

    /// <summary>CMDB node id (spec.bk_node_id), usually the virtual node standing for JD Cloud. Non-zero. Defaults to Cmdb:Defaults:NodeId.</summary>
    [JsonPropertyName("nodeId")]
    public long? NodeId { get; set; }

    /// <summary>CMDB host id (bk_host_id) the pods are associated with. Non-zero. Defaults to Cmdb:Defaults:HostId.</summary>
    [JsonPropertyName("hostId")]
    public long? HostId { get; set; }

    /// <summary>CMDB workload the pods belong to (spec.ref). Defaults to Cmdb:Defaults:Workload.</summary>
    [JsonPropertyName("workload")]
    public CmdbWorkloadReference? Workload { get; set; }

    /// <summary>
    /// Users responsible for the pods, recorded as the CMDB pod's operator list. At least one. Defaults to
    /// Cmdb:Defaults:Operators.
    /// </summary>
    [JsonPropertyName("operators")]
    public List<string>? Operators { get; set; }

    /// <summary>
    /// Labels recorded on every CMDB pod, added to the defaults in Cmdb:Defaults:Labels (a key given here wins).
    /// </summary>
    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>Reference to a CMDB workload: the pod's natural key in CMDB is (kind, id, pod name).</summary>
public sealed class CmdbWorkloadReference
{
    /// <summary>
    /// Workload kind, case-sensitive: deployment, statefulSet, daemonSet, gameStatefulSet, gameDeployment, cronJob,
    /// job, pods (the pseudo-workload for bare pods) or customResource (CMDB v3.14.7 and later).
    /// </summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>CMDB id of the workload (spec.ref.id). Non-zero.</summary>
    [JsonPropertyName("id")]
    public long? Id { get; set; }
}
