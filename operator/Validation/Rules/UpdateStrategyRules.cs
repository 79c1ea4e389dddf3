using System.Globalization;
using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Rules of spec.updateStrategy that relate its fields.</summary>
internal static class UpdateStrategyRules
{
    /// <summary>As a Deployment: with nothing allowed down and nothing allowed extra, no pod could ever be updated.</summary>
    public static void SurgeOrUnavailable(TreeElement spec, ValidationContext context)
    {
        var unavailable = JsonFields.Property(spec, "maxUnavailable"u8);
        var surge = JsonFields.Property(spec, "maxSurge"u8);
        if (IsZero(unavailable, RollingUpdateSpec.DefaultMaxUnavailable) && IsZero(surge, RollingUpdateSpec.DefaultMaxSurge))
            context.Add(ViolationKind.Invalid, "maxUnavailable", Text(unavailable, RollingUpdateSpec.DefaultMaxUnavailable),
                "may not be 0 when maxSurge is 0: no pod could be taken down or added to update it");
    }

    // An IntOrString's text: a JSON number as the Kubernetes type reads it (an int), a string as written.
    private static bool IsZero(TreeElement? value, int absent) => value switch
    {
        null => absent == 0,
        { ValueKind: JsonValueKind.Number } number => number.TryGetInt32(out var n) && n == 0,
        { ValueKind: JsonValueKind.String } text => text.ValueEquals("0"u8) || text.ValueEquals("0%"u8),
        _ => false,
    };

    private static string Text(TreeElement? value, int absent) => value switch
    {
        null => absent.ToString(CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.Number } number => number.GetInt32().ToString(CultureInfo.InvariantCulture),
        { } text => text.GetString()!,
    };
}
