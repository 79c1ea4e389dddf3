using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Image caches (the SDK's PodSpec): a cache is created only when matching one was asked for and failed.</summary>
internal static class ImageCacheRules
{
    public static void WarnAutoCreateWithoutAutoMatch(PodSpec pod, ValidationContext context)
    {
        if (pod.AutoCreateImageCache == true && pod.AutoMatchImageCache != true)
            context.Warn("autoCreateImageCache", "has an effect only with autoMatchImageCache true (a cache is created when matching finds none)");
    }
}
