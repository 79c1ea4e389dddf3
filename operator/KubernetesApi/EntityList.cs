using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>A list response of any resource type (the API's <c>XList</c> kinds share this shape).</summary>
public sealed class EntityList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    [JsonPropertyName("items")] public IList<T> Items { get; set; } = [];
}
