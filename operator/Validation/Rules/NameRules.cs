using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// Pod names with the suffixes they are given (docs/jdcloud-podspec-fields.md, Names): JD Cloud names the pods of
/// one createPods call name-1 ... name-N, and the operator names replacements name-N itself. Names longer than 253
/// characters are reported by the name's own Length rule, so this only narrows what it allows.
/// </summary>
internal static class NameRules
{
    /// <summary>A JdCloudPod: room for every suffix the operator or JD Cloud may add, whatever maxCount becomes.</summary>
    public static void RoomForSuffixes(TreeElement spec, ValidationContext context)
    {
        // In UTF-16 units, as string.Length counts them (the Length rule counts characters).
        if (Property(spec, "podSpec"u8) is not { } podSpec || Property(podSpec, Name) is not { ValueKind: JsonValueKind.String } value) return;
        var length = context.Text(value).Length;
        if (length is <= PodNameLimits.MaxBaseLength or > PodNameLimits.MaxLength) return;
        context.Add(ViolationKind.TooLong, "podSpec.name", null,
            $"may not be more than {PodNameLimits.MaxBaseLength} characters (is {length}): pods are named podSpec.name-N (N up to {PodNameLimits.MaxSuffix}) when one createPods call makes several or a pod is replaced, and a pod name may not exceed {PodNameLimits.MaxLength}");
    }
}
