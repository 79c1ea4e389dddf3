using System.Reflection;
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
    /// <summary>
    /// The type's field-set rules, or null. They read the values the type's <paramref name="properties"/> were
    /// given by the walk: the int is the walk's frame of field slots (<see cref="ValidationContext.EnterFields"/>).
    /// </summary>
    public static Action<int, ValidationContext>? For(Type type, PropertyCheck[] properties)
    {
        var rules = new List<Action<int, ValidationContext>>();
        if (type.GetCustomAttribute<ExactlyOneOfAttribute>() is { } exactlyOne)
            rules.Add(ExactlyOne(exactlyOne.Noun, Fields(type, properties, exactlyOne.Fields)));
        if (type.GetCustomAttribute<AtLeastOneOfAttribute>() is { } atLeastOne)
            rules.Add(AtLeastOne(Fields(type, properties, atLeastOne.Fields)));
        if (type.GetCustomAttribute<NotTogetherAttribute>() is { } notTogether)
            rules.Add(NotTogether(Fields(type, properties, [notTogether.First, notTogether.Second])));
        return rules.Count == 0 ? null : (Action<int, ValidationContext>)Delegate.Combine([.. rules])!;
    }

    private static Action<int, ValidationContext> ExactlyOne(string noun, Field[] fields)
    {
        var none = $"must specify exactly one {noun}: {Alternatives(fields)}";
        return (frame, context) =>
        {
            string? first = null;
            foreach (var field in fields)
            {
                if (!field.IsSet(frame, context)) continue;
                if (first is null) first = field.Name;
                else context.Add(ViolationKind.Forbidden, field.Name, null, $"may not specify more than 1 {noun} ({first} is already set)");
            }
            if (first is null) context.Add(ViolationKind.Required, null, null, none);
        };
    }

    private static Action<int, ValidationContext> AtLeastOne(Field[] fields)
    {
        var detail = $"required unless {Alternatives(fields[1..])} is set";
        return (frame, context) =>
        {
            if (!AnySet(fields, frame, context)) context.Add(ViolationKind.Required, fields[0].Name, null, detail);
        };
    }

    private static Action<int, ValidationContext> NotTogether(Field[] fields)
    {
        var detail = $"may not be set together with {fields[1].Name}";
        return (frame, context) =>
        {
            if (fields[0].IsSet(frame, context) && fields[1].IsSet(frame, context)) context.Add(ViolationKind.Forbidden, fields[0].Name, null, detail);
        };
    }

    private static string Alternatives(Field[] fields) =>
        fields.Length == 1 ? fields[0].Name : string.Join(", ", fields[..^1].Select(f => f.Name)) + " or " + fields[^1].Name;

    // A loop, not Array.Exists with a lambda: a lambda capturing the value would allocate on every object.
    private static bool AnySet(Field[] fields, int frame, ValidationContext context)
    {
        foreach (var field in fields)
        {
            if (field.IsSet(frame, context)) return true;
        }
        return false;
    }

    /// <summary>The fields by JSON name, each one of the type's properties.</summary>
    private static Field[] Fields(Type type, PropertyCheck[] properties, IReadOnlyList<string> names) =>
        [.. names.Select(name => Array.FindIndex(properties, p => p.Name == name) is var index and >= 0
            ? new Field(name, index)
            : throw new InvalidOperationException($"{type.Name} has no field '{name}' for its field-set rule"))];

    /// <summary>A field of a field-set rule: set means present and not JSON null.</summary>
    private sealed class Field(string name, int index)
    {
        public string Name => name;

        public bool IsSet(int frame, ValidationContext context) =>
            context.Kind(frame + index) is not (JsonValueKind.Undefined or JsonValueKind.Null);
    }
}
