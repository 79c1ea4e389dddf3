using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>
/// The body of every call on one pod. Path parameters are repeated in the body as every SDK does
/// (docs/jdcloud-pod-lifecycle.md, "Requests"); the path stays authoritative. stopPod and startPod send only this.
/// </summary>
public class PodRequest
{
    [JsonPropertyName("regionId")] public required string RegionId { get; init; }
    [JsonPropertyName("podId")] public required string PodId { get; init; }
}

/// <summary>rebuildPod: <c>containers</c> is required (the 2019 item key <c>containerName</c> is not sent).</summary>
public sealed class RebuildPodRequest : PodRequest
{
    [JsonPropertyName("containers")] public required List<RebuildContainerSpec> Containers { get; init; }
}

/// <summary>
/// One container of rebuildPod, named by <see cref="Name"/>. The service has no field for resources, the system
/// disk, imageCacheId or type. An optional field left out takes the image's or the service's default, not the
/// container's previous value (the reading chosen for the sources' silence), so always send every field you want.
/// </summary>
public sealed class RebuildContainerSpec
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("command")] public List<string>? Command { get; set; }
    [JsonPropertyName("args")] public List<string>? Args { get; set; }
    [JsonPropertyName("env")] public List<EnvSpec>? Env { get; set; }
    [JsonPropertyName("secret")] public string? Secret { get; set; }
    [JsonPropertyName("tty")] public bool? Tty { get; set; }
    [JsonPropertyName("workingDir")] public string? WorkingDir { get; set; }
    [JsonPropertyName("livenessProbe")] public ProbeSpec? LivenessProbe { get; set; }
    [JsonPropertyName("readinessProbe")] public ProbeSpec? ReadinessProbe { get; set; }
    [JsonPropertyName("volumeMounts")] public List<VolumeMountSpec>? VolumeMounts { get; set; }

    /// <summary>Every field rebuildPod can set, taken from a container of the desired pod spec.</summary>
    public static RebuildContainerSpec From(ContainerSpec container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return new RebuildContainerSpec
        {
            Name = container.Name, Image = container.Image, Command = container.Command, Args = container.Args, Env = container.Env,
            Secret = container.Secret, Tty = container.Tty, WorkingDir = container.WorkingDir, LivenessProbe = container.LivenessProbe,
            ReadinessProbe = container.ReadinessProbe, VolumeMounts = container.VolumeMounts,
        };
    }
}

/// <summary>resizePod: a new <c>instanceType</c> (required, never the current one) and optional container resources.</summary>
public sealed class ResizePodRequest : PodRequest
{
    [JsonPropertyName("instanceType")] public required string InstanceType { get; init; }
    [JsonPropertyName("containerResources")] public List<ContainerResourceSpec>? ContainerResources { get; init; }
}

/// <summary>New requests and limits of one container, named by <see cref="Name"/>; both fields are required.</summary>
public sealed class ContainerResourceSpec
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("resources")] public required ResourceRequestsSpec Resources { get; init; }
}

/// <summary>modifyPodAttribute (PATCH): <c>description</c> only; the pod name never changes.</summary>
public sealed class ModifyPodAttributeRequest : PodRequest
{
    [JsonPropertyName("description")] public required string Description { get; init; }
}

/// <summary>associateElasticIp and disassociateElasticIp: the EIP on the primary NIC's primary IP.</summary>
public sealed class ElasticIpRequest : PodRequest
{
    [JsonPropertyName("elasticIpId")] public required string ElasticIpId { get; init; }
}
