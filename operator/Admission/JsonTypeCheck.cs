using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// Compares a JSON document with the C# type it is about to be read into and reports every value of the wrong JSON
/// type with its field path (`spec.maxCount: Invalid value: "x": must be an integer`). System.Text.Json would stop at
/// the first one with a CLR type name; a user should see all of them, in the API's words.
/// </summary>
internal static class JsonTypeCheck
{
    /// <summary>
    /// The first <see cref="ValidationResult.MaxReported"/> mismatches, and how many more there are: the rest are
    /// counted without rendering a path or a value, so a document of a million wrong entries costs no more memory
    /// than one of a hundred.
    /// </summary>
    public static ValidationResult Check(JsonElement value, Type type)
    {
        var walk = new Walk();
        walk.CheckValue(value, ShapeOf(type));
        return walk.Violations.Count == 0 ? ValidationResult.Valid : new ValidationResult(walk.Violations, [], walk.Omitted);
    }

    /// <summary>
    /// One check: the path is a stack of segments rendered only when a violation is found, so a valid document
    /// (every review the API server sends in practice) is walked without allocating.
    /// </summary>
    private sealed class Walk
    {
        private Segment[] path = new Segment[16];
        private int depth;

        public List<FieldViolation> Violations { get; } = [];

        public int Omitted { get; private set; }

