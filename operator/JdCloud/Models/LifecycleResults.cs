using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>describePodsStatus: one page of <see cref="BriefPodStatus"/> and the total of matches.</summary>
public sealed class DescribePodsStatusResult
{
    [JsonPropertyName("podsStatus")] public List<BriefPodStatus>? PodsStatus { get; set; }
    [JsonPropertyName("totalCount")] public int? TotalCount { get; set; }
}

/// <summary>A pod's status as describePodsStatus returns it: identity, type, status and containers, no network or disks.</summary>
public sealed class BriefPodStatus
{
    [JsonPropertyName("podId")] public string? PodId { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("az")] public string? Az { get; set; }
    [JsonPropertyName("ag")] public JsonElement? Ag { get; set; }
    [JsonPropertyName("instanceType")] public string? InstanceType { get; set; }
    [JsonPropertyName("podStatus")] public PodStatus? PodStatus { get; set; }
    [JsonPropertyName("containers")] public List<Container>? Containers { get; set; }
    [JsonPropertyName("createTime")] public string? CreateTime { get; set; }

    [JsonIgnore] public string? Phase => PodStatus?.Phase;
}

/// <summary>getContainerLogs: <c>result.logs.content</c>, at most 4 KB.</summary>
public sealed class GetContainerLogsResult
{
    [JsonPropertyName("logs")] public ContainerLogs? Logs { get; set; }
}

public sealed class ContainerLogs
{
    [JsonPropertyName("content")] public string? Content { get; set; }
}
