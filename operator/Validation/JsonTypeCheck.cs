using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// One thing the type check found: a value of the wrong JSON type (or a null list item), or a field the type does
/// not have. <paramref name="Location"/> names the value's place in the document (field names, list indexes, map
/// keys) so a caller can remove it and read the rest.
/// </summary>
internal sealed record JsonTypeFinding(FieldViolation Violation, bool IsUnknownField, IReadOnlyList<object> Location);

/// <summary>
/// What one type check found, in document order: at most <see cref="ValidationResult.MaxReported"/> wrong values and
/// as many unknown fields; the rest of each kind are only counted.
/// </summary>
internal sealed record JsonTypeFindings(IReadOnlyList<JsonTypeFinding> Found, int OmittedWrongValues, int OmittedUnknownFields)
{
    /// <summary>Nothing found; shared, so a valid document costs no allocation.</summary>
    public static JsonTypeFindings None { get; } = new([], 0, 0);

    public bool HasWrongValues => OmittedWrongValues > 0 || Found.Any(f => !f.IsUnknownField);

    /// <summary>The wrong values as the reason to refuse the document.</summary>
    public ValidationResult WrongValues() =>
        new([.. Found.Where(f => !f.IsUnknownField).Select(f => f.Violation)], [], OmittedWrongValues);

    public IReadOnlyList<FieldViolation> UnknownFields =>
        Found.Count == 0 ? [] : [.. Found.Where(f => f.IsUnknownField).Select(f => f.Violation)];
}

/// <summary>
/// Compares a JSON document with the C# type it is about to be read into, before any rule runs: every value of the
/// wrong JSON type with its field path (`spec.maxCount: Invalid value: "x": must be of type integer`), and every field
/// the type does not have (the API server prunes those silently, so a typo goes unnoticed). System.Text.Json would
/// stop at the first wrong value with a CLR type name; a user should see all of them, in the API server's words.
/// The webhook and the `validate` command both use it: the webhook refuses wrong types and warns about unknown
/// fields, the command refuses both.
/// </summary>
internal static partial class JsonTypeCheck
{
    /// <summary>
    /// The findings in document order (<see cref="JsonTypeFindings.None"/>, nothing allocated, for a valid document).
    /// Past <see cref="ValidationResult.MaxReported"/> of a kind they are counted without rendering a path or a value,
    /// so a document of a million wrong entries costs no more memory than one of a hundred.
    /// </summary>
    public static JsonTypeFindings Check(TreeElement value, Type type)
    {
        var walk = new Walk();
        walk.CheckValue(value, ShapeOf(type));
        return walk.Findings is null ? JsonTypeFindings.None : new JsonTypeFindings(walk.Findings, walk.OmittedWrongValues, walk.OmittedUnknownFields);
    }

    /// <summary>The detail of an unknown field, with a guess when a known name is close (`Tty` for `tty`).</summary>
    public static string UnknownField(string key, IEnumerable<string> known)
    {
        var guess = known.FirstOrDefault(name => Spelling.Close(key, name));
        return "unknown field: the API server would drop it silently" + (guess is null ? "" : $" (did you mean \"{guess}\"?)");
    }

    /// <summary>
    /// One check: the path is a stack of segments rendered only when something is found, so a valid document
    /// (every review the API server sends in practice) is walked without allocating.
    /// </summary>
    private sealed class Walk
    {
        private Segment[] path = new Segment[16];
        private int depth;

        private int wrongValues;
        private int unknownFields;

        public List<JsonTypeFinding>? Findings { get; private set; }
        public int OmittedWrongValues { get; private set; }
        public int OmittedUnknownFields { get; private set; }

