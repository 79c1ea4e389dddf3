using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>The parts of an image reference and their limits (docs/jdcloud-api.md, createPods rules, items
/// 59-60).</summary>
internal static class ImageRules
{
    private const int MaxRegistry = 255;
    private const int MaxRepository = 256;
    private const int MaxTag = 128;
    private const string Shape = "must be an image reference [registry/]repository[:tag][@digest], for example nginx:latest or mysql/mysql-server";

    public static void Parts(TreeElement container, ValidationContext context)
    {
        // Absent and empty are Required's and Length's to report.
        if (JsonFields.Property(container, "image"u8) is not { ValueKind: JsonValueKind.String } value || value.ValueEquals(""u8)) return;
        var image = ImageReference.Parse(context.Text(value));
        if (!image.WellFormed)
        {
            context.Add(ViolationKind.Invalid, "image", value.GetString(), Shape);
            return;
        }
        TooLong("registry", image.Registry, MaxRegistry, context);
        TooLong("repository", image.Repository, MaxRepository, context);
        TooLong("tag", image.Tag, MaxTag, context);
    }

    // In characters (code points), as the image's own length is counted.
    private static void TooLong(string part, ReadOnlySpan<char> text, int max, ValidationContext context)
    {
        var length = Characters.Count(text, 0, max);
        if (length > max) context.Add(ViolationKind.TooLong, "image", null, $"the {part} may not be more than {max} characters (is {length})");
    }
}
