namespace JdCloudSimulator.Pods;

/// <summary>Names for the pods of one createPods call (docs/jdcloud-api.md, Operations, createPods): the name itself
/// for maxCount 1; otherwise <c>name-1</c> … <c>name-N</c>, skipping suffixes that live pods in the region already
/// use.</summary>
internal static class PodNames
{
    public static IEnumerable<string> For(string name, int maxCount, IReadOnlyDictionary<string, SimulatedPod> inUse)
    {
        if (maxCount == 1)
        {
            yield return name;
            yield break;
        }
        for (var suffix = 1; ; suffix++)
        {
            var candidate = $"{name}-{suffix}";
            if (!inUse.ContainsKey(candidate)) yield return candidate;
        }
    }

    /// <summary>The longest name a call with <paramref name="maxCount"/> can produce when no suffix is taken.</summary>
    public static int LongestLength(string name, int maxCount) =>
        maxCount == 1 ? name.Length : name.Length + 1 + maxCount.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
