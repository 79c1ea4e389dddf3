using System.Text.Json;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// The admission decision for JdCloudPods: CREATE runs the validator, UPDATE its update rules too (immutability);
/// every other operation is allowed. Both warn about unknown fields (<see cref="UnknownFieldWarnings"/>). Defaults
/// are plain schema `default`s (the API server applies those itself); the one mutation is the finalizer
/// (<see cref="FinalizerMutation"/>).
/// </summary>
internal static class JdCloudPodAdmission
{
    /// <summary>
    /// One violation (or warning) as it appears in the answer: the rules' own texts are far shorter, but a text that
    /// quotes a user's value must not make the answer large.
    /// </summary>
    internal const int MaxTextLength = 512;

    /// <summary>
    /// <paramref name="cmdbDefaults"/>: the operator's Cmdb:Defaults, which spec.cmdb may rely on;
    /// <paramref name="businesses"/>: the businesses each namespace may register into.
    /// </summary>
    public static AdmissionResponse Review(AdmissionRequest request, CmdbSpec? cmdbDefaults = null, CmdbBusinessMap? businesses = null)
    {
        AdmissionRequestReader.RequireJdCloudPod(request);
        return request.Operation switch
        {
            "CREATE" => Create(request, AdmissionRequestReader.Object(request), cmdbDefaults, businesses),
            "UPDATE" => Update(request, AdmissionRequestReader.Object(request), AdmissionRequestReader.OldObject(request), cmdbDefaults, businesses),
            _ => new AdmissionResponse(request.Uid, Allowed: true),
        };
    }

    private static AdmissionResponse Create(AdmissionRequest request, TreeElement obj, CmdbSpec? cmdbDefaults, CmdbBusinessMap? businesses)
    {
        // The rules run on the JSON itself: no entity is built for a CREATE, and the type check shares their walk.
        JdCloudPodDecoder.RequireJdCloudPod(obj, "request.object");
        var (types, result) = JdCloudPodValidator.CheckTypesAndValidate(obj, NamespaceOf(obj, request), cmdbDefaults, businesses);
        var unknown = UnknownFieldWarnings.For(obj, null, types);
        if (result is null) return Deny(request, obj, types.WrongValues(), unknown);
        return Decide(request, obj, result, unknown);
    }

    private static AdmissionResponse Update(AdmissionRequest request, TreeElement obj, TreeElement oldObj, CmdbSpec? cmdbDefaults,
        CmdbBusinessMap? businesses)
    {
        // A spec the user did not touch is not judged again: metadata-only updates (finalizers, labels) must keep
        // working for a resource stored under older, looser rules, or it could never be deleted.
        if (SpecOf(obj) is { } spec && SpecOf(oldObj) is { } oldSpec && TreeElement.DeepEquals(spec, oldSpec))
            return new AdmissionResponse(request.Uid, Allowed: true, Warnings: Warnings(ValidationResult.Valid,
                UnknownFieldWarnings.For(obj, oldObj, JsonTypeFindings.None)));
        var old = JdCloudPodDecoder.Decode(oldObj, "request.oldObject");
        if (old.Pod is null)
            throw new BadAdmissionReviewException("request.oldObject is not a readable JdCloudPod: " + Summary(old.Problems));
        var decoded = JdCloudPodDecoder.Decode(obj, "request.object");
        var unknown = UnknownFieldWarnings.For(obj, oldObj, decoded.Types);
        if (decoded.Pod is null) return Deny(request, obj, decoded.Problems, unknown);
        // Everything a CREATE reports for the new object, plus the transition rules, which compare the two entities.
        return Decide(request, obj,
            JdCloudPodValidator.Validate(obj, NamespaceOf(obj, request), cmdbDefaults, businesses, old.Pod, decoded.Pod), unknown);
    }

    // The request's namespace is the one the API server stores the object in, whatever the object says.
    private static string? NamespaceOf(TreeElement obj, AdmissionRequest request) =>
        request.Namespace is { Length: > 0 } ns ? ns
        : obj.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object ? JsonFields.String(metadata, "namespace"u8)
        : null;

    private static AdmissionResponse Decide(AdmissionRequest request, TreeElement obj, ValidationResult result, IReadOnlyList<string> unknown) =>
        result.IsValid
            ? new AdmissionResponse(request.Uid, Allowed: true, Warnings: Warnings(result, unknown))
            : Deny(request, obj, result, unknown);

    /// <summary>
    /// The rejection, shaped as the API server's own 422 Invalid: kubectl prints `The JdCloudPod "x" is invalid:`
    /// and then one line per cause, each with its field path. At most <see cref="ValidationResult.MaxReported"/>
    /// causes, each at most <see cref="MaxTextLength"/> characters, then "and K more": the answer stays small
    /// whatever the request.
    /// </summary>
    private static AdmissionResponse Deny(AdmissionRequest request, TreeElement obj, ValidationResult result, IReadOnlyList<string> unknown)
    {
        var name = request.Name is { Length: > 0 } n ? n : NameOf(obj);
        var causes = result.Violations.Select(v => new AdmissionStatusCause(v.Reason, Bounded(Body(v)), Bounded(v.Field))).ToList();
        var status = new AdmissionStatus(422, "Invalid",
            $"{JdCloudPod.EntityKind}.{JdCloudPod.Group} {JsonValue.Create(name).ToJsonString()} is invalid: {Summary(result)}",
            new AdmissionStatusDetails(name, JdCloudPod.Group, JdCloudPod.EntityKind, causes));
        return new AdmissionResponse(request.Uid, Allowed: false, status, Warnings(result, unknown));
    }

    /// <summary>`field: problem`, or `[field: problem, ..., and K more]` for several.</summary>
    private static string Summary(ValidationResult result)
    {
        var lines = result.Violations.Select(v => Bounded(v.ToString())).ToList();
        if (result.OmittedText is { } more) lines.Add(more);
        return lines.Count == 1 ? lines[0] : $"[{string.Join(", ", lines)}]";
    }

    // The unknown fields (already bounded), then the validator's warnings.
    private static IReadOnlyList<string>? Warnings(ValidationResult result, IReadOnlyList<string> unknown) =>
        result.Warnings.Count == 0 && unknown.Count == 0 ? null : [.. unknown, .. result.Warnings.Select(Bounded)];

    private static string Bounded(string text) => FieldViolation.Truncate(text, MaxTextLength);

    // A cause carries the field separately, so its message is the violation without the leading "field: ".
    private static string Body(FieldViolation v)
    {
        var text = v.ToString();
        var prefix = v.Field + ": ";
        return v.Field.Length > 0 && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
    }

    private static TreeElement? SpecOf(TreeElement obj) =>
        obj.TryGetProperty("spec", out var spec) ? spec : null;

    // At most a name's length: the object's name is the user's text, like any other value.
    private static string NameOf(TreeElement obj) =>
        obj.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object &&
        (m.TryGetProperty("name", out var n) || m.TryGetProperty("generateName", out n)) && n.ValueKind == JsonValueKind.String
            ? FieldViolation.Truncate(n.GetString()!, AdmissionRequestReader.MaxStringLength)
            : "";
}
