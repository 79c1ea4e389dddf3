using System.Text.Json.Serialization;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary><c>pod.podStatus</c> (docs/jdcloud-api.md, Models).</summary>
public sealed class PodStatus
{
    [JsonPropertyName("phase")] public string? Phase { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("podIP")] public string? PodIp { get; set; }
    [JsonPropertyName("conditions")] public List<PodCondition>? Conditions { get; set; }
    [JsonPropertyName("startTime")] public string? StartTime { get; set; }

    /// <summary>The <c>Ready</c> condition's status is <c>True</c> (compared case-insensitively).</summary>
    [JsonIgnore]
    public bool IsReady => Conditions?.Any(c =>
        string.Equals(c.ConditionType, "Ready", StringComparison.OrdinalIgnoreCase)
        && string.Equals(c.Status, "True", StringComparison.OrdinalIgnoreCase)) == true;
}

/// <summary>A pod condition; <c>conditionType</c> is only ever <c>Ready</c>, <c>status</c> True, False or Unknown.</summary>
public sealed class PodCondition
{
    [JsonPropertyName("conditionType")] public string? ConditionType { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("lastProbeTime")] public string? LastProbeTime { get; set; }
    [JsonPropertyName("lastTransitionTime")] public string? LastTransitionTime { get; set; }
}
