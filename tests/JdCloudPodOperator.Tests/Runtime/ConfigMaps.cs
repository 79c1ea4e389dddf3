using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>ConfigMaps as the simplest real objects to watch and reconcile on the test API server.</summary>
public static class ConfigMaps
{
    public static Task<V1ConfigMap> CreateConfigMapAsync(this IKubernetes client, string ns, string name, string value = "1") =>
        client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["v"] = value } }, ns);

    public static Task<V1ConfigMap> SetConfigMapAsync(this IKubernetes client, string ns, string name, string value) =>
        client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch($$$"""{"data":{"v":"{{{value}}}"}}""", V1Patch.PatchType.MergePatch), name, ns);

    public static Task DeleteConfigMapAsync(this IKubernetes client, string ns, string name) =>
        client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns);

    /// <summary>name → resourceVersion of every ConfigMap in <paramref name="ns"/>, as the server has them now.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ConfigMapVersionsAsync(this IKubernetes client, string ns) =>
        (await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.ToDictionary(c => c.Metadata.Name, c => c.Metadata.ResourceVersion);
}
