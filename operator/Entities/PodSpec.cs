using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

/// <summary>createPods' PodSpec, field for field, with the document's JSON names: a createPods body pastes in as is.</summary>
[Description("The pod to create, exactly as createPods' PodSpec (same field names and limits).")]
[CelRule("!has(self.containers) || self.containers.all(c, !has(c.volumeMounts) || c.volumeMounts.all(m, has(self.volumes) && self.volumes.exists(v, v.name == m.name)))",
    "every containers[].volumeMounts[].name must name one of volumes[].name")]
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

    [Required, Length(1, 64)]
    [Description("Availability zone of the pod, for example cn-north-1a.")]
    [JsonPropertyName("az")] public string? Az { get; set; }

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
    [Description("Primary network interface (the only one a pod has).")]
    [JsonPropertyName("primaryNetworkInterface")] public NetworkInterfaceAttachmentSpec? PrimaryNetworkInterface { get; set; }
}
