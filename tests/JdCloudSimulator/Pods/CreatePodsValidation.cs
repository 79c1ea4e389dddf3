using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudSimulator.Pods;

/// <summary>The request-level rules of createPods: the product's own validator for podSpec and maxCount, and the
/// clientToken limit (docs/jdcloud-api.md, createPods rules, item 6). The world rules (items 122-127) are in
/// <see cref="PodPlacement"/>.</summary>
public static class CreatePodsValidation
{
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
    public static List<FieldViolation> SpecViolations(CreatePodsBody request) => SpecViolations(request.PodSpec, request.MaxCount);

    /// <summary>The same for a pod spec and maxCount: also what a rebuilt pod's spec must pass (the pod's own
    /// tags, the operator's owner tag among them, come along unchanged).</summary>
    public static List<FieldViolation> SpecViolations(PodSpec? podSpec, int? maxCount) =>
        [.. ValidatePodSpec(podSpec, maxCount).Violations.Where(v => !IsOperatorReservation(v, podSpec))];

    /// <summary>
    /// The operator reserves its owner tag's key and one of the pod's tags for itself (docs/ownership.md); JD Cloud
    /// has no such rule, so the request the operator sends, owner tag included, passes here.
    /// </summary>
    private static bool IsOperatorReservation(FieldViolation violation, PodSpec? podSpec) =>
        (violation.Kind == ViolationKind.Forbidden && violation.Field.StartsWith("podSpec.userTags[", StringComparison.Ordinal)
            && violation.Field.EndsWith("].key", StringComparison.Ordinal))
        || (violation.Kind == ViolationKind.TooMany && violation.Field == "podSpec.userTags"
            && podSpec?.UserTags?.Count <= OwnerTag.MaxTagsPerPod);

    /// <summary>
    /// The pod spec at <paramref name="path"/> (e.g. "podSpec") and maxCount next to it, checked by the operator's
    /// rules (the attributes of <see cref="PodSpec"/> and of maxCount) and JD Cloud's own name rule for several pods.
    /// createPods requires maxCount, so a missing one is reported; the IP rules use it.
    /// </summary>
    public static ValidationResult ValidatePodSpec(PodSpec? podSpec, int? maxCount, string path = "podSpec")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var context = ValidationContext.Rent(maxCount ?? 1, podSpec);
        var dot = path.LastIndexOf('.');
        if (dot > 0) context.Push(path[..dot]);
        if (maxCount is null) context.Add(ViolationKind.Required, "maxCount", null, "");
        else TypeRules<JdCloudPodSpec>.CheckProperty("maxCount", new JdCloudPodSpec { MaxCount = maxCount }, context);
        var name = path[(dot + 1)..];
        if (podSpec is null)
        {
            context.Add(ViolationKind.Required, name, null, "");
            return context.Finish();
        }
        context.Push(name);
        TypeRules<PodSpec>.Check(podSpec, context);
        PodNames.FitSuffixes(podSpec, context);
        context.Pop();
        return context.Finish();
    }
}