        public void CheckValue(TreeElement value, Shape shape)
        {
            // The kind is read once: each ValueKind is a lookup in the document's table, and a large pod has thousands of values.
            var kind = value.ValueKind;
            var problem = kind == JsonValueKind.Null ? null : Mismatch(value, kind, shape.Expected);
            if (problem is not null)
            {
                WrongValue(value, problem);
                return;
            }
            if (kind == JsonValueKind.Object && shape.MapValue is { } valueShape)
            {
                foreach (var entry in value.EnumerateObject())
                {
                    Push(new Segment(null, Segment.MapKey, entry));
                    CheckItem(entry.Value, valueShape);
                    depth--;
                }
            }
            else if (kind == JsonValueKind.Object && shape.IsModel)
            {
                CheckMembers(value, shape.Members, shape.Names);
            }
            else if (kind == JsonValueKind.Array && shape.Item is { } itemShape)
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

        private void CheckMembers(TreeElement value, Member[] members, PropertyNames names)
        {
            foreach (var field in value.EnumerateObject())
            {
                var member = names.IndexOf(field) is var index and >= 0 ? members[index] : null;
                Push(new Segment(member?.Name, Segment.Field, field));
                if (member is null) Unknown(field, members);
                else CheckValue(field.Value, member.Shape);
                depth--;
            }
        }

        // A null field means "absent"; a null list item or map value has no meaning (the schema refuses it too).
        private void CheckItem(TreeElement item, Shape shape)
        {
            if (item.ValueKind == JsonValueKind.Null) WrongValue(item, "must not be null");
            else CheckValue(item, shape);
        }

        // Past the limit of its kind a finding is counted, never rendered.
        private void WrongValue(TreeElement value, string problem)
        {
            if (wrongValues++ >= ValidationResult.MaxReported) OmittedWrongValues++;
            else Record(ViolationKind.Invalid, value.ValueKind == JsonValueKind.Null ? null : Shown(value), problem, unknownField: false);
        }

        private void Unknown(TreeProperty field, Member[] members)
        {
            if (unknownFields++ >= ValidationResult.MaxReported) OmittedUnknownFields++;
            else Record(ViolationKind.Forbidden, null, UnknownField(field.Name, members.Select(m => m.Name)), unknownField: true);
        }

        private void Record(ViolationKind kind, object? shown, string detail, bool unknownField) =>
            (Findings ??= []).Add(new JsonTypeFinding(new FieldViolation(PathText(), kind, shown, detail), unknownField, Location()));

        private void Push(Segment segment)
        {
            if (depth == path.Length) Array.Resize(ref path, depth * 2);
            path[depth++] = segment;
        }

        // Field names as written (an unknown one shortened), list indexes in brackets, map keys in brackets, as
        // Kubernetes' field paths read: spec.podSpec.containers[0].env[1], metadata.labels[app].
        private string PathText()
        {
            var text = new StringBuilder(64);
            for (var i = 0; i < depth; i++)
            {
                var segment = path[i];
                if (segment.Index == Segment.Field) text.Append(text.Length == 0 ? "" : ".").Append(segment.Name ?? FieldViolation.Truncate(segment.Key.Name));
                else if (segment.Index >= 0) text.Append('[').Append(segment.Index).Append(']');
                // A map key is the user's text, of any length: shortened like a quoted value.
                else text.Append('[').Append(FieldViolation.Truncate(segment.Key.Name)).Append(']');
            }
            return text.ToString();
        }

        private object[] Location()
        {
            var location = new object[depth];
            for (var i = 0; i < depth; i++)
            {
                var segment = path[i];
                location[i] = segment.Index >= 0 ? segment.Index : segment.Name ?? segment.Key.Name;
            }
            return location;
        }

        /// <summary>
        /// A field (a known one's name, or an unknown one decoded only if a path is rendered), a list index, or a
        /// map key (decoded only if a path is rendered). The kind is in <see cref="Index"/>, so the path stack stays
        /// as small as it is.
        /// </summary>
        private readonly record struct Segment(string? Name, int Index, TreeProperty Key)
        {
            public const int Field = -1;
            public const int MapKey = -2;
        }
    }

    internal sealed class Member(string name, Type type)
    {
        private Shape? shape;

        public string Name => name;
        public Shape Shape => shape ??= ShapeOf(type);
    }

    // The API server's words for a wrong type ("must be of type integer"); a whole number past the field's range
    // says so, since it is an integer.
    private static string? Mismatch(TreeElement value, JsonValueKind kind, Json expected) => expected switch
    {
        Json.String when kind != JsonValueKind.String => "must be of type string",
        Json.DateTime when kind != JsonValueKind.String || !IsDateTime(value.GetString()) =>
            "must be an RFC 3339 date-time string",
        Json.Int32 when kind != JsonValueKind.Number || !value.TryGetInt32(out _) => IntegerProblem(value, int.MinValue, int.MaxValue),
        Json.Int64 when kind != JsonValueKind.Number || !value.TryGetInt64(out _) => IntegerProblem(value, long.MinValue, long.MaxValue),
        Json.Number when kind != JsonValueKind.Number => "must be of type number",
        Json.Boolean when kind is not (JsonValueKind.True or JsonValueKind.False) => "must be of type boolean",
        Json.Array when kind != JsonValueKind.Array => "must be of type array",
        Json.Object when kind != JsonValueKind.Object => "must be of type object",
        // A Deployment's maxSurge: its converter takes a whole number or a string and throws at anything else.
        Json.IntOrString when kind != JsonValueKind.String && (kind != JsonValueKind.Number || !value.TryGetInt32(out _)) =>
            "must be an integer or a string",
        _ => null,
    };

    private static string IntegerProblem(TreeElement value, long min, long max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && Math.Floor(number) == number && (number < min || number > max)
            ? $"must be an integer from {min} to {max}"
            : "must be of type integer";

    internal enum Json { Other, String, DateTime, Int32, Int64, Number, Boolean, Array, Object, IntOrString }

    // What a type expects, worked out once per type: the reflection behind it (attributes, interfaces) would
    // otherwise run for every value of every review, thousands of times for a large pod. Child shapes are linked
    // on first use (types can be recursive), so the walk never goes back to the dictionary.
    internal sealed class Shape(Type type, Json expected, Type? mapValue, Type? item, bool isModel)
    {
        private Shape? mapValueShape;
        private Shape? itemShape;
        private Member[]? members;
        private PropertyNames? names;

        public Type Type => type;
        public Json Expected => expected;
        public bool IsModel => isModel;
        public Shape? MapValue => mapValue is null ? null : mapValueShape ??= ShapeOf(mapValue);
        public Shape? Item => item is null ? null : itemShape ??= ShapeOf(item);
        public Member[] Members => members ??= MembersOf(type);

        // A field's member found by hashing its raw UTF-8 name: a large pod's objects have up to ~20 members each.
        public PropertyNames Names => names ??= new PropertyNames([.. Members.Select(m => m.Name)]);
    }

    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    internal static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, t =>
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
        if (type == typeof(k8s.Models.IntOrString)) return Json.IntOrString;
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
    internal static object? Shown(TreeElement value) => value.ValueKind switch
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
