using System.Reflection;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>The rules of one integer field: Range and MultipleOf.</summary>
internal sealed class IntegerRules(RangeAttribute? range, MultipleOfAttribute? multipleOf)
{
    private readonly string? rangeDetail = range is null ? null
        : range.Min == range.Max ? $"must be {range.Min}"
        : range.Max == long.MaxValue ? $"must be at least {range.Min}"
        : $"must be between {range.Min} and {range.Max}, inclusive";

    public static IntegerRules From(PropertyInfo property, AttributeUse use) =>
        new(use.Take<RangeAttribute>(property), use.Take<MultipleOfAttribute>(property));

    /// <summary>The property's Range, for cross-field rules that must not repeat its violation.</summary>
    public static RangeAttribute RangeOf(Type owner, string property) =>
        owner.GetProperty(property)?.GetCustomAttribute<RangeAttribute>()
        ?? throw new InvalidOperationException($"{owner.Name}.{property} has no [Range]");

    /// <summary>Whether <see cref="Check"/> finds nothing in the value.</summary>
    public bool Allows(long value) =>
        (range is null || value >= range.Min && value <= range.Max) && (multipleOf is null || value % multipleOf.Step == 0);

    public void Check(long value, string field, ValidationContext context)
    {
        if (range is not null && (value < range.Min || value > range.Max))
        {
            context.Add(ViolationKind.Invalid, field, value, rangeDetail!);
        }
        if (multipleOf is not null && value % multipleOf.Step != 0)
        {
            context.Add(ViolationKind.Invalid, field, value, $"must be a multiple of {multipleOf.Step}");
        }
    }
}
