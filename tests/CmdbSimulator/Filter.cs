using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmdbSimulator;

/// <summary>
/// CMDB's query filter for pods (docs/bkcmdb-api.md, list_kube_pod): validation with its limits, and evaluation against
/// stored pods. Validation failures are 1199006 with a message of the simulator's own wording (the server's validator
/// texts are not documented).
/// </summary>
public static class Filter
{
    public const int MaxRules = 50, MaxInValues = 500, MaxDepth = 4;

    public static readonly IReadOnlySet<string> PodFields = new HashSet<string>
    {
        "id", "bk_supplier_account", "creator", "modifier", "create_time", "last_time", "bk_biz_id", "bk_host_id",
        "cluster_uid", "bk_cluster_id", "node_name", "bk_node_id", "namespace", "bk_namespace_id", "ref", "ref.kind",
        "ref.id", "ref.name", "name", "priority", "labels", "ip", "ips", "controlled_by", "container_uid", "volumes",
        "qos_class", "node_selectors", "tolerations", "operator",
    };

    public static readonly IReadOnlySet<string> Operators = new HashSet<string>
    {
        "equal", "not_equal", "in", "not_in", "less", "less_or_equal", "greater", "greater_or_equal", "datetime_less",
        "datetime_less_or_equal", "datetime_greater", "datetime_greater_or_equal", "begins_with", "begins_with_i",
        "not_begins_with", "not_begins_with_i", "contains", "contains_s", "not_contains", "not_contains_i", "ends_with",
        "ends_with_i", "not_ends_with", "not_ends_with_i", "is_empty", "is_not_empty", "size", "is_null", "is_not_null",
        "exist", "not_exist", "filter_object", "filter_array",
    };

    public static void Validate(JsonElement filter, bool en) => Validate(filter, 1, true, en);

