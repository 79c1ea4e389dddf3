using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Resolver options (docs/jdcloud-api.md, createPods rules, item 121).</summary>
internal static class DnsRules
{
    private static readonly string[] OptionsWithValue = ["timeout", "attempts", "ndots"];

    public static void ValueOnlyForNumericOptions(TreeElement option, ValidationContext context)
    {
        // Without a name there is nothing to judge the value by; the name's own rules report it.
        if (!HasText(option, "value"u8) || !HasText(option, Name) || HasValueOption(option)) return;
        context.Add(ViolationKind.Forbidden, "value", null, $"only the options timeout, attempts and ndots take a value ({FieldViolation.Truncate(String(option, Name)!)} does not)");
    }

    private static bool HasValueOption(TreeElement option)
    {
        foreach (var name in OptionsWithValue)
        {
            if (Is(option, Name, name)) return true;
        }
        return false;
    }
}
