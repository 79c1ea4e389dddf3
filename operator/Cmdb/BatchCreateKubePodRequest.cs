using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Cmdb;

// Body of batch_create_kube_pod as the CMDB server decodes it (docs/bkcmdb-api.md, batch_create_kube_pod body). Only
// the fields the operator fills are modelled; limits/requests and liveness are deliberately absent (quantity strings
// and bare probe ports fail to decode).

/// <summary>batch_create_kube_pod body: only <c>data</c> is read by the server.</summary>
public sealed record BatchCreateKubePodRequest(
    [property: JsonPropertyName("data")] IReadOnlyList<BatchCreateKubePodEntry> Data)
{
    /// <summary>Pods in the order the server assigns ids: all of data[0], then data[1], ...</summary>
    [JsonIgnore] public IEnumerable<CmdbPod> FlattenedPods => Data.SelectMany(d => d.Pods);
}

/// <summary>The pods of one business.</summary>
public sealed record BatchCreateKubePodEntry(
    [property: JsonPropertyName("bk_biz_id")] long BizId,
    [property: JsonPropertyName("pods")] IReadOnlyList<CmdbPod> Pods);

/// <summary>One pod to create.</summary>
public sealed record CmdbPod
{
    [JsonPropertyName("spec")] public required CmdbPodSpec Spec { get; init; }
    [JsonPropertyName("bk_host_id")] public required long HostId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("operator")] public required IReadOnlyList<string> Operator { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonPropertyName("ips")] public IReadOnlyList<PodIp>? Ips { get; init; }
    [JsonPropertyName("containers")] public IReadOnlyList<CmdbContainer>? Containers { get; init; }

    /// <summary>CMDB's unique key for this pod.</summary>
    [JsonIgnore] public CmdbPodKey Key => new(Spec.Ref.Kind, Spec.Ref.Id, Name);
}

/// <summary>Where the pod sits in CMDB; all ids must be non-zero.</summary>
public sealed record CmdbPodSpec(
    [property: JsonPropertyName("bk_cluster_id")] long ClusterId,
    [property: JsonPropertyName("bk_namespace_id")] long NamespaceId,
    [property: JsonPropertyName("bk_node_id")] long NodeId,
    [property: JsonPropertyName("ref")] WorkloadRef Ref);

/// <summary>Workload reference; <c>kind</c> is a string, despite the published document (docs/bkcmdb-api.md, Documents
/// versus server, 3).</summary>
public sealed record WorkloadRef(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("id")] long Id);

public sealed record PodIp([property: JsonPropertyName("ip")] string Ip);

/// <summary>A container of the pod. <c>image</c> is always sent: a missing or null key fails.</summary>
public sealed record CmdbContainer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("container_uid")] string ContainerUid,
    [property: JsonPropertyName("image"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string Image);

/// <summary>A pod's natural key in CMDB: unique per workload (docs/bkcmdb-api.md, Registration recipe, step
/// 2).</summary>
public readonly record struct CmdbPodKey(string Kind, long WorkloadId, string Name)
{
    public override string ToString() => $"{Kind}/{WorkloadId}/{Name}";
}

/// <summary>Successful create: one pod id per input pod, in flattened input order.</summary>
public sealed record BatchCreateKubePodResult([property: JsonPropertyName("ids")] IReadOnlyList<long>? Ids);