    private static void Validate(JsonElement rule, int depth, bool checkFields, bool en)
    {
        if (rule.ValueKind != JsonValueKind.Object) throw Messages.NotPassed("filter rule must be an object", en);
        if (rule.TryGetProperty("condition", out var condition))
        {
            // A condition of another JSON type is refused as CMDB refuses it, not crashed on (docs/bkcmdb-api.md, list_kube_pod).
            if (condition.ValueKind != JsonValueKind.String || condition.GetString() is not ("AND" or "OR"))
                throw Messages.NotPassed($"unsupported condition {condition.GetRawText()}", en);
            if (depth > MaxDepth) throw Messages.NotPassed($"filter exceeds maximum depth {MaxDepth}", en);
            if (!rule.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array || rules.GetArrayLength() == 0)
                throw Messages.NotPassed("combined rules must not be empty", en);
            if (rules.GetArrayLength() > MaxRules) throw Messages.NotPassed($"rules count {rules.GetArrayLength()} exceeds maximum {MaxRules}", en);
            foreach (var child in rules.EnumerateArray()) Validate(child, depth + 1, checkFields, en);
            return;
        }
        var field = rule.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
        var op = rule.TryGetProperty("operator", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "";
        if (checkFields && !PodFields.Contains(field)) throw Messages.NotPassed($"field {field} is not a pod field", en);
        if (!Operators.Contains(op)) throw Messages.NotPassed($"operator {op} is not supported", en);
        rule.TryGetProperty("value", out var value);
        if (op is "in" or "not_in")
        {
            if (value.ValueKind != JsonValueKind.Array) throw Messages.NotPassed($"{op} value of {field} must be an array", en);
            if (value.GetArrayLength() > MaxInValues) throw Messages.NotPassed($"{op} value of {field} has {value.GetArrayLength()} elements, maximum {MaxInValues}", en);
        }
        if (op is "filter_object" or "filter_array") Validate(value, depth + 1, false, en);
    }

    public static bool Matches(JsonNode? target, JsonElement rule)
    {
        if (rule.TryGetProperty("condition", out var condition))
        {
            var children = rule.GetProperty("rules").EnumerateArray();
            return condition.GetString() == "AND" ? children.All(r => Matches(target, r)) : children.Any(r => Matches(target, r));
        }
        var field = rule.GetProperty("field").GetString()!;
        var op = rule.GetProperty("operator").GetString()!;
        rule.TryGetProperty("value", out var value);
        var present = TryGet(target, field, out var actual);
        return Evaluate(op, present, actual, value);
    }

    private static bool Evaluate(string op, bool present, JsonNode? actual, JsonElement value) => op switch
    {
        "exist" => present,
        "not_exist" => !present,
        "is_null" => actual is null,
        "is_not_null" => actual is not null,
        "is_empty" => IsEmpty(actual),
        "is_not_empty" => !IsEmpty(actual),
        "size" => actual is JsonArray a && value.TryGetInt64(out var n) && a.Count == n,
        "equal" => Same(actual, value),
        "not_equal" => !Same(actual, value),
        "in" => value.EnumerateArray().Any(v => Same(actual, v)),
        "not_in" => !value.EnumerateArray().Any(v => Same(actual, v)),
        "less" or "datetime_less" => Compare(actual, value) is < 0,
        "less_or_equal" or "datetime_less_or_equal" => Compare(actual, value) is <= 0,
        "greater" or "datetime_greater" => Compare(actual, value) is > 0,
        "greater_or_equal" or "datetime_greater_or_equal" => Compare(actual, value) is >= 0,
        "filter_object" => actual is JsonObject && Matches(actual, value),
        "filter_array" => actual is JsonArray items && items.Any(item => Matches(item, value)),
        _ => Text(op, actual, value),
    };

    /// <summary>String operators: contains ignores case, contains_s respects it, the _i variants ignore it.</summary>
    private static bool Text(string op, JsonNode? actual, JsonElement value)
    {
        if (actual is not JsonValue v || !v.TryGetValue<string>(out var s) || value.ValueKind != JsonValueKind.String) return op.StartsWith("not_");
        var needle = value.GetString()!;
        var ignoreCase = op is "contains" || op.EndsWith("_i");
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var positive = op.Replace("not_", "").Replace("_i", "").Replace("_s", "");
        var hit = positive switch
        {
            "begins_with" => s.StartsWith(needle, comparison),
            "ends_with" => s.EndsWith(needle, comparison),
            _ => s.Contains(needle, comparison),
        };
        return op.StartsWith("not_") ? !hit : hit;
    }

    private static bool TryGet(JsonNode? target, string path, out JsonNode? value)
    {
        value = target;
        foreach (var part in path.Split('.'))
        {
            if (value is not JsonObject o || !o.TryGetPropertyValue(part, out var next)) { value = null; return false; }
            value = next;
        }
        return true;
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v => v.TryGetValue<string>(out var s) && s.Length == 0,
        _ => false,
    };

    private static bool Same(JsonNode? actual, JsonElement value) =>
        actual is null ? value.ValueKind == JsonValueKind.Null : Compare(actual, value) == 0;

    /// <summary>Numbers compare as numbers, strings ordinally, datetimes as Unix seconds; null when incomparable.</summary>
    private static int? Compare(JsonNode? actual, JsonElement value)
    {
        if (actual is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l) && Number(value) is { } r) return ((double)l).CompareTo(r);
        if (v.TryGetValue<double>(out var d) && Number(value) is { } r2) return d.CompareTo(r2);
        if (v.TryGetValue<bool>(out var b) && value.ValueKind is JsonValueKind.True or JsonValueKind.False) return b == value.GetBoolean() ? 0 : 1;
        if (v.TryGetValue<string>(out var s) && value.ValueKind == JsonValueKind.String) return string.CompareOrdinal(s, value.GetString());
        return null;
    }

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t.ToUnixTimeSeconds(),
        _ => null,
    };
}
