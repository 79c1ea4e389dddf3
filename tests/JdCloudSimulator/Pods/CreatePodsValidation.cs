using JdCloudPodOperator.Validation;

namespace JdCloudSimulator.Pods;

/// <summary>The request-level rules of createPods: the product's own validator for podSpec and maxCount, and the
/// clientToken limit (checklist item 6). The world rules (items 122-127) are in <see cref="PodPlacement"/>.</summary>
internal static class CreatePodsValidation
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

    /// <summary>Everything the product validator checks on a bare podSpec and maxCount: one call.</summary>
    public static List<FieldViolation> SpecViolations(CreatePodsBody request)
    {
        // Until the product validator lands (branch `validator`), only the presence and range rules.
        List<FieldViolation> violations = [];
        if (request.PodSpec is null)
            violations.Add(new FieldViolation("podSpec", ViolationKind.Required, null, "podSpec is required"));
        if (request.MaxCount is null)
            violations.Add(new FieldViolation("maxCount", ViolationKind.Required, null, "maxCount is required"));
        else if (request.MaxCount is < 1 or > 100)
            violations.Add(new FieldViolation("maxCount", ViolationKind.Invalid, request.MaxCount, "must be between 1 and 100"));
        return violations;
    }
}
