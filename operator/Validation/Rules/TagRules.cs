using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// The operator's owner tag in a JdCloudPod (docs/ownership.md): it is one of the pod's tags, so podSpec.userTags
/// holds one fewer than createPods takes, and its key is the operator's. createPods' own limit (10) is reported by
/// the list's Items rule, so this only narrows what it allows.
/// </summary>
internal static class TagRules
{
    public static void RoomForOwnerTag(TreeElement spec, ValidationContext context)
    {
        if (Property(spec, "podSpec"u8) is not { } podSpec || !TryGetArray(podSpec, "userTags"u8, out var tags)) return;
        if (tags.GetArrayLength() is > OwnerTag.MaxUserTags and <= OwnerTag.MaxTagsPerPod and var count)
            context.Add(ViolationKind.TooMany, "podSpec.userTags", count, $"must have at most {OwnerTag.MaxUserTags} items: {OwnerTag.Reason}");
        var i = 0;
        foreach (var tag in tags.EnumerateArray())
        {
            if (Is(tag, "key"u8, OwnerTag.Key))
                context.Add(ViolationKind.Forbidden, $"podSpec.userTags[{i}].key", OwnerTag.Key, $"is reserved: {OwnerTag.Reason}");
            i++;
        }
    }
}
