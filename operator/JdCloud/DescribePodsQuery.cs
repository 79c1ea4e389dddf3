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

    /// <summary><c>filters.{i}.name</c>, <c>.operator</c> and <c>.values.{j}</c>, 1-based.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> ToParameters(IReadOnlyList<PodFilter> filters)
    {
        for (var i = 0; i < filters.Count; i++)
        {
            var prefix = $"filters.{i + 1}";
            yield return new($"{prefix}.name", filters[i].Name);
            if (filters[i].Operator is { } op) yield return new($"{prefix}.operator", op);
            for (var j = 0; j < filters[i].Values.Count; j++) yield return new($"{prefix}.values.{j + 1}", filters[i].Values[j]);
        }
    }

    /// <summary><c>pageNumber</c> (at least 1) and <c>pageSize</c>, kept inside the operation's documented range.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Paging(int pageNumber, int pageSize, int maxPageSize)
    {
        yield return new("pageNumber", Math.Max(1, pageNumber).ToString(CultureInfo.InvariantCulture));
        yield return new("pageSize", Math.Clamp(pageSize, DescribePodsQuery.MinPageSize, maxPageSize).ToString(CultureInfo.InvariantCulture));
    }
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
        foreach (var parameter in PodFilter.ToParameters(Filters)) yield return parameter;
        for (var i = 0; i < Tags.Count; i++)
        {
            yield return new($"tags.{i + 1}.key", Tags[i].Key);
            for (var j = 0; j < Tags[i].Value.Count; j++) yield return new($"tags.{i + 1}.values.{j + 1}", Tags[i].Value[j]);
        }
        foreach (var parameter in PodFilter.Paging(PageNumber, PageSize, MaxPageSize)) yield return parameter;
    }
}

/// <summary>describePodsStatus parameters: the describePods filters (no tags), pages of 10-500.</summary>
public sealed record DescribePodsStatusQuery
{
    public const int MaxPageSize = 500;

    public IReadOnlyList<PodFilter> Filters { get; init; } = [];

    /// <summary>1-based; values below 1 are sent as 1.</summary>
    public int PageNumber { get; init; } = 1;

    /// <summary>Kept inside the documented 10–500 when sent.</summary>
    public int PageSize { get; init; } = 20;

    public IEnumerable<KeyValuePair<string, string>> ToParameters() =>
        PodFilter.ToParameters(Filters).Concat(PodFilter.Paging(PageNumber, PageSize, MaxPageSize));
}
