using System.Reflection;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>The rules of one string field (or of each item of a string list): Length, Pattern, OneOf, Format.</summary>
internal sealed class StringRules
{
    private LengthAttribute? length;
    private CompiledPattern? pattern;
    private string? patternMeaning;
    private string[]? supported;
    private string? supportedDetail;
    private bool ipv4;

    /// <summary>The string rules the property carries, or null when it has none.</summary>
    public static StringRules? From(PropertyInfo property, AttributeUse use)
    {
        var rules = new StringRules
        {
            length = use.Take<LengthAttribute>(property),
        };
        if (use.Take<PatternAttribute>(property) is { } pattern)
        {
            rules.pattern = CompiledPattern.Of(pattern.Regex);
            rules.patternMeaning = pattern.Meaning;
        }
        if (use.Take<OneOfAttribute>(property) is { } oneOf)
        {
            rules.supported = [.. oneOf.Values];
            rules.supportedDetail = SupportedValues(oneOf.Values);
        }
        if (use.Take<FormatAttribute>(property) is { } format)
        {
            rules.ipv4 = format.Format == "ipv4"
                ? true
                : throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: format '{format.Format}' is not known to the validator");
        }
        return rules.length is null && rules.pattern is null && rules.supported is null && !rules.ipv4 ? null : rules;
    }

    /// <summary>`supported values: "a", "b"`, as Kubernetes words an enum violation.</summary>
    public static string SupportedValues(IEnumerable<string> values) =>
        "supported values: " + string.Join(", ", values.Select(v => "\"" + v + "\""));

    /// <summary>Checks the value of the field the context points at.</summary>
    public void Check(string value, ValidationContext context)
    {
        if (length is not null) CheckLength(value, context);
        if (pattern is not null && !pattern.IsMatch(value)) context.Add(ViolationKind.Invalid, null, value, patternMeaning!);
        if (supported is not null && Array.IndexOf(supported, value) < 0)
        {
            context.Add(ViolationKind.NotSupported, null, value, supportedDetail!);
        }
        if (ipv4 && !Ipv4.IsValid(value)) context.Add(ViolationKind.Invalid, null, value, "must be a valid IPv4 address, for example 10.0.0.4");
    }

    private void CheckLength(string value, ValidationContext context)
    {
        var count = Characters.Count(value, length!.Min, length.Max);
        if (count > length.Max)
        {
            context.Add(ViolationKind.TooLong, null, value, $"may not be more than {length.Max} characters (is {count})");
        }
        else if (count < length.Min)
        {
            var detail = length.Min == 1 ? "must not be empty" : $"must be at least {length.Min} characters long";
            context.Add(ViolationKind.Invalid, null, value, detail);
        }
    }
}
