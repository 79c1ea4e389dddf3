using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Billing (docs/jdcloud-api.md, createPods rules, items 51-54), for both podSpec.charge and
/// elasticIp.chargeSpec.</summary>
internal static class ChargeRules
{
    private const string Prepaid = "prepaid_by_duration";
    private const int MaxYears = 3;

    // chargeDuration's [Range] already reports values beyond it; the yearly rule only narrows what it allows.
    private static readonly long MaxDuration = IntegerRules.RangeOf(typeof(ChargeSpec), nameof(ChargeSpec.ChargeDuration)).Max;

    public static void PrepaidDuration(ChargeSpec charge, ValidationContext context)
    {
        if (charge.ChargeMode != Prepaid) return;
        if (charge.ChargeDuration is not { } duration)
        {
            context.Add(ViolationKind.Required, "chargeDuration", null, "required when chargeMode is prepaid_by_duration");
        }
        else if (charge.ChargeUnit == "year" && duration > MaxYears && duration <= MaxDuration)
        {
            context.Add(ViolationKind.Invalid, "chargeDuration", duration, $"must be between 1 and {MaxYears}, inclusive, when chargeUnit is year");
        }
    }

    public static void WarnPostpaidIgnoresDuration(ChargeSpec charge, ValidationContext context)
    {
        if (charge.ChargeMode == Prepaid || (charge.ChargeUnit is null && charge.ChargeDuration is null)) return;
        var mode = charge.ChargeMode is null ? "postpaid_by_duration (the default)" : FieldViolation.Truncate(charge.ChargeMode);
        context.Warn(null, $"chargeUnit and chargeDuration have no effect with chargeMode {mode}; they apply only to prepaid_by_duration");
    }
}
