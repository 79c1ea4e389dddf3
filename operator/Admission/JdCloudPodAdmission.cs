using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// The admission decision for JdCloudPods: CREATE runs the validator, UPDATE its update rules too (immutability);
/// every other operation is allowed. Both warn about unknown fields (<see cref="UnknownFieldWarnings"/>). No defaulting webhook exists because every default is a plain schema `default`
/// (the API server applies those itself); add a mutating endpoint only for a default that depends on other fields.
/// </summary>
internal static class JdCloudPodAdmission
{
    /// <summary><paramref name="cmdbDefaults"/>: the operator's Cmdb:Defaults, which spec.cmdb may rely on.</summary>
    public static AdmissionResponse Review(AdmissionRequest request, CmdbSpec? cmdbDefaults = null)
    {
        if (request.Kind is not { Group: JdCloudPod.Group, Version: JdCloudPod.Version, Kind: JdCloudPod.EntityKind })
            throw new BadAdmissionReviewException(
                $"this webhook reviews {JdCloudPod.ApiVersionString}, Kind={JdCloudPod.EntityKind}; got request.kind {request.Kind}");
        return request.Operation switch
        {
            "CREATE" => Create(request, Required(request.Object, "request.object", request.Operation), cmdbDefaults),
            "UPDATE" => Update(request, Required(request.Object, "request.object", request.Operation),
                Required(request.OldObject, "request.oldObject", request.Operation), cmdbDefaults),
            _ => new AdmissionResponse(request.Uid, Allowed: true),
        };
    }

    private static AdmissionResponse Create(AdmissionRequest request, JsonElement obj, CmdbSpec? cmdbDefaults)
    {
        var decoded = JdCloudPodDecoder.Decode(obj, "request.object");
        var unknown = UnknownFieldWarnings.For(obj, null, decoded.UnknownFields);
        if (decoded.Pod is null) return Deny(request, obj, decoded.Violations, unknown);
        var result = JdCloudPodValidator.Validate(decoded.Pod, cmdbDefaults);
        return Decide(request, obj, result.Violations, Both(unknown, result.Warnings));
    }

    private static AdmissionResponse Update(AdmissionRequest request, JsonElement obj, JsonElement oldObj, CmdbSpec? cmdbDefaults)
    {
        // A spec the user did not touch is not judged again: metadata-only updates (finalizers, labels) must keep
        // working for a resource stored under older, looser rules, or it could never be deleted.
        if (SpecOf(obj) is { } spec && SpecOf(oldObj) is { } oldSpec && JsonElement.DeepEquals(spec, oldSpec))
            return new AdmissionResponse(request.Uid, Allowed: true, Warnings: NullIfEmpty(UnknownFieldWarnings.For(obj, oldObj, [])));
        var old = JdCloudPodDecoder.Decode(oldObj, "request.oldObject");
        if (old.Pod is null)
            throw new BadAdmissionReviewException("request.oldObject is not a readable JdCloudPod: " + string.Join(", ", old.Violations));
        var decoded = JdCloudPodDecoder.Decode(obj, "request.object");
        var unknown = UnknownFieldWarnings.For(obj, oldObj, decoded.UnknownFields);
        if (decoded.Pod is null) return Deny(request, obj, decoded.Violations, unknown);
        // ValidateUpdate reports everything Validate does for the new object, plus the transition rules.
        var result = JdCloudPodValidator.ValidateUpdate(old.Pod, decoded.Pod, cmdbDefaults);
        return Decide(request, obj, result.Violations, Both(unknown, result.Warnings));
    }

    private static IReadOnlyList<string> Both(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        first.Count == 0 ? second : second.Count == 0 ? first : [.. first, .. second];

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> warnings) => warnings.Count == 0 ? null : warnings;

    private static AdmissionResponse Decide(AdmissionRequest request, JsonElement obj,
        IReadOnlyList<FieldViolation> violations, IReadOnlyList<string> warnings) =>
        violations.Count == 0
            ? new AdmissionResponse(request.Uid, Allowed: true, Warnings: NullIfEmpty(warnings))
            : Deny(request, obj, violations, warnings);

    /// <summary>
    /// The rejection, shaped as the API server's own 422 Invalid: kubectl prints `The JdCloudPod "x" is invalid:`
    /// and then one line per cause, each with its field path.
    /// </summary>
    private static AdmissionResponse Deny(AdmissionRequest request, JsonElement obj,
        IReadOnlyList<FieldViolation> violations, IReadOnlyList<string> warnings)
    {
        var name = request.Name is { Length: > 0 } n ? n : NameOf(obj);
        var causes = violations.Select(v => new AdmissionStatusCause(v.Reason, Body(v), v.Field)).ToList();
        var summary = violations.Count == 1 ? violations[0].ToString() : $"[{string.Join(", ", violations)}]";
        var status = new AdmissionStatus(422, "Invalid",
            $"{JdCloudPod.EntityKind}.{JdCloudPod.Group} {JsonSerializer.Serialize(name)} is invalid: {summary}",
            new AdmissionStatusDetails(name, JdCloudPod.Group, JdCloudPod.EntityKind, causes));
        return new AdmissionResponse(request.Uid, Allowed: false, status, NullIfEmpty(warnings));
    }

    // A cause carries the field separately, so its message is the violation without the leading "field: ".
    private static string Body(FieldViolation v)
    {
        var text = v.ToString();
        var prefix = v.Field + ": ";
        return v.Field.Length > 0 && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
    }

    private static JsonElement Required(JsonElement? value, string name, string operation) =>
        value ?? throw new BadAdmissionReviewException($"{name} is required for operation {operation}");

    private static JsonElement? SpecOf(JsonElement obj) =>
        obj.TryGetProperty("spec", out var spec) ? spec : null;

    private static string NameOf(JsonElement obj) =>
        obj.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object &&
        (m.TryGetProperty("name", out var n) || m.TryGetProperty("generateName", out n)) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : "";
}
