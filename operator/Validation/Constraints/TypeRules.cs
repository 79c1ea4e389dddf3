using System.Collections.Concurrent;
using System.Text.Json;
using JdCloudPodOperator.Validation.Rules;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// All rules of one entity type, built once from its attributes (and its cross-field rules), then run on JSON
/// objects of that type without reflection: property lookups by UTF-8 name, compiled regexes, precomputed messages.
/// </summary>
internal sealed class TypeRules
{
    private static readonly ConcurrentDictionary<Type, TypeRules> Built = new();

    private readonly PropertyCheck[] properties;
    private readonly PropertyNames names;
    private readonly Action<int, ValidationContext>? fieldSets;
    private readonly Action<JsonElement, ValidationContext>? crossField;

    private TypeRules(Type type)
    {
        properties = PropertyChecks.For(type);
        names = new PropertyNames([.. properties.Select(p => p.Name)]);
        fieldSets = FieldSetRules.For(type, properties);
        crossField = CrossFieldRules.For(type);
    }

    /// <summary>The rules of <paramref name="type"/>; nested types are built on first use, so recursion is fine.</summary>
    public static TypeRules For(Type type) => Built.GetOrAdd(type, static t => new TypeRules(t));

    /// <summary>Checks every rule of the JSON object <paramref name="value"/>; the context points at it.</summary>
    public void Check(JsonElement value, ValidationContext context)
    {
        // One pass over the object puts each value in its property's slot (of a repeated name, the last one, as
        // the entity reader has it); then the properties are checked in their declared order.
        var frame = context.EnterFields(properties.Length);
        foreach (var field in value.EnumerateObject())
        {
            if (names.IndexOf(field) is var index and >= 0) context.SetField(frame + index, field.Value);
        }
        for (var i = 0; i < properties.Length; i++) properties[i].Check(context.Field(frame + i), context);
        fieldSets?.Invoke(frame, context);
        context.LeaveFields(frame);
        crossField?.Invoke(value, context);
    }

    /// <summary>
    /// Checks one property only, by JSON name: createPods' maxCount, which lives outside PodSpec (the JD Cloud
    /// simulator judges createPods bodies with the operator's rules).
    /// </summary>
    public void CheckProperty(string name, JsonElement value, ValidationContext context)
    {
        foreach (var property in properties)
        {
            if (property.Name == name) property.Check(value.TryGetProperty(name, out var field) ? field : default, context);
        }
    }
}

/// <summary>A nested entity: Required, then its own rules.</summary>
internal sealed class ObjectCheck(string name, bool required, Type type) : NestedCheck(name, required, JsonValueKind.Object)
{
    private TypeRules? rules;

    protected override void CheckNested(JsonElement value, ValidationContext context) => (rules ??= TypeRules.For(type)).Check(value, context);
}
