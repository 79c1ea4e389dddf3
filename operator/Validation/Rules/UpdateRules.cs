using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>What may change on UPDATE: the cloud cannot modify a pod in place, so its spec is fixed once it exists.</summary>
internal static class UpdateRules
{
    private const string Immutable =
        "podSpec is immutable once pods exist (only description may change); delete and recreate the resource, or change maxCount";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static void Check(JdCloudPodSpec old, JdCloudPodStatus? status, JdCloudPodSpec updated, ValidationContext context)
    {
        context.Push("spec");
        if (!string.Equals(old.RegionId, updated.RegionId, StringComparison.Ordinal))
        {
            context.Add(ViolationKind.Forbidden, "regionId", null, $"regionId is immutable (it was \"{FieldViolation.Truncate(old.RegionId ?? "")}\"); create a new resource for another region");
        }
        if (PodsExist(status) && !SameExceptDescription(old.PodSpec, updated.PodSpec))
        {
            context.Add(ViolationKind.Forbidden, "podSpec", null, Immutable);
        }
        context.Pop();
    }

    private static bool PodsExist(JdCloudPodStatus? status) => status?.PodIds?.Count > 0 || status?.CreatedCount > 0;

    /// <summary>Compared as JSON, so an absent field and a null one are the same, and references do not matter.</summary>
    private static bool SameExceptDescription(PodSpec? old, PodSpec? updated) =>
        JsonNode.DeepEquals(WithoutDescription(old), WithoutDescription(updated));

    private static JsonNode? WithoutDescription(PodSpec? podSpec)
    {
        var node = JsonSerializer.SerializeToNode(podSpec, Json);
        (node as JsonObject)?.Remove("description");
        return node;
    }
}
