using System.Globalization;

namespace JdCloudPodOperator.JdCloud;

/// <summary>A describePods filter (docs/jdcloud-api.md, Operations, describePods filters and paging): the values of one
/// filter are alternatives; separate filters are combined.</summary>
public sealed record PodFilter(string Name, IReadOnlyList<string> Values, string? Operator = null)
{
    /// <summary>Exact match on pod IDs (several values).</summary>
    public static PodFilter PodIds(params IReadOnlyList<string> podIds) => new("podId", podIds);

    /// <summary>Fuzzy (substring) match on the pod name: post-filter for an exact name.</summary>
    public static PodFilter NameContains(string name) => new("name", [name]);

    /// <summary>Exact match on phases (several values).</summary>
    public static PodFilter Phases(params IReadOnlyList<string> phases) => new("phase", phases);
}

/// <summary>describePods parameters, rendered as the canonical query (docs/jdcloud-api.md, Signing, Algorithm, step
/// 3).</summary>
public sealed record DescribePodsQuery
{
    public const int MinPageSize = 10;
    public const int MaxPageSize = 100;

    public IReadOnlyList<PodFilter> Filters { get; init; } = [];

    /// <summary>Tag filters: key and the alternative values.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Tags { get; init; } = [];

    /// <summary>1-based; values below 1 are sent as 1.</summary>
    public int PageNumber { get; init; } = 1;

    /// <summary>Kept inside the documented 10–100 when sent.</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>The decoded name/value pairs: <c>filters.{i}.name</c>, <c>filters.{i}.operator</c>,
    /// <c>filters.{i}.values.{j}</c>, <c>tags.{i}.key</c>, <c>tags.{i}.values.{j}</c>, <c>pageNumber</c>, <c>pageSize</c>.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToParameters()
    {
        for (var i = 0; i < Filters.Count; i++)
        {
            var prefix = $"filters.{i + 1}";
            yield return new($"{prefix}.name", Filters[i].Name);
            if (Filters[i].Operator is { } op) yield return new($"{prefix}.operator", op);
            for (var j = 0; j < Filters[i].Values.Count; j++) yield return new($"{prefix}.values.{j + 1}", Filters[i].Values[j]);
        }
        for (var i = 0; i < Tags.Count; i++)
        {
            yield return new($"tags.{i + 1}.key", Tags[i].Key);
            for (var j = 0; j < Tags[i].Value.Count; j++) yield return new($"tags.{i + 1}.values.{j + 1}", Tags[i].Value[j]);
        }
        yield return new("pageNumber", Math.Max(1, PageNumber).ToString(CultureInfo.InvariantCulture));
        yield return new("pageSize", Math.Clamp(PageSize, MinPageSize, MaxPageSize).ToString(CultureInfo.InvariantCulture));
    }
}
