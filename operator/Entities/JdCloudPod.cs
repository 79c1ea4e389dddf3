using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Entities;

/// <summary>One or more JD Cloud pods, declared as a Kubernetes resource.</summary>
[KubernetesEntity(Group = JdCloudPod.Group, ApiVersion = JdCloudPod.Version, Kind = JdCloudPod.EntityKind, PluralName = JdCloudPod.Plural)]
[Description("JdCloudPod declares JD Cloud pods (createPods); the operator creates them and reports their state in status.")]
[ShortNames("jdpod", "jdpods")]
[Categories("jdcloud")]
[PrinterColumn("Phase", "string", ".status.phase", "Aggregate phase of the cloud pods")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "All desired pods are running")]
[PrinterColumn("Pods", "integer", ".status.createdCount", "Cloud pods that exist")]
[PrinterColumn("Desired", "integer", ".spec.maxCount", "Desired number of cloud pods")]
[PrinterColumn("Up-to-date", "integer", ".status.updatedCount", "Pods running the current podSpec revision in the desired run state")]
[PrinterColumn("Pod-ID", "string", ".status.podIds[0]", "First cloud pod ID")]
[PrinterColumn("Region", "string", ".spec.regionId", "JD Cloud region", Priority = 1)]
[PrinterColumn("CMDB", "string", ".status.conditions[?(@.type==\"CmdbRegistered\")].status", "Pods registered in BlueKing CMDB", Priority = 1)]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", "Why Ready is what it is", Priority = 1)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since creation")]
public sealed class JdCloudPod : IKubernetesObject<V1ObjectMeta>, ISpec<JdCloudPodSpec>, IStatus<JdCloudPodStatus?>
{
    public const string Group = "jdcloudpod.io";
    public const string Version = "v1alpha1";
    public const string EntityKind = "JdCloudPod";
    public const string Plural = "jdcloudpods";
    public const string ApiVersionString = Group + "/" + Version;

    [Description("Versioned schema of this object: jdcloudpod.io/v1alpha1.")]
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ApiVersionString;
    [Description("Kind of this object: JdCloudPod.")]
    [JsonPropertyName("kind")] public string Kind { get; set; } = EntityKind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    [Required]
    [Description("What to create: the createPods request (podSpec, maxCount) plus where and with which credentials.")]
    [JsonPropertyName("spec")] public JdCloudPodSpec Spec { get; set; } = new();

    [Description("What the operator observed. Written only by the operator.")]
    [JsonPropertyName("status")] public JdCloudPodStatus? Status { get; set; }

    public override string ToString() => $"{Metadata.NamespaceProperty}/{Metadata.Name}";
}

[Description("The desired cloud pods.")]
[CelRule("self.maxCount == 1 || !has(self.podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress)",
    "podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress may be set only when maxCount is 1")]
[CelRule("self.maxCount == 1 || !has(self.podSpec.primaryNetworkInterface.networkInterface.secondaryIpAddresses) || size(self.podSpec.primaryNetworkInterface.networkInterface.secondaryIpAddresses) == 0",
    "podSpec.primaryNetworkInterface.networkInterface.secondaryIpAddresses may be set only when maxCount is 1")]
[CelRule("self.maxCount == 1 || !has(self.podSpec.primaryNetworkInterface.networkInterface.ipv6Address)",
    "podSpec.primaryNetworkInterface.networkInterface.ipv6Address may be set only when maxCount is 1")]
[CelRule("self.maxCount == 1 || !has(self.podSpec.secondaryNetworkInterfaces) || self.podSpec.secondaryNetworkInterfaces.all(n, !has(n.networkInterface.primaryIpAddress) && (!has(n.networkInterface.secondaryIpAddresses) || size(n.networkInterface.secondaryIpAddresses) == 0) && !has(n.networkInterface.ipv6Address))",
    "podSpec.secondaryNetworkInterfaces[].networkInterface: primaryIpAddress, secondaryIpAddresses and ipv6Address may be set only when maxCount is 1")]
[CelRule(PodNameLimits.CelRule, PodNameLimits.CelMessage)]
[CelRule(OwnerTag.CountCelRule, OwnerTag.CountCelMessage)]
[CelRule(OwnerTag.KeyCelRule, OwnerTag.KeyCelMessage)]
public sealed class JdCloudPodSpec
{
    [Required]
    [Description("The pods to run: createPods' PodSpec with the same field names. A change reaches existing pods as spec.updateStrategy says: in place where JD Cloud allows it, otherwise by replacement pods.")]
    [JsonPropertyName("podSpec")] public PodSpec? PodSpec { get; set; }

    [Range(1, 100), Default(1)]
    [Description("Desired number of pods: 1-100. Default 1. The operator creates missing pods and deletes surplus ones.")]
    [JsonPropertyName("maxCount")] public int? MaxCount { get; set; }

    [Required, Length(1, 32), Pattern(Patterns.RegionId, Patterns.RegionIdMeaning)]
    [CelRule("self == oldSelf", "regionId is immutable")]
    [Description("JD Cloud region, for example cn-north-1, cn-east-2 or cn-south-1. Immutable.")]
    [JsonPropertyName("regionId")] public string? RegionId { get; set; }

    [Required]
    [Description("Secret in the same namespace with the JD Cloud access key (key accessKey) and secret key (key secretKey).")]
    [JsonPropertyName("credentialsSecretRef")] public SecretReference? CredentialsSecretRef { get; set; }

    [OneOf("Delete", "Orphan"), Default("Delete")]
    [Description("What happens to the cloud pods when this resource is deleted: Delete (default) deletes them; Orphan leaves them running.")]
    [JsonPropertyName("deletionPolicy")] public string? DeletionPolicy { get; set; }

    [Description("Optional registration of the running pods in BlueKing CMDB (batch_create_kube_pod).")]
    [JsonPropertyName("cmdb")] public CmdbSpec? Cmdb { get; set; }

    [Description("How a podSpec change reaches existing pods. Default: RollingUpdate, in place where possible, maxUnavailable 0, maxSurge 1, progressDeadlineSeconds 600.")]
    [JsonPropertyName("updateStrategy")] public UpdateStrategySpec? UpdateStrategy { get; set; }

    [OneOf(RunStates.Running, RunStates.Stopped), Default(RunStates.Running)]
    [Description("Running (default): the pods run; stopped ones are started. Stopped: every pod is stopped (stopPod) and kept with its ID, IPs and disks; nothing is deleted.")]
    [JsonPropertyName("runState")] public string? RunState { get; set; }
}

[Description("A Secret in the resource's namespace.")]
public sealed class SecretReference
{
    [Required, Length(1, 253), Pattern(Patterns.Dns1123Subdomain, Patterns.Dns1123SubdomainMeaning)]
    [Description("Name of the Secret.")]
    [JsonPropertyName("name")] public string? Name { get; set; }
}
