using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>A pod as describePod and describePods return it (docs/jdcloud-api.md, Models). Every field may be absent or
/// null.</summary>
public sealed class Pod
{
    [JsonPropertyName("podId")] public string? PodId { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("az")] public string? Az { get; set; }
    [JsonPropertyName("hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("ag")] public PodAg? Ag { get; set; }
    [JsonPropertyName("instanceType")] public string? InstanceType { get; set; }
    [JsonPropertyName("restartPolicy")] public string? RestartPolicy { get; set; }
    [JsonPropertyName("terminationGracePeriodSeconds")] public int? TerminationGracePeriodSeconds { get; set; }
    [JsonPropertyName("vpcId")] public string? VpcId { get; set; }
    [JsonPropertyName("subnetId")] public string? SubnetId { get; set; }
    [JsonPropertyName("privateIpAddress")] public string? PrivateIpAddress { get; set; }
    [JsonPropertyName("dnsConfig")] public DnsConfigSpec? DnsConfig { get; set; }
    [JsonPropertyName("logConfig")] public LogConfigSpec? LogConfig { get; set; }
    [JsonPropertyName("hostAliases")] public List<HostAliasSpec>? HostAliases { get; set; }
    [JsonPropertyName("volumes")] public List<PodVolume>? Volumes { get; set; }
    [JsonPropertyName("containers")] public List<Container>? Containers { get; set; }
    [JsonPropertyName("podStatus")] public PodStatus? PodStatus { get; set; }
    [JsonPropertyName("elasticIp")] public PodElasticIp? ElasticIp { get; set; }
    [JsonPropertyName("primaryNetworkInterface")] public PodNetworkInterfaceAttachment? PrimaryNetworkInterface { get; set; }
    [JsonPropertyName("tags")] public List<PodTag>? Tags { get; set; }
    [JsonPropertyName("charge")] public PodCharge? Charge { get; set; }
    [JsonPropertyName("createTime")] public string? CreateTime { get; set; }
    [JsonPropertyName("resourceGroupId")] public string? ResourceGroupId { get; set; }

    /// <summary>The phase lives in <c>podStatus.phase</c>; there is no top-level status.</summary>
    [JsonIgnore] public string? Phase => PodStatus?.Phase;

    /// <summary>Primary private IP: <c>privateIpAddress</c>, else <c>podStatus.podIP</c>.</summary>
    [JsonIgnore] public string? PrimaryPrivateIp => NonEmpty(PrivateIpAddress) ?? NonEmpty(PodStatus?.PodIp);

    /// <summary>Public IP: <c>elasticIp.elasticIpAddress</c>, else the one on the primary interface's primary IP.</summary>
    [JsonIgnore]
    public string? ElasticIpAddress =>
        NonEmpty(ElasticIp?.ElasticIpAddress) ?? NonEmpty(PrimaryNetworkInterface?.NetworkInterface?.PrimaryIp?.ElasticIpAddress);

    /// <summary>The ID of the EIP bound to the primary IP: <c>elasticIp.elasticIpId</c>, else the primary IP's own.</summary>
    [JsonIgnore]
    public string? BoundElasticIpId =>
        NonEmpty(ElasticIp?.ElasticIpId) ?? NonEmpty(PrimaryNetworkInterface?.NetworkInterface?.PrimaryIp?.ElasticIpId);

    [JsonIgnore] public DateTimeOffset? CreatedAt => JdCloudTimestamp.Parse(CreateTime);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>The availability group of a pod created with agId.</summary>
public sealed class PodAg
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}

public sealed class PodVolume
{
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>The disk behind the volume; its response shape is not documented, so it is kept as JSON.</summary>
    [JsonPropertyName("jdcloudDisk")] public JsonElement? JdcloudDisk { get; set; }
}

public sealed class PodElasticIp
{
    [JsonPropertyName("elasticIpId")] public string? ElasticIpId { get; set; }
    [JsonPropertyName("elasticIpAddress")] public string? ElasticIpAddress { get; set; }
}

public sealed class PodNetworkInterfaceAttachment
{
    [JsonPropertyName("autoDelete")] public bool? AutoDelete { get; set; }
    [JsonPropertyName("deviceIndex")] public int? DeviceIndex { get; set; }
    [JsonPropertyName("attachStatus")] public string? AttachStatus { get; set; }
    [JsonPropertyName("attachTime")] public string? AttachTime { get; set; }
    [JsonPropertyName("networkInterface")] public PodNetworkInterface? NetworkInterface { get; set; }
}

public sealed class PodNetworkInterface
{
    [JsonPropertyName("networkInterfaceId")] public string? NetworkInterfaceId { get; set; }
    [JsonPropertyName("macAddress")] public string? MacAddress { get; set; }
    [JsonPropertyName("vpcId")] public string? VpcId { get; set; }
    [JsonPropertyName("subnetId")] public string? SubnetId { get; set; }
    [JsonPropertyName("securityGroups")] public List<PodSecurityGroup>? SecurityGroups { get; set; }
    [JsonPropertyName("sanityCheck")] public int? SanityCheck { get; set; }
    [JsonPropertyName("primaryIp")] public PodPrivateIp? PrimaryIp { get; set; }
    [JsonPropertyName("secondaryIps")] public List<PodPrivateIp>? SecondaryIps { get; set; }
    [JsonPropertyName("ipv6Addresses")] public List<PodIpv6Address>? Ipv6Addresses { get; set; }
}

public sealed class PodIpv6Address
{
    [JsonPropertyName("ipv6Id")] public string? Ipv6Id { get; set; }
    [JsonPropertyName("ipv6Address")] public string? Ipv6Address { get; set; }
}

public sealed class PodSecurityGroup
{
    [JsonPropertyName("groupId")] public string? GroupId { get; set; }
    [JsonPropertyName("groupName")] public string? GroupName { get; set; }
}

public sealed class PodPrivateIp
{
    [JsonPropertyName("privateIpAddress")] public string? PrivateIpAddress { get; set; }
    [JsonPropertyName("elasticIpId")] public string? ElasticIpId { get; set; }
    [JsonPropertyName("elasticIpAddress")] public string? ElasticIpAddress { get; set; }
}

public sealed class PodTag
{
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

public sealed class PodCharge
{
    [JsonPropertyName("chargeMode")] public string? ChargeMode { get; set; }
    [JsonPropertyName("chargeStatus")] public string? ChargeStatus { get; set; }
    [JsonPropertyName("chargeStartTime")] public string? ChargeStartTime { get; set; }
    [JsonPropertyName("chargeExpiredTime")] public string? ChargeExpiredTime { get; set; }
    [JsonPropertyName("chargeRetireTime")] public string? ChargeRetireTime { get; set; }
}
