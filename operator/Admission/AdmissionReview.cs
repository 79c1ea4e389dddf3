using System.Text.Json;
using System.Text.Json.Serialization;

using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Admission;

/// <summary>The parts of an `admission.k8s.io/v1` AdmissionReview request this webhook reads.</summary>
/// <remarks>Object and OldObject point into the request's JsonTree: use them before it is disposed.</remarks>
internal sealed record AdmissionRequest(
    string Uid, string Operation, GroupVersionKind Kind, string? Name, string? Namespace,
    TreeElement? Object, TreeElement? OldObject);

internal sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public override string ToString() => $"{(Group.Length == 0 ? "" : Group + "/")}{Version}, Kind={Kind}";
}

/// <summary>The AdmissionReview sent back: the same apiVersion and kind, and a response echoing the request's uid.</summary>
internal sealed record AdmissionReviewResponse(
    [property: JsonPropertyName("response")] AdmissionResponse Response)
{
    public const string ApiVersionV1 = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    [JsonPropertyName("apiVersion"), JsonPropertyOrder(-2)] public string ApiVersion => ApiVersionV1;
    [JsonPropertyName("kind"), JsonPropertyOrder(-1)] public string Kind => ReviewKind;
}

internal sealed record AdmissionResponse(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("status")] AdmissionStatus? Status = null,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string>? Warnings = null)
{
    /// <summary>A JSONPatch (RFC 6902) the API server applies to the object; serialised base64, as v1 requires.</summary>
    [JsonPropertyName("patch")] public byte[]? Patch { get; init; }

    /// <summary>"JSONPatch" when <see cref="Patch"/> is set (the only type admission v1 knows).</summary>
    [JsonPropertyName("patchType")] public string? PatchType => Patch is null ? null : "JSONPatch";
}

/// <summary>metav1.Status as the API server passes it on to the client (kubectl prints details.causes).</summary>
internal sealed record AdmissionStatus(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] AdmissionStatusDetails? Details)
{
    [JsonPropertyName("status")] public string Status => "Failure";
}

internal sealed record AdmissionStatusDetails(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("causes")] IReadOnlyList<AdmissionStatusCause> Causes);

internal sealed record AdmissionStatusCause(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("field")] string Field);
