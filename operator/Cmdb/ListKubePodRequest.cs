using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Cmdb;

/// <summary>list_kube_pod body (docs/bkcmdb-api.md, list_kube_pod).</summary>
public sealed record ListKubePodRequest(
    [property: JsonPropertyName("bk_biz_id")] long BizId,
    [property: JsonPropertyName("filter")] CmdbFilter? Filter,
    [property: JsonPropertyName("fields")] IReadOnlyList<string> Fields,
    [property: JsonPropertyName("page")] CmdbPage Page);

/// <summary>Page of a list call; <c>limit</c> is 1..500.</summary>
public sealed record CmdbPage(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("sort")] string? Sort = "id",
    [property: JsonPropertyName("enable_count")] bool? EnableCount = null)
{
    public const int MaxLimit = 500;
}

/// <summary>
/// A filter rule: a combination (<c>condition</c> + <c>rules</c>) or an atomic rule (<c>field</c>, <c>operator</c>,
/// <c>value</c>). At most 50 rules per level and 500 values per <c>in</c>; we nest at most 2 levels
/// (docs/bkcmdb-api.md, Documents versus server, 15).
/// </summary>
public sealed record CmdbFilter
{
    public const int MaxRulesPerLevel = 50;
    public const int MaxInValues = 500;

    [JsonPropertyName("condition")] public string? Condition { get; init; }
    [JsonPropertyName("rules")] public IReadOnlyList<CmdbFilter>? Rules { get; init; }
    [JsonPropertyName("field")] public string? Field { get; init; }
    [JsonPropertyName("operator")] public string? Operator { get; init; }
    [JsonPropertyName("value")] public object? Value { get; init; }

    public static CmdbFilter And(params IReadOnlyList<CmdbFilter> rules) => new() { Condition = "AND", Rules = rules };
    public static CmdbFilter Or(params IReadOnlyList<CmdbFilter> rules) => new() { Condition = "OR", Rules = rules };
    public static CmdbFilter Equal(string field, object value) => new() { Field = field, Operator = "equal", Value = value };
    public static CmdbFilter In(string field, IReadOnlyList<string> values) => new() { Field = field, Operator = "in", Value = values };
}

/// <summary>list_kube_pod data: <c>count</c> only in count mode; containers are never embedded.</summary>
public sealed record ListKubePodResult(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("info")] IReadOnlyList<ListedPod>? Info);

/// <summary>A listed pod, restricted to the fields the registrar asks for (labels carry <see cref="CmdbOwnership.Label"/>).</summary>
public sealed record ListedPod(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("bk_biz_id")] long BizId,
    [property: JsonPropertyName("ref")] ListedRef? Ref,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels = null);

public sealed record ListedRef(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name);
