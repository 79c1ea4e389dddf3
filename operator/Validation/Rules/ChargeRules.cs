using System.Globalization;
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
    private const int MaxMonths = 9;
    private const int MaxYears = 3;

    private static ReadOnlySpan<byte> ChargeMode => "chargeMode"u8;
    private static ReadOnlySpan<byte> ChargeUnit => "chargeUnit"u8;
    private static ReadOnlySpan<byte> ChargeDuration => "chargeDuration"u8;
    private static ReadOnlySpan<byte> AutoChangeChargeMode => "autoChangeChargeMode"u8;

    /// <summary>
    /// Prepaid billing needs its duration, 1-9 months or 1-3 years wherever it is in effect: prepaid, or the prepaid
    /// billing a postpaid resource converts to (autoChangeChargeMode). With postpaid billing it has no effect, so any
    /// value only draws the warning below ("当chargeMode取值为prepaid_by_duration时有效").
    /// </summary>
    public static void PrepaidDuration(TreeElement charge, ValidationContext context)
    {
        var prepaid = Is(charge, ChargeMode, ChargeModes.PrepaidByDuration);
        if (!prepaid && !IsTrue(charge, AutoChangeChargeMode)) return;
        if (Property(charge, ChargeDuration) is not { ValueKind: JsonValueKind.Number } value)
        {
            if (prepaid && !Has(charge, ChargeDuration)) context.Add(ViolationKind.Required, "chargeDuration", null, "required when chargeMode is prepaid_by_duration");
            return;
        }
        var (max, unit) = Is(charge, ChargeUnit, ChargeUnits.Year) ? (MaxYears, ChargeUnits.Year) : (MaxMonths, ChargeUnits.Month);
        // Not an int32: the type check reports it.
        if (!value.TryGetInt32(out var duration) || duration is >= 1 && duration <= max) return;
        context.Add(ViolationKind.Invalid, "chargeDuration", duration, $"must be between 1 and {max}, inclusive, when chargeUnit is {unit}");
    }

    /// <summary>The conversion date is a day of the calendar, not only of its shape (2026-02-30 is none).</summary>
    public static void ConversionDateIsADay(TreeElement charge, ValidationContext context)
    {
        if (Property(charge, "autoChangeChargeModeDate"u8) is not { ValueKind: JsonValueKind.String } date) return;
        // Only a value of the pattern's shape: any other is the pattern's to report.
        var text = context.Text(date);
        static bool Digits(ReadOnlySpan<char> part) => !part.ContainsAnyExceptInRange('0', '9');
        if (text is [_, _, _, _, '-', _, _, '-', _, _] && Digits(text[..4]) && Digits(text[5..7]) && Digits(text[8..]) &&
            !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            context.Add(ViolationKind.Invalid, "autoChangeChargeModeDate", date.GetString(), "must be a date of the calendar (yyyy-MM-dd): no such day");
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
