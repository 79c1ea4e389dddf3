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

    /// <summary>Everything the product's validator checks on a bare podSpec and maxCount (the one validator of the
    /// operator, so the simulator and the webhook can never disagree), with paths like <c>podSpec.containers[0].name</c>.</summary>
    public static List<FieldViolation> SpecViolations(CreatePodsBody request) =>
        [.. JdCloudPodValidator.ValidatePodSpec(request.PodSpec, request.MaxCount).Violations];
}
