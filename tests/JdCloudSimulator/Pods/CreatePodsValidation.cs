using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Constraints;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Pods;

/// <summary>The request-level rules of createPods: the product's own validator for podSpec and maxCount, and the
/// clientToken limit (docs/jdcloud-api.md, createPods rules, item 6). The world rules (items 122-127) are in
/// <see cref="PodPlacement"/>.</summary>
public static class CreatePodsValidation
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static List<FieldViolation> ClientTokenViolations(string? clientToken)
    {
        if (clientToken is null) return [];
        List<FieldViolation> violations = [];
        if (clientToken.Length > 64)
            violations.Add(new FieldViolation("clientToken", ViolationKind.TooLong, clientToken, "may have at most 64 characters"));
        if (clientToken.Any(c => c > 127))
            violations.Add(new FieldViolation("clientToken", ViolationKind.Invalid, clientToken, "must be ASCII"));
        return violations;
    }

    /// <summary>Everything the product's validator checks on a bare podSpec and maxCount (the one validator of the
    /// operator, so the simulator and the webhook can never disagree), with paths like <c>podSpec.containers[0].name</c>.</summary>
    public static List<FieldViolation> SpecViolations(CreatePodsBody request) =>
        [.. ValidatePodSpec(request.PodSpec, request.MaxCount).Violations];

    /// <summary>
    /// The pod spec at <paramref name="path"/> (e.g. "podSpec") and maxCount next to it, checked by the operator's
    /// rules (the attributes of <see cref="PodSpec"/> and of maxCount) and JD Cloud's own name rule for several pods.
    /// createPods requires maxCount, so a missing one is reported; the IP rules use it.
    /// </summary>
    public static ValidationResult ValidatePodSpec(PodSpec? podSpec, int? maxCount, string path = "podSpec")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // The rules run on JSON, as the webhook's do.
        using var json = podSpec is null ? null : JsonTree.Parse(JsonSerializer.SerializeToUtf8Bytes(podSpec, Json), JsonTree.WrittenDepth);
        using var count = JsonTree.Parse(JsonSerializer.SerializeToUtf8Bytes(new { maxCount }));
        var context = ValidationContext.Rent(maxCount ?? 1, json?.Root ?? default);
        var dot = path.LastIndexOf('.');
        if (dot > 0) context.Push(path[..dot]);
        if (maxCount is null) context.Add(ViolationKind.Required, "maxCount", null, "");
        else TypeRules.For(typeof(JdCloudPodSpec)).CheckProperty("maxCount", count.Root, context);
        var name = path[(dot + 1)..];
        if (podSpec is null)
        {
            context.Add(ViolationKind.Required, name, null, "");
            return context.Finish();
        }
        context.Push(name);
        TypeRules.For(typeof(PodSpec)).Check(json!.Root, context);
        PodNames.FitSuffixes(podSpec, context);
        context.Pop();
        return context.Finish();
    }
}
