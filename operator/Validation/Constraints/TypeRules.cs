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
    private readonly Action<TreeElement, ValidationContext>? crossField;

    // What the type check expects of each property (null: a name it does not know), and whether this walk goes
    // below the value as the check would (a nested entity, a list of them), so only the value's own type is asked.
    private readonly JsonTypeCheck.Shape?[] shapes;
    private readonly bool[] walked;

    private TypeRules(Type type)
    {
        properties = PropertyChecks.For(type);
        names = new PropertyNames([.. properties.Select(p => p.Name)]);
        fieldSets = FieldSetRules.For(type, properties);
        crossField = CrossFieldRules.For(type);
        shapes = [.. properties.Select(p => JsonTypeCheck.MemberShape(type, p.Name))];
        walked = [.. properties.Select((p, i) => shapes[i] is { } shape && p.WalksAs(shape))];
    }

    /// <summary>The rules of <paramref name="type"/>; nested types are built on first use, so recursion is fine.</summary>
    public static TypeRules For(Type type) => Built.GetOrAdd(type, static t => new TypeRules(t));

    /// <summary>Checks every rule of the JSON object <paramref name="value"/>; the context points at it.</summary>
    public void Check(TreeElement value, ValidationContext context)
    {
        // One pass over the object puts each value in its property's slot (of a repeated name, the last one, as
        // the entity reader has it); then the properties are checked in their declared order.
        var frame = context.EnterFields(properties.Length);
        foreach (var field in value.EnumerateObject())
        {
            var index = names.IndexOf(field);
            var item = field.Value;
            var kind = item.ValueKind;
            if (context.ChecksTypes) CheckType(index, frame, item, kind, context);
            if (index >= 0) context.SetField(frame + index, item, kind);
        }
        for (var i = 0; i < properties.Length && !context.TypesWrong; i++) properties[i].Check(context.Field(frame + i), context.Kind(frame + i), context);
        if (!context.TypesWrong) fieldSets?.Invoke(frame, context);
        context.LeaveFields(frame);
        if (!context.TypesWrong) crossField?.Invoke(value, context);
    }

    // The type check's judgement of one field, before its slot is set: the whole value, or its own type only when
    // the property's check walks below it with these rules.
    private void CheckType(int index, int frame, TreeElement value, JsonValueKind kind, ValidationContext context)
    {
        if (index < 0 || shapes[index] is not { } shape || context.Kind(frame + index) != JsonValueKind.Undefined)
        {
            context.TypesUnsure();
            return;
        }
        if (!(walked[index] ? JsonTypeCheck.Fits(value, kind, shape) : JsonTypeCheck.IsClean(value, kind, shape))) context.TypeWrong();
    }

    /// <summary>
    /// Checks one property only, by JSON name: createPods' maxCount, which lives outside PodSpec (the JD Cloud
    /// simulator judges createPods bodies with the operator's rules).
    /// </summary>
    public void CheckProperty(string name, TreeElement value, ValidationContext context)
    {
        foreach (var property in properties)
        {
            if (property.Name != name) continue;
            var field = value.TryGetProperty(name, out var found) ? found : default;
            property.Check(field, field.ValueKind, context);
        }
    }
}

/// <summary>A nested entity: Required, then its own rules.</summary>
internal sealed class ObjectCheck(string name, bool required, Type type) : NestedCheck(name, required, JsonValueKind.Object)
{
    private TypeRules? rules;

    protected override void CheckNested(TreeElement value, ValidationContext context) => (rules ??= TypeRules.For(type)).Check(value, context);

    public override bool WalksAs(JsonTypeCheck.Shape shape) => shape.Type == type && shape.IsModel && shape.MapValue is null;
}
