using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Compile-time JSON metadata for the objects <see cref="EntityClient{T}"/> reads and writes: the JdCloudPod as the
/// API server sends it (watch events, list pages, patch answers), its status (the merge patch), the Status of a
/// failed watch, and the Events the operator records (<see cref="Runtime.EventRecorder"/>). The options are KubernetesClient's own (<c>KubernetesJson</c>: camelCase, unset fields left out,
/// enums as strings, its RFC 3339 date and ISO 8601 duration converters), so the JSON is the same; the metadata is
/// generated, not built by reflection at run time (docs/performance.md, "Reconcile time").
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    Converters = [typeof(KubernetesJson.Iso8601TimeSpanConverter), typeof(KubernetesJson.KubernetesDateTimeConverter),
        typeof(KubernetesJson.KubernetesDateTimeOffsetConverter)])]
[JsonSerializable(typeof(JdCloudPod))]
[JsonSerializable(typeof(EntityList<JdCloudPod>))]
[JsonSerializable(typeof(JdCloudPodStatus))]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(Corev1Event))]
internal sealed partial class KubernetesJsonContext : JsonSerializerContext;
