using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;
using k8s.Models;

namespace JdCloudPodOperator.Entities;

[Description("Observed state of the cloud pods.")]
public sealed class JdCloudPodStatus
{
    [Description("The metadata.generation this status describes.")]
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }

    [Description("Aggregate phase: Pending, Creating, Running, Degraded, Failed, Deleting or Paused.")]
    [JsonPropertyName("phase")] public string? Phase { get; set; }

    [Description("IDs of the cloud pods this resource owns.")]
    [JsonPropertyName("podIds")] public List<string>? PodIds { get; set; }

    [ListMap("podId")]
    [Description("State of each cloud pod.")]
    [JsonPropertyName("pods")] public List<CloudPodStatus>? Pods { get; set; }

    [Description("Number of pods desired (spec.maxCount) when last reconciled.")]
    [JsonPropertyName("requestedCount")] public int? RequestedCount { get; set; }

    [Description("Number of cloud pods that exist.")]
    [JsonPropertyName("createdCount")] public int? CreatedCount { get; set; }

    [Description("The createPods call in flight. Written before the call, so that an operator restarted at any instant re-sends the same clientToken (the cloud then returns the same podIds) instead of creating duplicates.")]
    [JsonPropertyName("pendingCreate")] public PendingCreate? PendingCreate { get; set; }

    [Description("Number of createPods calls started for this resource; part of the next clientToken.")]
    [JsonPropertyName("createAttempts")] public int? CreateAttempts { get; set; }

    [Description("Registration of the pods in BlueKing CMDB (spec.cmdb): the business and workload used and each pod's CMDB id next to its JD Cloud pod ID.")]
    [JsonPropertyName("cmdb")] public CmdbRegistrationStatus? Cmdb { get; set; }

    [ListMap("type"), EmbeddedKubernetesType(typeof(ConditionShape))]
    [Description("Standard conditions (metav1.Condition): Ready, Reconciling, Stalled, and CmdbRegistered when spec.cmdb is enabled.")]
    [JsonPropertyName("conditions")] public List<V1Condition>? Conditions { get; set; }
}

[Description("State of one cloud pod.")]
public sealed class CloudPodStatus
{
    [Required]
    [Description("Cloud pod ID (pod- and 10 letters or digits).")]
    [JsonPropertyName("podId")] public string? PodId { get; set; }

    [Description("Cloud pod name.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Description("Cloud phase (podStatus.phase), for example pending, running, error.")]
    [JsonPropertyName("phase")] public string? Phase { get; set; }

    [Description("Primary private IP.")]
    [JsonPropertyName("privateIpAddress")] public string? PrivateIpAddress { get; set; }

    [Description("Elastic (public) IP, when one is bound.")]
    [JsonPropertyName("elasticIpAddress")] public string? ElasticIpAddress { get; set; }

    [Description("The cloud reports the pod Ready.")]
    [JsonPropertyName("ready")] public bool? Ready { get; set; }

    [Description("The cloud's reason or message for the phase.")]
    [JsonPropertyName("message")] public string? Message { get; set; }
}

[Description("A createPods call that may have reached the cloud without its answer being recorded.")]
public sealed class PendingCreate
{
    [Description("The createPods clientToken: derived from the resource UID and the attempt number, at most 64 ASCII characters.")]
    [JsonPropertyName("clientToken")] public string? ClientToken { get; set; }

    [Description("The maxCount sent with this call.")]
    [JsonPropertyName("count")] public int? Count { get; set; }
}

[Description("The pods' registrations in CMDB. An entry is written before its pod is registered and removed only once CMDB no longer has it, so an operator restarted at any instant neither registers twice nor leaves a registration behind.")]
public sealed class CmdbRegistrationStatus
{
    [Description("CMDB business id (bk_biz_id) the pods are registered under.")]
    [JsonPropertyName("bizId")] public long? BizId { get; set; }

    [Description("CMDB workload the pods are registered under; with the pod name it is the CMDB pod's unique key.")]
    [JsonPropertyName("workload")] public CmdbWorkloadReference? Workload { get; set; }

    [ListMap("podId")]
    [Description("One entry per registered (or being registered) pod.")]
    [JsonPropertyName("pods")] public List<CmdbPodStatus>? Pods { get; set; }
}

[Description("A cloud pod's registration in CMDB.")]
public sealed class CmdbPodStatus
{
    [Required]
    [Description("JD Cloud pod ID.")]
    [JsonPropertyName("podId")] public string? PodId { get; set; }

    [Description("Name of the pod in CMDB (the cloud pod's name).")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Description("CMDB pod id; absent while the registration is in progress or failed.")]
    [JsonPropertyName("cmdbPodId")] public long? CmdbPodId { get; set; }
}
