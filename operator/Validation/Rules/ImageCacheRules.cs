using System.Text.Json;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Image caches (the SDK's PodSpec): a cache is created only when matching one was asked for and failed.</summary>
internal static class ImageCacheRules
{
    public static void WarnAutoCreateWithoutAutoMatch(TreeElement pod, ValidationContext context)
    {
        if (IsTrue(pod, "autoCreateImageCache"u8) && !IsTrue(pod, "autoMatchImageCache"u8))
            context.Warn("autoCreateImageCache", "has an effect only with autoMatchImageCache true (a cache is created when matching finds none)");
    }
}
