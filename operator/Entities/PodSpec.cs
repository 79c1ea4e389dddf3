using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

/// <summary>createPods' PodSpec, field for field, with the document's JSON names: a createPods body pastes in as is.</summary>
[Description("The pod to create, exactly as createPods' PodSpec (same field names and limits).")]
[CelRule("!has(self.containers) || self.containers.all(c, !has(c.volumeMounts) || c.volumeMounts.all(m, has(self.volumes) && self.volumes.exists(v, v.name == m.name)))",
    "every containers[].volumeMounts[].name must name one of volumes[].name")]
[AtLeastOneOf("az", "agId")]
public sealed class PodSpec
{
    [Required, Length(1, 253), Pattern(Patterns.Dns1123Subdomain, Patterns.Dns1123SubdomainMeaning)]
    [Description("Pod name: a DNS-1123 subdomain (1-253 characters), unique within the region. With maxCount > 1 the cloud gives each pod a distinct name derived from it.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Length(0, 256)]
    [Description("Description; any UTF-8 characters, at most 256. Empty by default. A change reaches existing pods through modifyPodAttribute, without stopping them.")]
    [JsonPropertyName("description")] public string? Description { get; set; }

    [Length(1, 63), Pattern(Patterns.Hostname, Patterns.HostnameMeaning)]
    [Description("Hostname: a label or labels joined by '.', letters (any case), digits and '-', no label starting or ending with '-', at most 63 ASCII characters in all. Defaults to the pod ID.")]
    [JsonPropertyName("hostname")] public string? Hostname { get; set; }

    [OneOf("Always", "OnFailure", "Never")]
    [Description("Restart policy of the pod's containers: Always, OnFailure or Never. Default Always.")]
    [JsonPropertyName("restartPolicy")] public string? RestartPolicy { get; set; }

    [Range(0, 300)]
    [Description("Graceful shutdown period in seconds before a forced stop: 0-300. Default 30.")]
    [JsonPropertyName("terminationGracePeriodSeconds")] public int? TerminationGracePeriodSeconds { get; set; }

    [Required, Length(1, 64)]
    [Description("Instance type, for example g.n2.medium (2nd and 3rd generation types are offered in every region).")]
    [JsonPropertyName("instanceType")] public string? InstanceType { get; set; }

    [Length(1, 64)]
    [Description("Availability zone of the pod, for example cn-north-1a. Required unless agId is set; with agId it must be one of the group's zones, and existing disks must be in it.")]
    [JsonPropertyName("az")] public string? Az { get; set; }

    [Length(1, 64)]
    [Description("Availability group ID: the pods are created from the instance template the group is associated with; az may then be left out.")]
    [JsonPropertyName("agId")] public string? AgId { get; set; }

    [Description("The containers' /etc/resolv.conf.")]
    [JsonPropertyName("dnsConfig")] public DnsConfigSpec? DnsConfig { get; set; }

    [Description("Container log configuration; by default 10 MB of local storage per container, rotated.")]
    [JsonPropertyName("logConfig")] public LogConfigSpec? LogConfig { get; set; }

    [Items(0, 10)]
    [Description("Host name to IP mappings added to /etc/hosts; at most 10.")]
    [JsonPropertyName("hostAliases")] public List<HostAliasSpec>? HostAliases { get; set; }

    [Items(0, 7), ListMap("name")]
    [Description("Data volumes (cloud disks) that containers can mount; 0-7, names unique.")]
    [JsonPropertyName("volumes")] public List<VolumeSpec>? Volumes { get; set; }

    [Required, Items(1, 8), ListMap("name")]
    [Description("The pod's containers: 1-8, names unique.")]
    [JsonPropertyName("containers")] public List<ContainerSpec>? Containers { get; set; }

    [Description("Billing: prepaid_by_duration (monthly or yearly) or postpaid_by_duration (pay by configuration, the default).")]
    [JsonPropertyName("charge")] public ChargeSpec? Charge { get; set; }

    [Description("Elastic IP to bind to the primary network interface's primary IP.")]
    [JsonPropertyName("elasticIp")] public ElasticIpSpec? ElasticIp { get; set; }

    [Required]
    [Description("Primary network interface.")]
    [JsonPropertyName("primaryNetworkInterface")] public NetworkInterfaceAttachmentSpec? PrimaryNetworkInterface { get; set; }

    [Description("Secondary network interfaces (newer API versions; the instance type's nicLimit bounds them).")]
    [JsonPropertyName("secondaryNetworkInterfaces")] public List<NetworkInterfaceAttachmentSpec>? SecondaryNetworkInterfaces { get; set; }

    [Items(0, OwnerTag.MaxTagsPerPod), ListMap("key")]
    [Description("User tags of the pods ({key, value}); keys unique; at most 10 per pod, so at most 9 here: the operator adds its owner tag jdcloudpod.io/owner (docs/ownership.md). describePods can filter by them.")]
    [JsonPropertyName("userTags")] public List<Tag>? UserTags { get; set; }

    [Length(1, 64)]
    [Description("Resource group ID.")]
    [JsonPropertyName("resourceGroupId")] public string? ResourceGroupId { get; set; }

    [Description("Match an image cache automatically. Default false.")]
    [JsonPropertyName("autoMatchImageCache")] public bool? AutoMatchImageCache { get; set; }

    [Description("Create an image cache when none matches (with autoMatchImageCache). Default false.")]
    [JsonPropertyName("autoCreateImageCache")] public bool? AutoCreateImageCache { get; set; }
}

[Description("A user tag.")]
public sealed class Tag
{
    [Required, Length(1, 127), Pattern(Patterns.TagText, Patterns.TagTextMeaning), ForbiddenPrefix("jrn:", "jdc-")]
    [Description("Tag key: 1-127 characters of Chinese characters, letters, digits and _.,:/=+-@; not starting with jrn: or jdc-; in a JdCloudPod not jdcloudpod.io/owner (the operator's).")]
    [JsonPropertyName("key")] public string? Key { get; set; }

    [Length(0, 255), Pattern(Patterns.TagValue, Patterns.TagTextMeaning)]
    [Description("Tag value: 0-255 characters of Chinese characters, letters, digits and _.,:/=+-@.")]
    [JsonPropertyName("value")] public string? Value { get; set; }
}