        public void CheckValue(JsonElement value, Shape shape)
        {
            var problem = value.ValueKind == JsonValueKind.Null ? null : Mismatch(value, shape.Expected);
            if (problem is not null)
            {
                Report(value, problem);
                return;
            }
            if (value.ValueKind == JsonValueKind.Object && shape.MapValue is { } valueShape)
            {
                foreach (var entry in value.EnumerateObject())
                {
                    Push(new Segment(null, -1, entry));
                    CheckItem(entry.Value, valueShape);
                    depth--;
                }
            }
            else if (value.ValueKind == JsonValueKind.Object && shape.IsModel)
            {
                var members = shape.Members;
                foreach (var field in value.EnumerateObject())
                {
                    // Unknown fields are left alone: the API server prunes them before admission.
                    if (Find(members, field) is not { } member) continue;
                    Push(new Segment(member.Name, -1, default));
                    CheckValue(field.Value, member.Shape);
                    depth--;
                }
            }
            else if (value.ValueKind == JsonValueKind.Array && shape.Item is { } itemShape)
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Push(new Segment(null, i++, default));
                    CheckItem(item, itemShape);
                    depth--;
                }
            }
        }

        // A null field means "absent"; a null list item or map value has no meaning (the schema refuses it too).
        private void CheckItem(JsonElement item, Shape shape)
        {
            if (item.ValueKind == JsonValueKind.Null) Report(item, "must not be null");
            else CheckValue(item, shape);
        }

        private void Report(JsonElement value, string problem)
        {
            if (Violations.Count >= ValidationResult.MaxReported) Omitted++;
            else Violations.Add(new FieldViolation(PathText(), ViolationKind.Invalid,
                value.ValueKind == JsonValueKind.Null ? null : Shown(value), problem));
        }

        private void Push(Segment segment)
        {
            if (depth == path.Length) Array.Resize(ref path, depth * 2);
            path[depth++] = segment;
        }

        private string PathText()
        {
            var text = new StringBuilder(64);
            for (var i = 0; i < depth; i++)
            {
                var segment = path[i];
                if (segment.Name is { } name) text.Append(text.Length == 0 ? "" : ".").Append(name);
                else if (segment.Index >= 0) text.Append('[').Append(segment.Index).Append(']');
                // A map key is the user's text, of any length: shortened like a quoted value.
                else text.Append('[').Append(FieldViolation.Truncate(segment.Key.Name)).Append(']');
            }
            return text.ToString();
        }

        /// <summary>A field name, a list index, or a map key (its name decoded only if a path is rendered).</summary>
        private readonly record struct Segment(string? Name, int Index, JsonProperty Key);
    }

    // NameEquals compares the raw UTF-8 (unescaping only if the name was escaped), where .Name would allocate.
    private static Member? Find(Member[] members, JsonProperty field)
    {
        foreach (var member in members)
        {
            if (field.NameEquals(member.Utf8Name)) return member;
        }
        return null;
    }

    private sealed class Member(string name, Type type)
    {
        private Shape? shape;

        public string Name => name;
        public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);
        public Shape Shape => shape ??= ShapeOf(type);
    }

    private static string? Mismatch(JsonElement value, Json expected) => expected switch
    {
        Json.String when value.ValueKind != JsonValueKind.String => "must be a string",
        Json.DateTime when value.ValueKind != JsonValueKind.String || !IsDateTime(value.GetString()) =>
            "must be an RFC 3339 date-time string",
        Json.Int32 when value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _) =>
            $"must be an integer from {int.MinValue} to {int.MaxValue}",
        Json.Int64 when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _) =>
            $"must be an integer from {long.MinValue} to {long.MaxValue}",
        Json.Number when value.ValueKind != JsonValueKind.Number => "must be a number",
        Json.Boolean when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) => "must be a boolean",
        Json.Array when value.ValueKind != JsonValueKind.Array => "must be a list",
        Json.Object when value.ValueKind != JsonValueKind.Object => "must be an object",
        _ => null,
    };

    private enum Json { Other, String, DateTime, Int32, Int64, Number, Boolean, Array, Object }

    // What a type expects, worked out once per type: the reflection behind it (attributes, interfaces) would
    // otherwise run for every value of every review, thousands of times for a large pod. Child shapes are linked
    // on first use (types can be recursive), so the walk never goes back to the dictionary.
    private sealed class Shape(Type type, Json expected, Type? mapValue, Type? item, bool isModel)
    {
        private Shape? mapValueShape;
        private Shape? itemShape;
        private Member[]? members;

        public Json Expected => expected;
        public bool IsModel => isModel;
        public Shape? MapValue => mapValue is null ? null : mapValueShape ??= ShapeOf(mapValue);
        public Shape? Item => item is null ? null : itemShape ??= ShapeOf(item);
        public Member[] Members => members ??= MembersOf(type);
    }

    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, t =>
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return new Shape(t, Expected(t), MapValueType(t), ItemType(t), IsModel(t));
    });

    private static Json Expected(Type type)
    {
        if (type == typeof(string)) return Json.String;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return Json.DateTime;
        if (type == typeof(int)) return Json.Int32;
        if (type == typeof(long)) return Json.Int64;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return Json.Number;
        if (type == typeof(bool)) return Json.Boolean;
        if (MapValueType(type) is not null || IsModel(type)) return Json.Object;
        return ItemType(type) is not null ? Json.Array : Json.Other;
    }

    // The Kubernetes client reads timestamps with a lenient parser whose last resort is this one.
    private static bool IsDateTime(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    // Our entities and the Kubernetes models: classes read property by property. Types with their own converter
    // (IntOrString, ResourceQuantity) accept several JSON shapes and are left to it.
    private static bool IsModel(Type type) =>
        type.IsClass && type != typeof(string) && type.GetCustomAttribute<JsonConverterAttribute>() is null &&
        type.Namespace is { } ns && (ns.StartsWith("JdCloudPodOperator.", StringComparison.Ordinal) || ns == "k8s.Models");

    private static Type? MapValueType(Type type) => GenericArgument(type, typeof(IDictionary<,>), 1);

    private static Type? ItemType(Type type) =>
        type == typeof(string) || MapValueType(type) is not null ? null : GenericArgument(type, typeof(IEnumerable<>), 0);

    private static Type? GenericArgument(Type type, Type generic, int index)
    {
        var match = type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
        return match?.GetGenericArguments()[index];
    }

    private static Member[] MembersOf(Type t) =>
    [
        .. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType))
            .GroupBy(p => p.Name)
            .Select(g => new Member(g.Key, g.First().PropertyType)),
    ];

    /// <summary>Scalars as they were written; objects and lists abbreviated, so a message never carries a document.</summary>
    internal static object? Shown(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Object => new JsonLiteral("{...}"),
        JsonValueKind.Array => new JsonLiteral("[...]"),
        JsonValueKind.Number when value.GetRawText() is { Length: > 40 } raw => new JsonLiteral(raw[..40] + "..."),
        _ => new JsonLiteral(value.GetRawText()),
    };

    /// <summary>A JSON value printed as written (3.5, true, {...}) rather than quoted like a string.</summary>
    internal sealed record JsonLiteral(string Text)
    {
        public override string ToString() => Text;
    }
}
