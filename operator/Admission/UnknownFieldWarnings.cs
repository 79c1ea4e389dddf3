using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// Admission warnings naming each field of a JdCloudPod that its type does not have, with its path, in the words
/// of `validate` (which refuses them): `spec.podSpec.contaners: unknown field: the API server would drop it
/// silently (did you mean "containers"?)`. kubectl prints each as `Warning: ...`.
/// </summary>
/// <remarks>
/// The API server prunes unknown fields while decoding the request, before admission, so the object under review
/// holds one only when its schema keeps them. What the user wrote survives in the annotation client-side
/// `kubectl apply` (and Argo CD) write, the whole manifest as applied: it is read when it is new or changed, so a
/// later update by another client does not repeat the warnings. Bounded: the API server truncates a warning past
/// 256 characters and ignores warnings past 4096 characters in all.
/// </remarks>
internal static class UnknownFieldWarnings
{
    public const int MaxWarnings = 20;
    public const int MaxLength = 160;

    /// <param name="obj">The object under review.</param>
    /// <param name="oldObj">The stored object for an UPDATE.</param>
    /// <param name="inObject">What the type check found in <paramref name="obj"/> itself (the decoder's).</param>
    public static IReadOnlyList<string> For(TreeElement obj, TreeElement? oldObj, JsonTypeFindings inObject)
    {
        var applied = LastApplied(obj);
        var changed = applied is { } a && !(oldObj is { } old && LastApplied(old) is { } b && TreeElement.DeepEquals(a, b));
        var inManifest = changed ? UnknownIn(applied!.Value) : JsonTypeFindings.None;
        if (inManifest.Found.Count == 0 && inObject.Found.Count == 0) return [];
        var fields = inManifest.UnknownFields.ToList();
        foreach (var field in inObject.UnknownFields)
        {
            if (!fields.Exists(f => f.Field == field.Field)) fields.Add(field);
        }
        // Past the type check's own limit fields are only counted: the larger count stands for both places.
        return Bounded(fields, fields.Count + Math.Max(inManifest.OmittedUnknownFields, inObject.OmittedUnknownFields));
    }

    private static TreeElement? LastApplied(TreeElement obj) =>
        obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object &&
        metadata.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object &&
        annotations.TryGetProperty(KubectlAnnotations.LastAppliedConfiguration, out var applied) && applied.ValueKind == JsonValueKind.String
            ? applied
            : null;

    // An annotation that is not a JSON object was not written by kubectl: nothing to say about it.
    private static JsonTypeFindings UnknownIn(TreeElement annotation)
    {
        try
        {
            using var manifest = JsonTree.Parse(annotation.GetString()!);
            return manifest.Root.ValueKind == JsonValueKind.Object
                ? JsonTypeCheck.Check(manifest.Root, typeof(JdCloudPod))
                : JsonTypeFindings.None;
        }
        catch (JsonException)
        {
            return JsonTypeFindings.None;
        }
    }

    private static List<string> Bounded(List<FieldViolation> fields, int total)
    {
        var warnings = fields.Take(MaxWarnings).Select(f => Shortened($"{f.Field}: {f.Detail}")).ToList();
        if (total > MaxWarnings) warnings.Add($"and {total - MaxWarnings} more unknown fields");
        return warnings;
    }

    private static string Shortened(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 3)] + "...";
}
