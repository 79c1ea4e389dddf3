using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// Pod names with the suffixes they are given (docs/jdcloud-podspec-fields.md, "Names"): JD Cloud names the pods of
/// one createPods call name-1 ... name-N, and the operator names replacements name-N itself. Names longer than 253
/// characters are reported by the name's own Length rule, so these only narrow what it allows.
/// </summary>
internal static class NameRules
{
    /// <summary>A JdCloudPod: room for every suffix the operator or JD Cloud may add, whatever maxCount becomes.</summary>
    public static void RoomForSuffixes(JdCloudPodSpec spec, ValidationContext context)
    {
        if (spec.PodSpec?.Name is not { Length: > PodNameLimits.MaxBaseLength and <= PodNameLimits.MaxLength } name) return;
        context.Add(ViolationKind.TooLong, "podSpec.name", null,
            $"may not be more than {PodNameLimits.MaxBaseLength} characters (is {name.Length}): pods are named podSpec.name-N (N up to {PodNameLimits.MaxSuffix}) when one createPods call makes several or a pod is replaced, and a pod name may not exceed {PodNameLimits.MaxLength}");
    }

    /// <summary>A createPods body: with maxCount &gt; 1, name-1 ... name-maxCount must fit.</summary>
    public static void FitsCloudSuffixes(PodSpec podSpec, ValidationContext context)
    {
        if (podSpec.Name is not { Length: <= PodNameLimits.MaxLength } name) return;
        var longest = LongestCloudName(name.Length, context.MaxCount);
        if (longest <= PodNameLimits.MaxLength) return;
        context.Add(ViolationKind.TooLong, "name", null,
            $"may not be more than {name.Length - longest + PodNameLimits.MaxLength} characters with maxCount {context.MaxCount} (is {name.Length}): the pods are named name-1 ... name-{context.MaxCount}, at most {PodNameLimits.MaxLength} characters");
    }

    /// <summary>The longest name one createPods call gives: the name itself for one pod, else name-maxCount.</summary>
    public static int LongestCloudName(int nameLength, int maxCount) =>
        maxCount <= 1 ? nameLength : nameLength + 1 + maxCount.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
