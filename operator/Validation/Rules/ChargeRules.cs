using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;
using JdCloudPodOperator.Entities.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Billing (docs/jdcloud-api.md, createPods rules, items 51-54; the newer charge model's conversion:
/// docs/jdcloud-podspec-fields.md, Fields), for both podSpec.charge and elasticIp.chargeSpec.</summary>
internal static class ChargeRules
{
    private const int MaxYears = 3;

    // chargeDuration's [Range] already reports values beyond it; the yearly rule only narrows what it allows.
    private static readonly long MaxDuration = IntegerRules.RangeOf(typeof(ChargeSpec), nameof(ChargeSpec.ChargeDuration)).Max;

    private static ReadOnlySpan<byte> ChargeMode => "chargeMode"u8;
    private static ReadOnlySpan<byte> ChargeUnit => "chargeUnit"u8;
    private static ReadOnlySpan<byte> ChargeDuration => "chargeDuration"u8;
    private static ReadOnlySpan<byte> AutoChangeChargeMode => "autoChangeChargeMode"u8;

    /// <summary>
    /// Prepaid billing needs its duration; a yearly one is 1-3 years wherever the duration is in effect: prepaid, or
    /// the prepaid billing a postpaid resource converts to (autoChangeChargeMode).
    /// </summary>
    public static void PrepaidDuration(TreeElement charge, ValidationContext context)
    {
        var prepaid = Is(charge, ChargeMode, ChargeModes.PrepaidByDuration);
        if (!prepaid && !IsTrue(charge, AutoChangeChargeMode)) return;
        if (Integer(charge, ChargeDuration) is not { } duration)
        {
            if (prepaid) context.Add(ViolationKind.Required, "chargeDuration", null, "required when chargeMode is prepaid_by_duration");
        }
        else if (Is(charge, ChargeUnit, ChargeUnits.Year) && duration > MaxYears && duration <= MaxDuration)
        {
            context.Add(ViolationKind.Invalid, "chargeDuration", (int)duration, $"must be between 1 and {MaxYears}, inclusive, when chargeUnit is year");
        }
    }

    /// <summary>The charge model: the conversion date is required when autoChangeChargeMode is true.</summary>
    public static void ConversionDate(TreeElement charge, ValidationContext context)
    {
        if (IsTrue(charge, AutoChangeChargeMode) && !Has(charge, "autoChangeChargeModeDate"u8))
            context.Add(ViolationKind.Required, "autoChangeChargeModeDate", null, "required when autoChangeChargeMode is true");
    }

    /// <summary>The charge model: only postpaid billing can be switched on to convert to prepaid.</summary>
    public static void ConversionOnlyFromPostpaid(TreeElement charge, ValidationContext context)
    {
        if (IsTrue(charge, AutoChangeChargeMode) && Is(charge, ChargeMode, ChargeModes.PrepaidByDuration))
            context.Add(ViolationKind.Forbidden, "autoChangeChargeMode", null, "only postpaid billing can be converted to prepaid (chargeMode is prepaid_by_duration)");
    }

    public static void WarnPostpaidIgnoresDuration(TreeElement charge, ValidationContext context)
    {
        if (Is(charge, ChargeMode, ChargeModes.PrepaidByDuration) || IsTrue(charge, AutoChangeChargeMode) || (!Has(charge, ChargeUnit) && !Has(charge, ChargeDuration))) return;
        context.Warn(null, $"chargeUnit and chargeDuration have no effect with chargeMode {Mode(charge)}; they apply only to prepaid_by_duration, or to autoChangeChargeMode");
    }

    public static void WarnAutoRenewOnlyPrepaid(TreeElement charge, ValidationContext context)
    {
        if (IsTrue(charge, "autoRenew"u8) && !Is(charge, ChargeMode, ChargeModes.PrepaidByDuration))
            context.Warn("autoRenew", $"has no effect with chargeMode {Mode(charge)}; it applies only to prepaid_by_duration");
    }

    private static string Mode(TreeElement charge) =>
        String(charge, ChargeMode) is { } mode ? FieldViolation.Truncate(mode) : "postpaid_by_duration (the default)";
}
