using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Telemetry;

using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Admission;

/// <summary>A request that is not an AdmissionReview this webhook can answer: HTTP 400 with this message.</summary>
internal sealed class BadAdmissionReviewException(string message) : Exception(message);

/// <summary>
/// Reads the envelope of an AdmissionReview v1 strictly, so a misconfigured caller (wrong review version, wrong
/// resource in the webhook rules, a proxy mangling the body) gets a precise 400 instead of a silent "allowed".
/// </summary>
internal static class AdmissionRequestReader
{
    // Parsing limits: the API server nests far less than this; deeper documents are rejected, not recursed into.
    private const int MaxDepth = 64;

    /// <summary>
    /// The longest envelope string read (uid, operation, names, kind): a DNS subdomain, the longest name Kubernetes
    /// allows. These strings reach logs, spans and messages, so a hostile caller must not make them large.
    /// </summary>
    internal const int MaxStringLength = 253;

    public static JsonTree Parse(ReadOnlyMemory<byte> body)
    {
        // The tree refuses invalid UTF-8 before anything else ("it is not valid UTF-8").
        try
        {
            return JsonTree.Parse(body, MaxDepth);
        }
        catch (JsonException e)
        {
            // The reader's message names the position (and invalid UTF-8) but never echoes the payload.
            throw new BadAdmissionReviewException("request body is not valid JSON: " + e.Message);
        }
    }

    public static AdmissionRequest Read(TreeElement review)
    {
        if (review.ValueKind != JsonValueKind.Object)
            throw new BadAdmissionReviewException($"request body must be a JSON object (an AdmissionReview), not {Kind(review)}");
        var apiVersion = OptionalString(review, "apiVersion"u8, "", "", [AdmissionReviewResponse.ApiVersionV1]);
        var kind = OptionalString(review, "kind"u8, "", "", [AdmissionReviewResponse.ReviewKind]);
        if (apiVersion != AdmissionReviewResponse.ApiVersionV1 || kind != AdmissionReviewResponse.ReviewKind)
            throw new BadAdmissionReviewException(
                $"expected apiVersion \"{AdmissionReviewResponse.ApiVersionV1}\" and kind \"{AdmissionReviewResponse.ReviewKind}\", " +
                $"got apiVersion {Quote(apiVersion)} and kind {Quote(kind)}");
        if (!review.TryGetProperty("request"u8, out var request) || request.ValueKind != JsonValueKind.Object)
            throw new BadAdmissionReviewException("AdmissionReview has no request object");
        return new AdmissionRequest(
            Uid: RequiredString(request, "uid"u8),
            Operation: RequiredString(request, "operation"u8, known: OperatorTelemetry.AdmissionOperations),
            Kind: ReadKind(request),
            Name: OptionalString(request, "name"u8, null, "request."),
            Namespace: OptionalString(request, "namespace"u8, null, "request."),
            Object: OptionalObject(request, "object"u8),
            OldObject: OptionalObject(request, "oldObject"u8));
    }

    /// <summary>Both endpoints are registered for JdCloudPods only: another kind means a misconfigured webhook rule.</summary>
    public static void RequireJdCloudPod(AdmissionRequest request)
    {
        if (request.Kind is not { Group: JdCloudPod.Group, Version: JdCloudPod.Version, Kind: JdCloudPod.EntityKind })
            throw new BadAdmissionReviewException(
                $"this webhook reviews {JdCloudPod.ApiVersionString}, Kind={JdCloudPod.EntityKind}; got request.kind {request.Kind}");
    }

    public static TreeElement Object(AdmissionRequest request) => Required(request.Object, "request.object", request.Operation);

    public static TreeElement OldObject(AdmissionRequest request) => Required(request.OldObject, "request.oldObject", request.Operation);

    private static TreeElement Required(TreeElement? value, string name, string operation) =>
        value ?? throw new BadAdmissionReviewException($"{name} is required for operation {operation}");

    private static GroupVersionKind ReadKind(TreeElement request)
    {
        if (!request.TryGetProperty("kind"u8, out var kind) || kind.ValueKind != JsonValueKind.Object)
            throw new BadAdmissionReviewException("request.kind is missing or not an object");
        return new GroupVersionKind(
            OptionalString(kind, "group"u8, "", "request.kind.", [JdCloudPod.Group]) ?? "",
            RequiredString(kind, "version"u8, "request.kind.", [JdCloudPod.Version]),
            RequiredString(kind, "kind"u8, "request.kind.", [JdCloudPod.EntityKind]));
    }

    private static string RequiredString(TreeElement parent, ReadOnlySpan<byte> name, string prefix = "request.", ReadOnlySpan<string> known = default)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Text(value, known) is { Length: > 0 } s)
            return Bounded(s, prefix, name);
        throw new BadAdmissionReviewException($"{prefix}{Encoding.UTF8.GetString(name)} is missing or not a non-empty string");
    }

    private static string? OptionalString(TreeElement parent, ReadOnlySpan<byte> name, string? absent, string prefix, ReadOnlySpan<string> known = default)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return absent;
        return value.ValueKind == JsonValueKind.String
            ? Bounded(Text(value, known), prefix, name)
            : throw new BadAdmissionReviewException($"{prefix}{Encoding.UTF8.GetString(name)} must be a string, not {Kind(value)}");
    }

    /// <summary>
    /// The string's value: the one of <paramref name="known"/> it equals, so the values every review carries (the
    /// envelope's version and kind, the operation, the JdCloudPod kind) allocate nothing; any other, a new string.
    /// </summary>
    private static string Text(TreeElement value, ReadOnlySpan<string> known)
    {
        foreach (var candidate in known)
            if (value.ValueEquals(candidate)) return candidate;
        return value.GetString()!;
    }

    private static string Bounded(string value, string prefix, ReadOnlySpan<byte> field) => value.Length <= MaxStringLength ? value
        : throw new BadAdmissionReviewException($"{prefix}{Encoding.UTF8.GetString(field)} is longer than {MaxStringLength} characters");

    private static TreeElement? OptionalObject(TreeElement request, ReadOnlySpan<byte> name)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new BadAdmissionReviewException($"request.{Encoding.UTF8.GetString(name)} must be a JSON object, not {Kind(value)}");
    }

    internal static string Quote(string? s) => s is null ? "(none)" : JsonValue.Create(Validation.FieldViolation.Truncate(s)).ToJsonString();

    internal static string Kind(TreeElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
