using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

/// <summary>
/// spec.cmdb: registration of the resource's pods in BlueKing CMDB (batch_create_kube_pod). Every field left out is
/// taken from the operator's configuration (Cmdb:Defaults:*), so most resources need only enabled: true. Required
/// presence (once defaults are applied) and the other CMDB rules are checked by Cmdb.CmdbRules.
/// </summary>
[Description("Registration of the pods in BlueKing CMDB. Fields left out come from the operator's configuration (Cmdb:Defaults), so enabled: true is often enough. The cluster, namespace, node and workload must already exist in CMDB; the values are their CMDB ids.")]
public sealed class CmdbSpec
{
    [Description("Register the pods in CMDB once they run, and remove them from CMDB when they are deleted. Default false.")]
    [JsonPropertyName("enabled")] public bool Enabled { get; set; }

    [Range(1, long.MaxValue)]
    [Description("CMDB business id (bk_biz_id) the pods are registered under; at least 1. Default: operator configuration Cmdb:Defaults:BizId.")]
    [JsonPropertyName("bizId")] public long? BizId { get; set; }

    [Range(1, long.MaxValue)]
    [Description("CMDB cluster id (bk_cluster_id) of the pods; at least 1. Default: Cmdb:Defaults:ClusterId.")]
    [JsonPropertyName("clusterId")] public long? ClusterId { get; set; }

    [Range(1, long.MaxValue)]
    [Description("CMDB namespace id (bk_namespace_id) of the pods; at least 1. Default: Cmdb:Defaults:NamespaceId.")]
    [JsonPropertyName("namespaceId")] public long? NamespaceId { get; set; }

    [Range(1, long.MaxValue)]
    [Description("CMDB node id (bk_node_id), usually a virtual node standing for JD Cloud; at least 1. Default: Cmdb:Defaults:NodeId.")]
    [JsonPropertyName("nodeId")] public long? NodeId { get; set; }

    [Range(1, long.MaxValue)]
    [Description("CMDB host id (bk_host_id) the pods are associated with; at least 1. Default: Cmdb:Defaults:HostId.")]
    [JsonPropertyName("hostId")] public long? HostId { get; set; }

    [Description("CMDB workload the pods belong to. A pod is unique in CMDB by (workload kind, workload id, pod name). Default: Cmdb:Defaults:Workload.")]
    [JsonPropertyName("workload")] public CmdbWorkloadReference? Workload { get; set; }

    [Description("Users responsible for the pods, recorded as the CMDB pod's operator; at least one. Default: Cmdb:Defaults:Operators.")]
    [JsonPropertyName("operators")] public List<string>? Operators { get; set; }

    [Description("Labels recorded on every CMDB pod, added to Cmdb:Defaults:Labels (a key given here wins).")]
    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>A CMDB workload reference (the pod's spec.ref in CMDB).</summary>
[Description("A CMDB workload: its kind and CMDB id.")]
public sealed class CmdbWorkloadReference
{
    [OneOf("deployment", "statefulSet", "daemonSet", "gameStatefulSet", "gameDeployment", "cronJob", "job", "pods", "customResource")]
    [Description("Workload kind, case-sensitive: deployment, statefulSet, daemonSet, gameStatefulSet, gameDeployment, cronJob, job, pods (the pseudo-workload of bare pods) or customResource (CMDB 3.14.7 and later).")]
    [JsonPropertyName("kind")] public string? Kind { get; set; }

    [Range(1, long.MaxValue)]
    [Description("CMDB id of the workload; at least 1.")]
    [JsonPropertyName("id")] public long? Id { get; set; }
}
