using JdCloudPodOperator.Entities.Constraints;
namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>The compiled rules of one property of <typeparamref name="TOwner"/>, named by its JSON name.</summary>
internal abstract class PropertyCheck<TOwner>(string name, bool required)
{
    public string Name { get; } = name;

    protected bool Required { get; } = required;

    /// <summary>Checks the property; the context points at the owner.</summary>
    public abstract void Check(TOwner owner, ValidationContext context);

    protected void Missing(ValidationContext context)
    {
        if (Required) context.Add(ViolationKind.Required, Name, null, "");
    }
}

/// <summary>
/// A property holding a reference (string, list, object): absent is a Required violation when required; present,
/// its rules run with the path pointing at the property.
/// </summary>
internal abstract class ReferenceCheck<TOwner, TValue>(string name, bool required, Func<TOwner, TValue?> get)
    : PropertyCheck<TOwner>(name, required) where TValue : class
{
    public sealed override void Check(TOwner owner, ValidationContext context)
    {
        var value = get(owner);
        if (value is null)
        {
            Missing(context);
            return;
        }
        if (!HasRules) return;
        context.Push(Name);
        CheckValue(value, context);
        context.Pop();
    }

    protected virtual bool HasRules => true;

    /// <summary>Checks the present value; the context points at the property.</summary>
    protected abstract void CheckValue(TValue value, ValidationContext context);
}

/// <summary>A property whose only rule is Required (booleans), or that has no rule at all.</summary>
internal sealed class PresenceCheck<TOwner, TValue>(string name, bool required, Func<TOwner, TValue> get)
    : PropertyCheck<TOwner>(name, required)
{
    public override void Check(TOwner owner, ValidationContext context)
    {
        if (get(owner) is null) Missing(context);
    }
}

internal sealed class StringCheck<TOwner>(string name, bool required, Func<TOwner, string?> get, StringRules? rules)
    : ReferenceCheck<TOwner, string>(name, required, get)
{
    protected override bool HasRules => rules is not null;

    protected override void CheckValue(string value, ValidationContext context) => rules!.Check(value, context);
}

internal sealed class IntegerCheck<TOwner>(string name, bool required, Func<TOwner, long?> get, IntegerRules rules)
    : PropertyCheck<TOwner>(name, required)
{
    public override void Check(TOwner owner, ValidationContext context)
    {
        if (get(owner) is { } value) rules.Check(value, Name, context);
        else Missing(context);
    }
}

/// <summary>
/// An integer or a percentage (a Deployment's maxSurge): an integer value meets the Range, any other string the
/// Pattern. The Kubernetes type reads a JSON 1 and "1" alike, so both count as the integer.
/// </summary>
internal sealed class IntOrStringCheck<TOwner>(
    string name, bool required, Func<TOwner, k8s.Models.IntOrString?> get, IntegerRules integerRules, StringRules? stringRules)
    : PropertyCheck<TOwner>(name, required)
{
    public override void Check(TOwner owner, ValidationContext context)
    {
        if (get(owner)?.Value is not { } value)
        {
            Missing(context);
            return;
        }
        if (long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
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
internal sealed class BooleanCheck<TOwner>(string name, bool required, Func<TOwner, bool?> get, bool[] supported)
    : PropertyCheck<TOwner>(name, required)
{
    private readonly string detail = "supported values: " + string.Join(", ", supported.Select(v => v ? "true" : "false"));

    public override void Check(TOwner owner, ValidationContext context)
    {
        if (get(owner) is not { } value) Missing(context);
        else if (Array.IndexOf(supported, value) < 0) context.Add(ViolationKind.NotSupported, Name, value, detail);
    }
}
