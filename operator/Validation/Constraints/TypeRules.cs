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

    // A type of plain values only (an env variable, a tag, a volume mount) without field-set rules: most of its
    // objects in a large pod break no rule, which one pass over the object can prove (Passes). The bits of the
    // required properties, for that pass.
    private readonly bool plain;
    private readonly ulong required;

    // Of a plain property, whether its passing proves what the type check asks too (a string's kind): then the pass
    // need not ask it.
    private readonly bool[] typedByPass;

    // Of a string property that the type check expects as a string, its rules when they judge bytes (or none at
    // all): a string that is ASCII as written passes on its bytes alone.
    private readonly StringRules?[] asciiStrings;

    private TypeRules(Type type)
    {
        properties = PropertyChecks.For(type);
        names = new PropertyNames([.. properties.Select(p => p.Name)]);
        fieldSets = FieldSetRules.For(type, properties);
        crossField = CrossFieldRules.For(type);
        shapes = [.. properties.Select(p => JsonTypeCheck.MemberShape(type, p.Name))];
        walked = [.. properties.Select((p, i) => shapes[i] is { } shape && p.WalksAs(shape))];
        typedByPass = [.. properties.Select((p, i) => p is StringCheck && shapes[i]?.Expected == JsonTypeCheck.Json.String)];
        asciiStrings = [.. properties.Select((p, i) => typedByPass[i] && p is StringCheck { AsciiRules: { } rules } ? rules : null)];
        plain = fieldSets is null && properties.Length <= 64 && properties.All(p => p.IsPlain);
        for (var i = 0; i < properties.Length; i++) required |= properties[i].Required ? 1UL << i : 0;
    }

    /// <summary>The rules of <paramref name="type"/>; nested types are built on first use, so recursion is fine.</summary>
    public static TypeRules For(Type type) => Built.GetOrAdd(type, static t => new TypeRules(t));

    /// <summary>Checks every rule of the JSON object <paramref name="value"/>; the context points at it.</summary>
    public void Check(TreeElement value, ValidationContext context)
    {
        var keyRow = 0;
        if (plain && Passes(value, context, -1, ref keyRow)) crossField?.Invoke(value, context);
        else Walk(value, context);
    }

    /// <summary>Every rule of the object, property by property: what <see cref="Check"/> does when one pass cannot tell.</summary>
    internal void Walk(TreeElement value, ValidationContext context)
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

    /// <summary>
    /// Whether <see cref="Check"/> of the object would find nothing, when one pass can tell without a path (a plain
    /// type without cross-field rules: an env variable); false when unsure, and then Check decides.
    /// </summary>
    public bool PassesWithoutPath(TreeElement value, ValidationContext context) => PassesWithoutPath(value, context, -1, out _);

    /// <summary>
    /// <see cref="PassesWithoutPath(TreeElement, ValidationContext)"/>, which on the way finds the row of property
    /// <paramref name="keyIndex"/>'s value (a list's key; 0 when absent or not looked for).
    /// </summary>
    public bool PassesWithoutPath(TreeElement value, ValidationContext context, int keyIndex, out int keyRow)
    {
        keyRow = 0;
        return plain && crossField is null && Passes(value, context, keyIndex, ref keyRow);
    }

    /// <summary>The index of a property by its JSON name as UTF-8, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8) => names.IndexOf(utf8);

    // Whether the walk below would find nothing: each property once, known, of its JSON type, passing its rules,
    // and every required one present. Anything else (a null, a repeated or escaped name) is left to that walk to
    // judge. The rows are read as spans, and a string that is ASCII as written is judged on its bytes in place.
    private bool Passes(TreeElement value, ValidationContext context, int keyIndex, ref int keyRow)
    {
        var tree = value.Document!;
        var rows = tree.Rows;
        var text = tree.Source;
        var seen = 0UL;
        for (var at = value.RowIndex + 1; at < rows[value.RowIndex].Next; at = rows[at + 1].Next)
        {
            ref readonly var name = ref rows[at];
            var index = name.Escaped ? -1 : names.IndexOf(text.Slice(name.Start, name.Length));
            if (index < 0 || (seen & 1UL << index) != 0) return false;
            seen |= 1UL << index;
            if (index == keyIndex) keyRow = at + 1;
            ref readonly var row = ref rows[at + 1];
            if (!(asciiStrings[index] is { } rules && row.IsAsciiString
                    ? rules.PassesAscii(text.Slice(row.Start, row.Length))
                    : PassesValue(index, new TreeElement(tree, at + 1), row.Kind, context))) return false;
        }
        return (seen & required) == required;
    }

    private bool PassesValue(int index, TreeElement item, JsonValueKind kind, ValidationContext context) =>
        kind != JsonValueKind.Null && properties[index].Passes(item, kind)
        && (!context.ChecksTypes || typedByPass[index] || shapes[index] is { } shape && JsonTypeCheck.IsClean(item, kind, shape));

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
