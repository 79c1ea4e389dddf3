using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// Environment variables. createPods has no rule against a repeated name (the seed document, item 58), so a repeat is
/// accepted and passed on as given; the warning makes sure it is not an accident.
/// </summary>
internal static class EnvRules
{
    public static void WarnRepeatedNames(ContainerSpec container, ValidationContext context)
    {
        if (container.Env is not { Count: > 1 } env) return;
        var seen = context.RentKeys();
        for (var i = 0; i < env.Count; i++)
        {
            if (env[i]?.Name is not { } name || seen.TryAdd(name, i)) continue;
            context.Warn($"env[{i}].name", $"repeats env[{seen[name]}].name \"{FieldViolation.Truncate(name)}\"; JD Cloud receives both entries");
        }
        context.ReturnKeys(seen);
    }
}
