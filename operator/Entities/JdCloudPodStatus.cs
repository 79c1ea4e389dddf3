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

    [Description("Aggregate phase: Pending, Creating, Running, Stopped (every pod stopped as spec.runState asks), Updating (a rollout under way), Scaling (surplus pods going), Degraded, Failed, Deleting or Paused.")]
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

    [Description("The revision of spec.podSpec the pods are being brought to: a short hash of it.")]
    [JsonPropertyName("updateRevision")] public string? UpdateRevision { get; set; }

    [Description("Pods that run updateRevision in the desired run state, with no operation in flight.")]
    [JsonPropertyName("updatedCount")] public int? UpdatedCount { get; set; }

    [ListMap("name")]
    [Description("What distinguishes each revision that a pod runs or is being brought to (only those), so that the operator knows which operation a pod needs: fingerprints of the field groups JD Cloud changes by different operations.")]
    [JsonPropertyName("revisions")] public List<PodSpecRevision>? Revisions { get; set; }

    [Description("Progress of the current rollout; absent when every pod runs updateRevision.")]
    [JsonPropertyName("rollout")] public RolloutStatus? Rollout { get; set; }

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

    [Description("The podSpec revision the pod runs (see status.revisions).")]
    [JsonPropertyName("revision")] public string? Revision { get; set; }

    [Description("The operation in flight on this pod, written before each of its cloud calls, so that an operator restarted at any instant carries it on instead of starting over or losing track of a stopped pod.")]
    [JsonPropertyName("operation")] public PodOperationStatus? Operation { get; set; }
}

[Description("An in-place operation on one pod: the steps still to do, in order, and whether the first one was accepted by the cloud.")]
public sealed class PodOperationStatus
{
    [Required]
    [Description("The revision the pod runs once the steps are done.")]
    [JsonPropertyName("revision")] public string? Revision { get; set; }

    [Items(1, 5), OneOf(PodSteps.Stop, PodSteps.Rebuild, PodSteps.Resize, PodSteps.Modify, PodSteps.Start)]
    [Description("Steps still to do, the current one first: Stop (stopPod), Rebuild (rebuildPod), Resize (resizePod), Modify (modifyPodAttribute), Start (startPod).")]
    [JsonPropertyName("steps")] public List<string>? Steps { get; set; }

    [Description("The cloud accepted the current step's call; until then the call is (re)sent.")]
    [JsonPropertyName("sent")] public bool? Sent { get; set; }
}

/// <summary>The steps of an in-place operation, in the order they run (docs/jdcloud-pod-lifecycle.md).</summary>
public static class PodSteps
{
    public const string Stop = "Stop";
    public const string Rebuild = "Rebuild";
    public const string Resize = "Resize";
    public const string Modify = "Modify";
    public const string Start = "Start";
}

[Description("Fingerprints of one podSpec revision: short hashes of the field groups that JD Cloud changes by different operations, and the instance type.")]
public sealed class PodSpecRevision
{
    [Required]
    [Description("The revision: a short hash of the whole podSpec.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Description("Hash of description (modifyPodAttribute).")]
    [JsonPropertyName("description")] public string? Description { get; set; }

    [Description("Hash of the containers' fields rebuildPod sets: image, command, args, env, secret, tty, workingDir, probes, volumeMounts.")]
    [JsonPropertyName("containers")] public string? Containers { get; set; }

    [Description("instanceType (resizePod, which needs a different type).")]
    [JsonPropertyName("instanceType")] public string? InstanceType { get; set; }

    [Description("Hash of the containers' resources (resizePod, only together with a new instanceType).")]
    [JsonPropertyName("resources")] public string? Resources { get; set; }

    [Description("Hash of every other field: a change there needs a new pod.")]
    [JsonPropertyName("fixed")] public string? Fixed { get; set; }
}

[Description("Progress of a rollout, for the progress deadline.")]
public sealed class RolloutStatus
{
    [Description("The metadata.generation the progress clock was last reset for.")]
    [JsonPropertyName("generation")] public long? Generation { get; set; }

    [Description("When the rollout last made progress (RFC 3339).")]
    [JsonPropertyName("progressTime")] public string? ProgressTime { get; set; }

    [Description("The best progress reached so far: pods on updateRevision and running, minus pods still on another revision.")]
    [JsonPropertyName("progressMark")] public int? ProgressMark { get; set; }

    [Description("No progress within progressDeadlineSeconds: no pod is touched until the spec changes (a new generation).")]
    [JsonPropertyName("deadlineExceeded")] public bool? DeadlineExceeded { get; set; }

    [Description("The resource was paused while this rollout was under way: the progress clock starts again when the pause ends.")]
    [JsonPropertyName("paused")] public bool? Paused { get; set; }
}

[Description("A createPods call that may have reached the cloud without its answer being recorded.")]
public sealed class PendingCreate
{
    [Description("The createPods clientToken: derived from the resource UID and the attempt number, at most 64 ASCII characters.")]
    [JsonPropertyName("clientToken")] public string? ClientToken { get; set; }

    [Description("The maxCount sent with this call.")]
    [JsonPropertyName("count")] public int? Count { get; set; }

    [Description("The podSpec revision sent with this call: the revision its pods are recorded with.")]
    [JsonPropertyName("revision")] public string? Revision { get; set; }
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

    [Description("The podSpec revision whose containers were registered: a pod rebuilt with other images is registered again (CMDB has no update for pods).")]
    [JsonPropertyName("revision")] public string? Revision { get; set; }
}
