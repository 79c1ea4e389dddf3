namespace JdCloudSimulator.Pods;

/// <summary>Names for the pods of one createPods call (§4.2): the name itself for maxCount 1; otherwise
/// <c>name-1</c> … <c>name-N</c>, skipping suffixes that live pods in the region already use.</summary>
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
}
