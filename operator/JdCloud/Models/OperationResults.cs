using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>The createPods body (docs/jdcloud-api.md, Operations, createPods): camelCase, <c>regionId</c> repeated from
/// the path as every SDK does, unset fields omitted.</summary>
public sealed class CreatePodsRequest
{
    [JsonPropertyName("regionId")] public required string RegionId { get; init; }
    [JsonPropertyName("podSpec")] public required PodSpec PodSpec { get; init; }
    [JsonPropertyName("maxCount")] public required int MaxCount { get; init; }
    [JsonPropertyName("clientToken")] public string? ClientToken { get; init; }
}

public sealed class CreatePodsResult
{
    /// <summary>May hold fewer IDs than maxCount: maxCount is best effort.</summary>
    [JsonPropertyName("podIds")] public List<string>? PodIds { get; set; }

    /// <summary>The requestId of the call, for status and events.</summary>
    [JsonIgnore] public string? RequestId { get; set; }

    /// <summary>The clientToken that was sent (generated when the caller gave none).</summary>
    [JsonIgnore] public string? ClientToken { get; set; }
}

/// <summary>The result of calls that return nothing (deletePod).</summary>
public sealed class EmptyResult;

public sealed class DescribePodsResult
{
    [JsonPropertyName("pods")] public List<Pod>? Pods { get; set; }
    [JsonPropertyName("totalCount")] public int? TotalCount { get; set; }
}

public sealed class DescribePodResult
{
    [JsonPropertyName("pod")] public Pod? Pod { get; set; }
}

/// <summary>The checkPodName body (docs/jdcloud-api.md, Operations).</summary>
public sealed class CheckPodNameRequest
{
    [JsonPropertyName("regionId")] public required string RegionId { get; init; }
    [JsonPropertyName("podName")] public required string PodName { get; init; }
    [JsonPropertyName("maxCount")] public int? MaxCount { get; init; }
}

public sealed class CheckPodNameResult
{
    [JsonPropertyName("code")] public int? Code { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }

    [JsonIgnore] public PodNameCheck Outcome => Code is >= 0 and <= 3 ? (PodNameCheck)Code.Value : PodNameCheck.Unknown;
}

/// <summary>checkPodName's <c>code</c>: 0 ok, 1 empty, 2 invalid, 3 already exists in the region.</summary>
public enum PodNameCheck
{
    Available = 0,
    Empty = 1,
    Invalid = 2,
    AlreadyExists = 3,
    Unknown = -1,
}
