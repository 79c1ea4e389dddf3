using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// Checks the object of an AdmissionReview against the JdCloudPod type, and (for an UPDATE's transition rules)
/// turns it into a <see cref="JdCloudPod"/>. A value of the wrong type is the user's mistake, reported as field
/// violations; an object that is not a JdCloudPod at all is the caller's, a bad request. Unknown fields are returned
/// apart (<see cref="Decoded.Types"/>): they do not stop the decoding (the reader skips them), the webhook warns.
/// </summary>
internal static class JdCloudPodDecoder
{
    /// <summary>The pod, or (when it cannot be read) what is wrong with it; and what the type check found.</summary>
    public sealed record Decoded(JdCloudPod? Pod, ValidationResult Problems, JsonTypeFindings Types);

    /// <summary>What the type check finds in the object; the validator's rules may run on it when it has no wrong values.</summary>
    public static JsonTypeFindings Check(TreeElement obj, string what)
    {
        RequireJdCloudPod(obj, what);
        return JsonTypeCheck.Check(obj, typeof(JdCloudPod));
    }

    public static Decoded Decode(TreeElement obj, string what)
    {
        var types = Check(obj, what);
        if (types.HasWrongValues) return new Decoded(null, types.WrongValues(), types);
        JdCloudPod pod;
        try
        {
            pod = JsonSerializer.Deserialize(obj.GetRawUtf8(), ApiJson.Info<JdCloudPod>())!;
        }
        catch (JsonException e)
        {
            // Only reached for a shape the type check does not know; the reader's path still names the field.
            var field = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "";
            return new Decoded(null, new ValidationResult([new FieldViolation(field, ViolationKind.Invalid, null, "cannot be read as this field's type")], []), types);
        }
        pod.Metadata ??= new();
        return new Decoded(pod, ValidationResult.Valid, types);
    }

    /// <summary>The caller's mistake, a 400: an object that is not a JdCloudPod at all.</summary>
    public static void RequireJdCloudPod(TreeElement obj, string what)
    {
        // Compared in place: the strings are read only to word the error.
        if (JsonFields.Is(obj, "apiVersion"u8, JdCloudPod.ApiVersionString) && JsonFields.Is(obj, "kind"u8, JdCloudPod.EntityKind)) return;
        var apiVersion = obj.TryGetProperty("apiVersion", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var kind = obj.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        throw new BadAdmissionReviewException(
            $"{what} must be apiVersion \"{JdCloudPod.ApiVersionString}\", kind \"{JdCloudPod.EntityKind}\"; " +
            $"got apiVersion {AdmissionRequestReader.Quote(apiVersion)}, kind {AdmissionRequestReader.Quote(kind)}");
    }
}
