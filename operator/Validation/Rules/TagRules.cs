using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// The operator's owner tag in a JdCloudPod (docs/ownership.md): it is one of the pod's tags, so podSpec.userTags
/// holds one fewer than createPods takes, and its key is the operator's. createPods' own limit (10) is reported by
/// the list's Items rule, so this only narrows what it allows.
/// </summary>
internal static class TagRules
{
    public static void RoomForOwnerTag(JdCloudPodSpec spec, ValidationContext context)
    {
        if (spec.PodSpec?.UserTags is not { } tags) return;
        if (tags.Count is > OwnerTag.MaxUserTags and <= OwnerTag.MaxTagsPerPod)
            context.Add(ViolationKind.TooMany, "podSpec.userTags", tags.Count, $"must have at most {OwnerTag.MaxUserTags} items: {OwnerTag.Reason}");
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i]?.Key == OwnerTag.Key)
                context.Add(ViolationKind.Forbidden, $"podSpec.userTags[{i}].key", OwnerTag.Key, $"is reserved: {OwnerTag.Reason}");
        }
    }
}
