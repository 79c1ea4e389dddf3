using k8s;
using k8s.Models;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>The key of one object, as in controller-runtime's <c>types.NamespacedName</c>: namespace/name.</summary>
/// <param name="Namespace">Null for cluster-scoped objects.</param>
/// <param name="Name">metadata.name.</param>
public readonly record struct NamespacedName(string? Namespace, string Name)
{
    public static NamespacedName Of(IKubernetesObject<V1ObjectMeta> obj) =>
        new(string.IsNullOrEmpty(obj.Metadata.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty, obj.Metadata.Name);

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
