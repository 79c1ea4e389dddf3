using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Resolver options (docs/jdcloud-api.md, createPods rules, item 121).</summary>
internal static class DnsRules
{
    private static readonly string[] OptionsWithValue = ["timeout", "attempts", "ndots"];

    public static void ValueOnlyForNumericOptions(PodDnsConfigOptionSpec option, ValidationContext context)
    {
        // Without a name there is nothing to judge the value by; the name's own rules report it.
        if (string.IsNullOrEmpty(option.Value) || string.IsNullOrEmpty(option.Name) || Array.IndexOf(OptionsWithValue, option.Name) >= 0) return;
        context.Add(ViolationKind.Forbidden, "value", null, $"only the options timeout, attempts and ndots take a value ({FieldViolation.Truncate(option.Name)} does not)");
    }
}
