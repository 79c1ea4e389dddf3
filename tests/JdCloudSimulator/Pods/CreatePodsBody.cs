using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;

namespace JdCloudSimulator.Pods;

/// <summary>The createPods body (docs/jdcloud-api.md, Operations, createPods), every field optional so that a missing
/// one is reported, not a parse error. <c>regionId</c> may repeat the path's, which is authoritative.</summary>
public sealed class CreatePodsBody
{
    [JsonPropertyName("regionId")] public string? RegionId { get; set; }
    [JsonPropertyName("podSpec")] public PodSpec? PodSpec { get; set; }
    [JsonPropertyName("maxCount")] public int? MaxCount { get; set; }
    [JsonPropertyName("clientToken")] public string? ClientToken { get; set; }
}
