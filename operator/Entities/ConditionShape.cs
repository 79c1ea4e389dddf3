using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

/// <summary>
/// metav1.Condition as the CRD describes it. The status holds KubernetesClient's V1Condition; this mirror only
/// carries the standard limits of k8s.io/apimachinery's Condition, so `kubectl explain` and the API server know them.
/// </summary>
[Description("A condition of the resource (metav1.Condition).")]
public sealed class ConditionShape
{
    [Required, Length(1, 316), Pattern(TypePattern, "must be a CamelCase name, optionally prefixed by a DNS subdomain and '/'")]
    [Description("Condition type in CamelCase, for example Ready, Reconciling or Stalled.")]
    [JsonPropertyName("type")] public string? Type { get; set; }

    [Required, OneOf("True", "False", "Unknown")]
    [Description("Status of the condition: True, False or Unknown.")]
    [JsonPropertyName("status")] public string? Status { get; set; }

    [Range(0, long.MaxValue)]
    [Description("The metadata.generation the condition was set for; older than metadata.generation means out of date.")]
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }

    [Required, Format("date-time")]
    [Description("When the condition last changed from one status to another (RFC 3339).")]
    [JsonPropertyName("lastTransitionTime")] public string? LastTransitionTime { get; set; }

    [Required, Length(1, 1024), Pattern(ReasonPattern, "must be a CamelCase word (letters, digits, '_', ',' and ':')")]
    [Description("Machine-readable CamelCase reason for the last transition.")]
    [JsonPropertyName("reason")] public string? Reason { get; set; }

    [Required, Length(0, 32768)]
    [Description("Human-readable details of the last transition; may be empty.")]
    [JsonPropertyName("message")] public string? Message { get; set; }

    private const string TypePattern =
        "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
    private const string ReasonPattern = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";
}
