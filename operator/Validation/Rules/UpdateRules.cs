using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>
/// What may change on UPDATE. Every podSpec change can reach existing pods (in place or by replacement pods, see
/// docs/jdcloud-pod-lifecycle.md), so podSpec is refused only under updateStrategy.type Never, and then only when
/// something other than description changes. A podSpec.name change is allowed: a pod's name never changes, so
/// every pod is replaced by one with the new name.
/// </summary>
internal static class UpdateRules
{
    public static void Check(JdCloudPodSpec old, JdCloudPodStatus? status, JdCloudPodSpec updated, ValidationContext context)
    {
        context.Push("spec");
        if (!string.Equals(old.RegionId, updated.RegionId, StringComparison.Ordinal))
        {
            context.Add(ViolationKind.Forbidden, "regionId", null, $"regionId is immutable (it was \"{FieldViolation.Truncate(old.RegionId ?? "")}\"); create a new resource for another region");
        }
        // Either side's Never holds: lifting it and changing podSpec are two separate edits, so a guard set on
        // purpose is never bypassed by the very edit it is meant to stop.
        var never = IsNever(old) ? "was" : IsNever(updated) ? "becomes" : null;
        if (never is not null && PodsExist(status) && FirstDifference(old.PodSpec, updated.PodSpec) is { } field)
        {
            context.Add(ViolationKind.Forbidden, "podSpec", null,
                $"podSpec may not change once pods exist while spec.updateStrategy.type {never} Never (only description may; {field} differs); set the type to RollingUpdate or Recreate in an edit of its own first");
        }
        context.Pop();
    }

    private static bool IsNever(JdCloudPodSpec spec) => spec.UpdateStrategy?.Type == UpdateStrategyTypes.Never;

    private static bool PodsExist(JdCloudPodStatus? status) => status?.PodIds?.Count > 0 || status?.CreatedCount > 0;

    /// <summary>
    /// The path of the first field that differs, description aside, or null. Compared as JSON, so an absent field and
    /// a null one are the same, and references do not matter.
    /// </summary>
    private static string? FirstDifference(PodSpec? old, PodSpec? updated)
    {
        var before = WithoutDescription(old);
        var after = WithoutDescription(updated);
        return JsonNode.DeepEquals(before, after) ? null : "podSpec" + JsonDifference.PathOf(before, after);
    }

    private static JsonNode? WithoutDescription(PodSpec? podSpec)
    {
        var node = JsonSerializer.SerializeToNode(podSpec, EntityJsonContext.Default.PodSpec);
        (node as JsonObject)?.Remove("description");
        return node;
    }
}

/// <summary>Where two JSON documents first differ, as a field path (".containers[0].image").</summary>
internal static class JsonDifference
{
    public static string PathOf(JsonNode? a, JsonNode? b)
    {
        if (a is JsonObject left && b is JsonObject right)
        {
            foreach (var name in left.Select(p => p.Key).Union(right.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                var x = left[name];
                var y = right[name];
                if (!JsonNode.DeepEquals(x, y)) return "." + name + PathOf(x, y);
            }
        }
        if (a is JsonArray first && b is JsonArray second && first.Count == second.Count)
        {
            for (var i = 0; i < first.Count; i++)
            {
                if (!JsonNode.DeepEquals(first[i], second[i])) return $"[{i}]" + PathOf(first[i], second[i]);
            }
        }
        return "";
    }
}
