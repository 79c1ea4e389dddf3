using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// The <c>podSpec.name</c> of a createPods call. The name must not be in use in the region, even when the cloud
/// suffixes it for several pods ("web-1", "web-2"), so a replacement or a scale-up never collides with a pod that holds
/// the base name (ours, an error pod waiting for removal, a pod being deleted).
/// </summary>
public static class PodNames
{
    /// <summary>
    /// While the base name is free, all missing pods in one call named after it; once it is taken, one pod per call
    /// under the first free "base-N" (a suffixed base would give "base-N-1", which no longer reads as ours). N stops at
    /// <see cref="PodNameLimits.LastSuffix"/>, the last that keeps the name within 253 characters; null when all are
    /// taken.
    /// </summary>
    public static (string Name, int Count)? ForCreate(string baseName, int count, IEnumerable<string?> takenNames)
    {
        var taken = takenNames.Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(baseName)) return (baseName, count);
        for (var n = 1; n <= PodNameLimits.LastSuffix(baseName.Length); n++)
        {
            var candidate = $"{baseName}-{n}";
            if (!taken.Contains(candidate)) return (candidate, 1);
        }
        return null;
    }
}
