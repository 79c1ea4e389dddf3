using System.Text.Json;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// Environment variables. createPods has no rule against a repeated name (the seed document, item 58), so a repeat is
/// accepted and passed on as given; the warning makes sure it is not an accident.
/// </summary>
internal static class EnvRules
{
    public static void WarnRepeatedNames(JsonElement container, ValidationContext context)
    {
        if (!TryGetArray(container, "env"u8, out var env) || env.GetArrayLength() < 2) return;
        var seen = context.RentKeys();
        var i = 0;
        foreach (var item in env.EnumerateArray())
        {
            if (Property(item, Name) is { ValueKind: JsonValueKind.String } name && !seen.TryAdd(context.Text(name), i, out var first))
            {
                context.Warn($"env[{i}].name", $"repeats env[{first}].name \"{FieldViolation.Truncate(name.GetString()!)}\"; JD Cloud receives both entries");
            }
            i++;
        }
        context.ReturnKeys(seen);
    }
}
