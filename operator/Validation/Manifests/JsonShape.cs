using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Validation.Manifests;

/// <summary>
/// What the API server would drop or refuse before any rule runs: fields the type does not have (pruned
/// silently, so a typo goes unnoticed) and values of the wrong JSON type (`maxCount: "3"`). Wrongly typed values
/// are removed from the tree, so the rest of the document can still be read and validated.
/// </summary>
internal static class JsonShape
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>?> Members = new();

    /// <summary>Reports into <paramref name="found"/>; returns the paths of the values it removed.</summary>
    public static List<string> Check(JsonObject root, Type type, List<FieldViolation> found)
    {
        var removed = new List<string>();
        CheckObject(root, MembersOf(type)!, "", found, removed);
        return removed;
    }

    /// <summary>False when <paramref name="node"/> does not have <paramref name="type"/>'s JSON shape (it was reported).</summary>
    private static bool CheckNode(JsonNode? node, Type type, string path, List<FieldViolation> found, List<string> removed)
    {
        if (node is null) return true; // the API server drops nulls of non-nullable fields: absent
        type = Nullable.GetUnderlyingType(type) ?? type;
        var expected = Expected(type);
        if (expected is null) return true;
        var kind = node.GetValueKind();
        if (!Matches(node, kind, type, expected))
        {
            found.Add(new FieldViolation(path, ViolationKind.Invalid, Shown(node, kind), $"must be of type {expected}"));
            removed.Add(path);
            return false;
        }
        if (node is JsonObject map) CheckMap(map, type, path, found, removed);
        if (node is JsonArray list) CheckList(list, ItemType(type)!, path, found, removed);
        return true;
    }

    private static void CheckMap(JsonObject map, Type type, string path, List<FieldViolation> found, List<string> removed)
    {
        if (MembersOf(type) is { } members)
        {
            CheckObject(map, members, path, found, removed);
            return;
        }
        var values = DictionaryValueType(type);
        if (values is null) return;
        List<string>? wrong = null;
        foreach (var (key, value) in map)
        {
            if (!CheckNode(value, values, Join(path, key), found, removed)) (wrong ??= []).Add(key);
        }
        wrong?.ForEach(key => map.Remove(key));
    }

    private static void CheckObject(JsonObject map, Dictionary<string, Type> members, string path, List<FieldViolation> found, List<string> removed)
    {
        List<string>? wrong = null;
        foreach (var (key, value) in map)
        {
            if (!members.TryGetValue(key, out var memberType))
            {
                found.Add(new FieldViolation(Join(path, FieldViolation.Truncate(key)), ViolationKind.Forbidden, null, UnknownField(key, members.Keys)));
                continue;
            }
            if (!CheckNode(value, memberType, Join(path, key), found, removed)) (wrong ??= []).Add(key);
        }
        wrong?.ForEach(key => map.Remove(key));
    }

    private static void CheckList(JsonArray list, Type itemType, string path, List<FieldViolation> found, List<string> removed)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (!CheckNode(list[i], itemType, $"{path}[{i}]", found, removed)) list[i] = null;
        }
    }

    private static string UnknownField(string key, IEnumerable<string> known)
    {
        var guess = known.FirstOrDefault(name => Spelling.Close(key, name));
        return "unknown field: the API server would drop it silently" + (guess is null ? "" : $" (did you mean \"{guess}\"?)");
    }

    /// <summary>The JSON type a CLR type is written as; null for anything-goes (object, JSON trees, custom converters).</summary>
    private static string? Expected(Type type) => type switch
    {
        _ when type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset) => "string",
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "number",
        _ when type == typeof(bool) => "boolean",
        _ when MembersOf(type) is not null || DictionaryValueType(type) is not null => "object",
        _ when ItemType(type) is not null => "array",
        _ => null,
    };

    private static bool Matches(JsonNode node, JsonValueKind kind, Type type, string expected) => expected switch
    {
        "string" => kind == JsonValueKind.String,
        "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
        "number" => kind == JsonValueKind.Number,
        "integer" => kind == JsonValueKind.Number && IsInteger(node.AsValue(), type == typeof(int) ? int.MinValue : long.MinValue, type == typeof(int) ? int.MaxValue : long.MaxValue),
        "object" => kind == JsonValueKind.Object,
        _ => kind == JsonValueKind.Array,
    };

    private static bool IsInteger(JsonValue value, long min, long max)
    {
        if (value.TryGetValue<long>(out var integer)) return integer >= min && integer <= max;
        return value.TryGetValue<double>(out var real) && Math.Floor(real) == real && real >= min && real <= max;
    }

    private static object? Shown(JsonNode node, JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => node.AsValue().TryGetValue<long>(out var integer) ? integer : node.GetValue<double>(),
        JsonValueKind.Object => "object",
        _ => "array",
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static Dictionary<string, Type>? MembersOf(Type type) => Members.GetOrAdd(type, static t =>
    {
        if (!t.IsClass || t == typeof(string) || typeof(IEnumerable).IsAssignableFrom(t)) return null;
        var members = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } json) members[json.Name] = property.PropertyType;
        }
        return members.Count == 0 ? null : members;
    });

    private static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } map && map.GenericTypeArguments[0] == typeof(string) ? map.GenericTypeArguments[1] : null;

    private static Type? ItemType(Type type) =>
        type == typeof(string) ? null : type.IsArray ? type.GetElementType() : GenericInterface(type, typeof(IList<>))?.GenericTypeArguments[0];

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
