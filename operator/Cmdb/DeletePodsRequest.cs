using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Cmdb;

/// <summary>batch_delete_kube_pod body (§9): at most 200 ids in total per call.</summary>
public sealed record DeletePodsRequest([property: JsonPropertyName("data")] IReadOnlyList<DeletePodsEntry> Data);

public sealed record DeletePodsEntry(
    [property: JsonPropertyName("bk_biz_id")] long BizId,
    [property: JsonPropertyName("ids")] IReadOnlyList<long> Ids);
