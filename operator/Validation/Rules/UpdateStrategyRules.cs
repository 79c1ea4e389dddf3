using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Rules of spec.updateStrategy that relate its fields.</summary>
internal static class UpdateStrategyRules
{
    /// <summary>As a Deployment: with nothing allowed down and nothing allowed extra, no pod could ever be updated.</summary>
    public static void SurgeOrUnavailable(RollingUpdateSpec spec, ValidationContext context)
    {
        var unavailable = spec.MaxUnavailable?.Value ?? RollingUpdateSpec.DefaultMaxUnavailable.ToString();
        var surge = spec.MaxSurge?.Value ?? RollingUpdateSpec.DefaultMaxSurge.ToString();
        if (IsZero(unavailable) && IsZero(surge))
            context.Add(ViolationKind.Invalid, "maxUnavailable", unavailable, "may not be 0 when maxSurge is 0: no pod could be taken down or added to update it");
    }

    private static bool IsZero(string value) => value is "0" or "0%";
}
