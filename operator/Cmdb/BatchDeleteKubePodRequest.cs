using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Cmdb;

/// <summary>batch_delete_kube_pod body (docs/bkcmdb-api.md, batch_delete_kube_pod): at most 200 ids in total per
/// call.</summary>
public sealed record BatchDeleteKubePodRequest([property: JsonPropertyName("data")] IReadOnlyList<BatchDeleteKubePodEntry> Data);

public sealed record BatchDeleteKubePodEntry(
    [property: JsonPropertyName("bk_biz_id")] long BizId,
    [property: JsonPropertyName("ids")] IReadOnlyList<long> Ids);
