using System.Text.Json;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// Environment variables. createPods has no rule against a repeated name (the seed document, item 58), so a repeat is
/// accepted and passed on as given; the warning makes sure it is not an accident.
/// </summary>
internal static class EnvRules
{
    public static void WarnRepeatedNames(TreeElement container, ValidationContext context)
    {
        if (!TryGetArray(container, "env"u8, out var env) || env.GetArrayLength() < 2) return;
        foreach (var (i, first, name) in context.FindRepeats(env, Name))
        {
            context.Warn($"env[{i}].name", $"repeats env[{first}].name \"{FieldViolation.Truncate(name.GetString()!)}\"; JD Cloud receives both entries");
        }
    }
}
