using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Which changes are worth a reconcile. Like controller-runtime's GenerationChanged, LabelChanged and
/// AnnotationChanged predicates together, plus finalizers and deletion: a change to status alone (above all the
/// operator's own status write) does not queue the object again. Types without metadata.generation (ConfigMap)
/// pass every change.
/// </summary>
public static class ChangeFilter
{
    public static bool Matters<T>(ResourceEvent<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (change.Type != ResourceEventType.Modified || change.Old is null) return true;
        var (before, after) = (change.Old.Metadata, change.Object.Metadata);
        if (before.Generation is null || after.Generation is null) return true;
        return before.Generation != after.Generation
            || before.DeletionTimestamp != after.DeletionTimestamp
            || !Same(before.Finalizers, after.Finalizers)
            || !Same(before.Labels, after.Labels)
            || !Same(before.Annotations, after.Annotations);
    }

    private static bool Same(IList<string>? a, IList<string>? b) => (a ?? []).SequenceEqual(b ?? []);

    private static bool Same(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? new Dictionary<string, string>()).All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value);
}
