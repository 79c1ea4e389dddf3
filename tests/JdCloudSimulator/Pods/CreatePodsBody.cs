using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;

namespace JdCloudSimulator.Pods;

/// <summary>The createPods body (§4.2), every field optional so that a missing one is reported, not a parse error.
/// <c>regionId</c> may repeat the path's, which is authoritative (§2).</summary>
public sealed class CreatePodsBody
{
    [JsonPropertyName("regionId")] public string? RegionId { get; set; }
    [JsonPropertyName("podSpec")] public PodSpec? PodSpec { get; set; }
    [JsonPropertyName("maxCount")] public int? MaxCount { get; set; }
    [JsonPropertyName("clientToken")] public string? ClientToken { get; set; }
}
