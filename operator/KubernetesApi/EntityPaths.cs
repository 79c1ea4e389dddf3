using k8s.Models;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Where a resource type lives in the API, from its <see cref="KubernetesEntityAttribute"/>: core types (no group)
/// under api/v1, the others under apis/group/version.
/// </summary>
internal static class EntityPaths
{
    /// <summary>`v1` for a core type, `group/version` otherwise.</summary>
    public static string ApiVersion(KubernetesEntityAttribute entity) =>
        string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";

    /// <summary>The collection's path, in <paramref name="namespace"/> (null: across all namespaces).</summary>
    public static string Collection(KubernetesEntityAttribute entity, string? @namespace) =>
        (string.IsNullOrEmpty(entity.Group) ? "api/" : "apis/") + ApiVersion(entity)
        + (@namespace is null ? "" : $"/namespaces/{Uri.EscapeDataString(@namespace)}") + "/" + entity.PluralName;
}
