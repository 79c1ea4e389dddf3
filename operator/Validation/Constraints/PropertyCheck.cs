using System.Globalization;
using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// The compiled rules of one property of an entity type, named by its JSON name, run on the JSON object that holds
/// it. Absent and JSON null are the same (as the entity reader has it); a value of another JSON type than the
/// property's was already refused by <see cref="JsonTypeCheck"/> and is passed over here.
/// </summary>
internal abstract class PropertyCheck(string name, bool required)
{
    public string Name { get; } = name;

    public bool Required { get; } = required;

    /// <summary>
    /// Checks the property's value of JSON kind <paramref name="kind"/> (Undefined when absent), which the caller
    /// read once and passes along; the context points at the owner.
    /// </summary>
    public void Check(TreeElement value, JsonValueKind kind, ValidationContext context)
    {
        if (kind is not (JsonValueKind.Undefined or JsonValueKind.Null)) CheckValue(value, kind, context);
        else if (Required) context.Add(ViolationKind.Required, Name, null, "");
    }

    /// <summary>Checks the present value; the context points at the owner.</summary>
    protected abstract void CheckValue(TreeElement value, JsonValueKind kind, ValidationContext context);

    /// <summary>
    /// Whether the property holds a plain value (a string, number or boolean, or a map the type check judges whole):
    /// one <see cref="Passes"/> can then stand for its whole check.
    /// </summary>
    public virtual bool IsPlain => false;

    /// <summary>
    /// Whether checking this present, non-null value finds nothing, told without a path (a plain value, a list of
    /// strings); false when unsure (the check then decides, and words what it finds).
    /// </summary>
    public virtual bool Passes(TreeElement value, JsonValueKind kind) => false;

    /// <summary>
    /// Whether this check walks below a value of this shape as the type check does, judging each value it meets
    /// (<see cref="ValidationContext.ChecksTypes"/>); if not, the type check is asked about the whole value.
    /// </summary>
    public virtual bool WalksAs(JsonTypeCheck.Shape shape) => false;
}

/// <summary>
/// A property holding a string, list or object: its rules run with the path pointing at the property.
/// </summary>
internal abstract class NestedCheck(string name, bool required, JsonValueKind kind) : PropertyCheck(name, required)
{
    protected sealed override void CheckValue(TreeElement value, JsonValueKind actual, ValidationContext context)
    {
        if (actual != kind || !HasRules || Passes(value, actual)) return;
        context.Push(Name);
        CheckNested(value, context);
        context.Pop();
    }

    protected virtual bool HasRules => true;

    /// <summary>Checks the present value; the context points at the property.</summary>
    protected abstract void CheckNested(TreeElement value, ValidationContext context);
}

/// <summary>A property whose only rule is Required (booleans, maps), or that has no rule at all.</summary>
internal sealed class PresenceCheck(string name, bool required) : PropertyCheck(name, required)
{
    protected override void CheckValue(TreeElement value, JsonValueKind kind, ValidationContext context) { }

    public override bool IsPlain => true;

    public override bool Passes(TreeElement value, JsonValueKind kind) => true;
}

internal sealed class StringCheck(string name, bool required, StringRules? rules) : NestedCheck(name, required, JsonValueKind.String)
{
    protected override bool HasRules => rules is not null;

    // Rules that need a value's characters (a format, forbidden prefixes) never pass on bytes: the walk judges them.
    public override bool IsPlain => rules is null || rules.JudgesBytes;

    public override bool Passes(TreeElement value, JsonValueKind kind) => kind == JsonValueKind.String && (rules is null || rules.Passes(value));

    /// <summary>The rules an ASCII string is judged by on its bytes alone (<see cref="StringRules.None"/> without rules), or null.</summary>
    public StringRules? AsciiRules => rules is null ? StringRules.None : rules.JudgesBytes ? rules : null;

    protected override void CheckNested(TreeElement value, ValidationContext context) => rules!.Check(value, context);
}

internal sealed class IntegerCheck(string name, bool required, IntegerRules rules) : PropertyCheck(name, required)
{
    protected override void CheckValue(TreeElement value, JsonValueKind kind, ValidationContext context)
    {
        if (kind == JsonValueKind.Number && value.TryGetInt64(out var number)) rules.Check(number, Name, context);
    }

    public override bool IsPlain => true;

    public override bool Passes(TreeElement value, JsonValueKind kind) =>
        kind == JsonValueKind.Number && value.TryGetInt64(out var number) && rules.Allows(number);
}

/// <summary>
/// An integer or a percentage (a Deployment's maxSurge): an integer value meets the Range, any other string the
/// Pattern. The Kubernetes type reads a JSON 1 and "1" alike, so both count as the integer.
/// </summary>
internal sealed class IntOrStringCheck(string name, bool required, IntegerRules integerRules, StringRules? stringRules)
    : PropertyCheck(name, required)
{
    protected override void CheckValue(TreeElement value, JsonValueKind kind, ValidationContext context)
    {
        if (kind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out var whole)) integerRules.Check(whole, Name, context);
            return;
        }
        if (kind != JsonValueKind.String) return;
        if (long.TryParse(context.Text(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            integerRules.Check(number, Name, context);
            return;
        }
        if (stringRules is null) return;
        context.Push(Name);
        stringRules.Check(value, context);
        context.Pop();
    }
}

/// <summary>A boolean that only some values suit (a NIC's autoDelete: only true).</summary>
internal sealed class BooleanCheck(string name, bool required, bool[] supported) : PropertyCheck(name, required)
{
    private readonly string detail = "supported values: " + string.Join(", ", supported.Select(v => v ? "true" : "false"));

    protected override void CheckValue(TreeElement value, JsonValueKind kind, ValidationContext context)
    {
        if (kind is not (JsonValueKind.True or JsonValueKind.False)) return;
        var flag = kind == JsonValueKind.True;
        if (Array.IndexOf(supported, flag) < 0) context.Add(ViolationKind.NotSupported, Name, flag, detail);
    }

    public override bool IsPlain => true;

    public override bool Passes(TreeElement value, JsonValueKind kind) =>
        kind is JsonValueKind.True or JsonValueKind.False && Array.IndexOf(supported, kind == JsonValueKind.True) >= 0;
}
