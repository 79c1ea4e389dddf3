namespace JdCloudPodOperator.Reconciliation.JdCloudPods;

/// <summary>
/// Cloud pod names derived from <c>podSpec.name</c>. With maxCount &gt; 1 the cloud suffixes each pod's name
/// ("web-1", "web-2"); the operator names single-pod creates itself so a replacement never collides with a pod
/// that still holds the base name (an error pod waiting for removal, a pod being deleted).
/// </summary>
public static class PodNames
{
    /// <summary>
    /// The <c>podSpec.name</c> to send: for one pod the base name when no known pod holds it, else the first free
    /// "base-N"; for several pods the base name, which the cloud suffixes.
    /// </summary>
    public static string ForCreate(string baseName, int count, IEnumerable<string?> takenNames)
    {
        if (count > 1) return baseName;
        var taken = takenNames.Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(baseName)) return baseName;
        for (var n = 1; ; n++)
        {
            var candidate = $"{baseName}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
