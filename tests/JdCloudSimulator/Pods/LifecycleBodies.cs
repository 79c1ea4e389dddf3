using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudSimulator.Pods;

// The bodies of the calls on one pod, every field optional so that a missing one is reported, not a parse error.
// regionId and podId may repeat the path's, which is authoritative.

/// <summary>rebuildPod: <c>containers</c>, each a RebuildContainerSpec named by <c>name</c>.</summary>
public sealed class RebuildPodBody
{
    [JsonPropertyName("containers")] public List<RebuildContainerSpec?>? Containers { get; set; }
}

/// <summary>resizePod: <c>instanceType</c> and optional <c>containerResources</c>.</summary>
public sealed class ResizePodBody
{
    [JsonPropertyName("instanceType")] public string? InstanceType { get; set; }
    [JsonPropertyName("containerResources")] public List<ContainerResourceBody?>? ContainerResources { get; set; }
}

public sealed class ContainerResourceBody
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("resources")] public ResourceRequestsSpec? Resources { get; set; }
}

/// <summary>modifyPodAttribute: <c>description</c>. <c>name</c> is read only to refuse it: a pod's name never changes.</summary>
public sealed class ModifyPodAttributeBody
{
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}

/// <summary>associateElasticIp and disassociateElasticIp: <c>elasticIpId</c>.</summary>
public sealed class ElasticIpBody
{
    [JsonPropertyName("elasticIpId")] public string? ElasticIpId { get; set; }
}
