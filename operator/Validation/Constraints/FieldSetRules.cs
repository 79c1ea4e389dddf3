using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// A type's rules about which of its fields are present together (ExactlyOneOf, AtLeastOneOf, NotTogether), read from
/// the same class attributes the schema's oneOf, anyOf and not come from; the context points at the object.
/// </summary>
internal static class FieldSetRules
{
    public static Action<JsonElement, ValidationContext>? For(Type type)
    {
        var rules = new List<Action<JsonElement, ValidationContext>>();
        if (type.GetCustomAttribute<ExactlyOneOfAttribute>() is { } exactlyOne)
            rules.Add(ExactlyOne(exactlyOne.Noun, Fields(type, exactlyOne.Fields)));
        if (type.GetCustomAttribute<AtLeastOneOfAttribute>() is { } atLeastOne)
            rules.Add(AtLeastOne(Fields(type, atLeastOne.Fields)));
        if (type.GetCustomAttribute<NotTogetherAttribute>() is { } notTogether)
            rules.Add(NotTogether(Fields(type, [notTogether.First, notTogether.Second])));
        return rules.Count == 0 ? null : (Action<JsonElement, ValidationContext>)Delegate.Combine([.. rules])!;
    }

    private static Action<JsonElement, ValidationContext> ExactlyOne(string noun, Field[] fields)
    {
        var none = $"must specify exactly one {noun}: {Alternatives(fields)}";
        return (value, context) =>
        {
            string? first = null;
            foreach (var field in fields)
            {
                if (!field.IsSet(value)) continue;
                if (first is null) first = field.Name;
                else context.Add(ViolationKind.Forbidden, field.Name, null, $"may not specify more than 1 {noun} ({first} is already set)");
            }
            if (first is null) context.Add(ViolationKind.Required, null, null, none);
        };
    }

    private static Action<JsonElement, ValidationContext> AtLeastOne(Field[] fields)
    {
        var detail = $"required unless {Alternatives(fields[1..])} is set";
        return (value, context) =>
        {
            if (!AnySet(fields, value)) context.Add(ViolationKind.Required, fields[0].Name, null, detail);
        };
    }

    private static Action<JsonElement, ValidationContext> NotTogether(Field[] fields)
    {
        var detail = $"may not be set together with {fields[1].Name}";
        return (value, context) =>
        {
            if (fields[0].IsSet(value) && fields[1].IsSet(value)) context.Add(ViolationKind.Forbidden, fields[0].Name, null, detail);
        };
    }

    private static string Alternatives(Field[] fields) =>
        fields.Length == 1 ? fields[0].Name : string.Join(", ", fields[..^1].Select(f => f.Name)) + " or " + fields[^1].Name;

    // A loop, not Array.Exists with a lambda: a lambda capturing the value would allocate on every object.
    private static bool AnySet(Field[] fields, JsonElement value)
    {
        foreach (var field in fields)
        {
            if (field.IsSet(value)) return true;
        }
        return false;
    }

    /// <summary>The fields by JSON name, each checked to exist on the type.</summary>
    private static Field[] Fields(Type type, IReadOnlyList<string> names) =>
        [.. names.Select(name => type.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == name)
            ? new Field(name)
            : throw new InvalidOperationException($"{type.Name} has no field '{name}' for its field-set rule"))];

    /// <summary>A field of a field-set rule: set means present and not JSON null.</summary>
    private sealed class Field(string name)
    {
        private readonly byte[] utf8Name = Encoding.UTF8.GetBytes(name);

        public string Name => name;

        public bool IsSet(JsonElement owner) => JsonFields.Has(owner, utf8Name);
    }
}
