using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// A type's rules about which of its fields are present together (ExactlyOneOf, AtLeastOneOf, NotTogether), read from
/// the same class attributes the schema's oneOf, anyOf and not come from; the context points at the object.
/// </summary>
internal static class FieldSetRules
{
    public static Action<T, ValidationContext>? For<T>()
    {
        var rules = new List<Action<T, ValidationContext>>();
        if (typeof(T).GetCustomAttribute<ExactlyOneOfAttribute>() is { } exactlyOne)
            rules.Add(ExactlyOne(exactlyOne.Noun, Fields<T>(exactlyOne.Fields)));
        if (typeof(T).GetCustomAttribute<AtLeastOneOfAttribute>() is { } atLeastOne)
            rules.Add(AtLeastOne(Fields<T>(atLeastOne.Fields)));
        if (typeof(T).GetCustomAttribute<NotTogetherAttribute>() is { } notTogether)
            rules.Add(NotTogether(Fields<T>([notTogether.First, notTogether.Second])));
        return rules.Count == 0 ? null : (Action<T, ValidationContext>)Delegate.Combine([.. rules])!;
    }

    private static Action<T, ValidationContext> ExactlyOne<T>(string noun, (string Name, Func<T, bool> IsSet)[] fields)
    {
        var none = $"must specify exactly one {noun}: {Alternatives(fields)}";
        return (value, context) =>
        {
            string? first = null;
            foreach (var (name, isSet) in fields)
            {
                if (!isSet(value)) continue;
                if (first is null) first = name;
                else context.Add(ViolationKind.Forbidden, name, null, $"may not specify more than 1 {noun} ({first} is already set)");
            }
            if (first is null) context.Add(ViolationKind.Required, null, null, none);
        };
    }

    private static Action<T, ValidationContext> AtLeastOne<T>((string Name, Func<T, bool> IsSet)[] fields)
    {
        var detail = $"required unless {Alternatives(fields[1..])} is set";
        return (value, context) =>
        {
            if (!Array.Exists(fields, f => f.IsSet(value))) context.Add(ViolationKind.Required, fields[0].Name, null, detail);
        };
    }

    private static Action<T, ValidationContext> NotTogether<T>((string Name, Func<T, bool> IsSet)[] fields)
    {
        var detail = $"may not be set together with {fields[1].Name}";
        return (value, context) =>
        {
            if (fields[0].IsSet(value) && fields[1].IsSet(value)) context.Add(ViolationKind.Forbidden, fields[0].Name, null, detail);
        };
    }

    private static string Alternatives<T>((string Name, Func<T, bool> IsSet)[] fields) =>
        fields.Length == 1 ? fields[0].Name : string.Join(", ", fields[..^1].Select(f => f.Name)) + " or " + fields[^1].Name;

    /// <summary>For each JSON name, a compiled "is it set" test: a direct null check, no boxing.</summary>
    private static (string Name, Func<T, bool> IsSet)[] Fields<T>(IReadOnlyList<string> names) =>
        [.. names.Select(name =>
        {
            var property = typeof(T).GetProperties().SingleOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == name)
                ?? throw new InvalidOperationException($"{typeof(T).Name} has no field '{name}' for its field-set rule");
            var owner = Expression.Parameter(typeof(T));
            var isSet = Expression.NotEqual(Expression.Property(owner, property), Expression.Constant(null, property.PropertyType));
            return (name, Expression.Lambda<Func<T, bool>>(isSet, owner).Compile());
        })];
}
