using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// Pod names with the suffixes JD Cloud gives them (docs/jdcloud-podspec-fields.md, Names): the pods of one createPods
/// call are named name-1 ... name-N. Names longer than 253 characters are reported by the name's own Length rule, so
/// this only narrows what it allows.
/// </summary>
internal static class NameRules
{
    /// <summary>A JdCloudPod: room for "-maxCount" after the name.</summary>
    public static void RoomForSuffixes(TreeElement spec, ValidationContext context)
    {
        // In UTF-16 units, as string.Length counts them (the Length rule counts characters).
        if (Property(spec, "podSpec"u8) is not { } podSpec || Property(podSpec, Name) is not { ValueKind: JsonValueKind.String } value) return;
        var length = context.Text(value).Length;
        var room = PodNameLimits.MaxNameLength(context.MaxCount);
        if (length <= room || length > PodNameLimits.MaxLength) return;
        context.Add(ViolationKind.TooLong, "podSpec.name", null,
            $"may not be more than {room} characters when maxCount is {context.MaxCount} (is {length}): JD Cloud names the pods of one createPods call podSpec.name-1 ... podSpec.name-{context.MaxCount}, and a pod name may not exceed {PodNameLimits.MaxLength}");
    }
}
