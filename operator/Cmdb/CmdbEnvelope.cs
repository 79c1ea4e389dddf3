using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// Every reply body the three entry points produce (docs/bkcmdb-api.md, Envelopes), read by one type because the keys
/// overlap: native <c>{result, bk_error_code, bk_error_msg, permission, data}</c>; gateway, the same with the two keys
/// renamed to <c>code</c>/<c>message</c> (except the apiserver's own filter errors, which keep the bk_ names); ESB
/// <c>{result, code, message, data, permission, request_id}</c>; and the gateway's own rejections <c>{code_name, data,
/// code, message, result}</c>. Keys may come in any order.
/// </summary>
public sealed record CmdbEnvelope
{
    [JsonPropertyName("result")] public bool Result { get; init; }
    [JsonPropertyName("bk_error_code")] public long? BkErrorCode { get; init; }
    [JsonPropertyName("bk_error_msg")] public string? BkErrorMsg { get; init; }
    [JsonPropertyName("code")] public long? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("code_name")] public string? CodeName { get; init; }
    [JsonPropertyName("request_id")] public string? RequestId { get; init; }
    [JsonPropertyName("permission")] public CmdbPermission? Permission { get; init; }
    [JsonPropertyName("data")] public JsonElement Data { get; init; }

    /// <summary>The error code whichever envelope carried it (the gateway's <c>code</c>, else the native
    /// <c>bk_error_code</c>).</summary>
    [JsonIgnore] public long ErrorCode => Code ?? BkErrorCode ?? 0;

    [JsonIgnore] public string ErrorMessage => Message ?? BkErrorMsg ?? "";
}

/// <summary>The permission body of a 9900403 denial: which IAM actions are missing.</summary>
public sealed record CmdbPermission(
    [property: JsonPropertyName("system_id")] string? SystemId,
    [property: JsonPropertyName("system_name")] string? SystemName,
    [property: JsonPropertyName("actions")] IReadOnlyList<CmdbPermissionAction>? Actions)
{
    public override string ToString() =>
        string.Join(", ", (Actions ?? []).Select(a => a.Name is { Length: > 0 } ? $"{a.Id} ({a.Name})" : a.Id));
}

public sealed record CmdbPermissionAction(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("related_resource_types")] JsonElement RelatedResourceTypes);
