using JdCloudPodOperator.Entities.Constraints;
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

    /// <summary>The longest name one createPods call gives: the name itself for one pod, else name-maxCount.</summary>
    public static int LongestLength(int nameLength, int maxCount) =>
        maxCount <= 1 ? nameLength : nameLength + 1 + maxCount.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    /// <summary>The body's name leaves room for name-1 ... name-maxCount within 253 characters; the context points at podSpec.</summary>
    public static void FitSuffixes(JdCloudPodOperator.Entities.PodSpec podSpec, JdCloudPodOperator.Validation.ValidationContext context)
    {
        if (podSpec.Name is not { Length: <= MaxLength } name || LongestLength(name.Length, context.MaxCount) is var longest && longest <= MaxLength) return;
        context.Add(JdCloudPodOperator.Entities.Constraints.ViolationKind.TooLong, "name", null,
            $"may not be more than {name.Length - longest + MaxLength} characters with maxCount {context.MaxCount} (is {name.Length}): the pods are named name-1 ... name-{context.MaxCount}, at most {MaxLength} characters");
    }

    private const int MaxLength = JdCloudPodOperator.Entities.PodNameLimits.MaxLength;
}
