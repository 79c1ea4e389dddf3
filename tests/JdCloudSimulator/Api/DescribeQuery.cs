using System.Globalization;
using System.Text.RegularExpressions;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Api;

/// <summary>One filter or tag of a describe call: <c>filters.{i}.name</c> (or <c>tags.{i}.key</c>) and its values.</summary>
public sealed record QueryFilter(string Name, IReadOnlyList<string> Values);

/// <summary>Paging, filters and tags of describePods (docs/jdcloud-api.md, Operations, describePods filters and
/// paging), parsed from the decoded query with every error listed.</summary>
public sealed partial record DescribeQuery(int PageNumber, int PageSize, IReadOnlyList<QueryFilter> Filters, IReadOnlyList<QueryFilter> Tags)
{
    public static readonly IReadOnlySet<string> PodFilters =
        new HashSet<string> { "podId", "privateIpAddress", "az", "vpcId", "phase", "name", "subnetId", "agId" };

    public static DescribeQuery Parse(IEnumerable<KeyValuePair<string, string>> query, IReadOnlySet<string> filterNames, int maxPageSize = 100)
    {
        var violations = new List<FieldViolation>();
        var parameters = query.ToList();
        var pageNumber = Integer(parameters, "pageNumber", 1, 1, int.MaxValue, violations);
        var pageSize = Integer(parameters, "pageSize", 20, 10, maxPageSize, violations);
        var filters = Groups(parameters, "filters", "name", violations);
        foreach (var (index, filter) in filters.Where(f => !filterNames.Contains(f.Filter.Name)))
            violations.Add(new($"filters.{index}.name", ViolationKind.NotSupported, filter.Name, "supported values: " + string.Join(", ", filterNames)));
        var tags = Groups(parameters, "tags", "key", violations);
        if (violations.Count > 0) throw ApiException.InvalidArgument(violations);
        return new DescribeQuery(pageNumber, pageSize, [.. filters.Select(f => f.Filter)], [.. tags.Select(t => t.Filter)]);
    }

    private static int Integer(List<KeyValuePair<string, string>> parameters, string name, int fallback, int min, int max, List<FieldViolation> violations)
    {
        var text = parameters.LastOrDefault(p => p.Key == name).Value;
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        violations.Add(new(name, ViolationKind.Invalid, text, $"must be an integer from {min} to {max}"));
        return fallback;
    }

    /// <summary>Collects <c>{prefix}.{i}.{keyField}</c>, <c>.operator</c> and <c>.values.{j}</c> into filters, ordered by i and j.</summary>
    private static List<(int Index, QueryFilter Filter)> Groups(
        List<KeyValuePair<string, string>> parameters, string prefix, string keyField, List<FieldViolation> violations)
    {
        var groups = new SortedDictionary<int, (string? Key, string? Operator, SortedDictionary<int, string> Values)>();
        foreach (var (name, value) in parameters)
        {
            var match = Indexed().Match(name);
            if (!match.Success || match.Groups["prefix"].Value != prefix) continue;
            var index = int.Parse(match.Groups["i"].Value, CultureInfo.InvariantCulture);
            var group = groups.GetValueOrDefault(index, (null, null, new SortedDictionary<int, string>()));
            var field = match.Groups["field"].Value;
            if (field == keyField) group.Key = value;
            else if (field == "operator" && prefix == "filters") group.Operator = value;
            else if (match.Groups["j"].Success) group.Values[int.Parse(match.Groups["j"].Value, CultureInfo.InvariantCulture)] = value;
            groups[index] = group;
        }
        var result = new List<(int, QueryFilter)>();
        foreach (var (index, (key, op, values)) in groups)
        {
            var path = $"{prefix}.{index}";
            if (string.IsNullOrEmpty(key)) violations.Add(new($"{path}.{keyField}", ViolationKind.Required, null, $"every {prefix} entry needs a {keyField}"));
            // Optional, default eq (docs/jdcloud-api.md, describePods filters and paging); an empty value is the default too.
            else if (!string.IsNullOrEmpty(op) && !op.Equals("eq", StringComparison.OrdinalIgnoreCase)) violations.Add(new($"{path}.operator", ViolationKind.NotSupported, op, "supported values: \"eq\""));
            else if (values.Count == 0 && prefix == "filters") violations.Add(new($"{path}.values", ViolationKind.Required, null, "a filter needs at least one value"));
            else result.Add((index, new QueryFilter(key, [.. values.Values])));
        }
        return result;
    }

    [GeneratedRegex(@"^(?<prefix>filters|tags)\.(?<i>\d{1,4})\.(?<field>name|key|operator|values\.(?<j>\d{1,4}))$")]
    private static partial Regex Indexed();
}
