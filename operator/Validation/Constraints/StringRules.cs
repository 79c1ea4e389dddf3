using System.Reflection;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>The rules of one string field (or of each item of a string list): Length, Pattern, OneOf, Format, ForbiddenPrefix.</summary>
internal sealed class StringRules
{
    private LengthAttribute? length;
    private CompiledPattern? pattern;
    private string? patternMeaning;
    private string[]? supported;
    private string? supportedDetail;
    private IpFormat? format;
    private ForbiddenPrefixAttribute? forbiddenPrefix;

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
            rules.supported = [.. oneOf.Values.Cast<string>()];
            rules.supportedDetail = SupportedValues(rules.supported);
        }
        if (use.Take<FormatAttribute>(property) is { } format)
        {
            rules.format = IpFormat.Of(format.Format)
                ?? throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: format '{format.Format}' is not known to the validator");
        }
        rules.forbiddenPrefix = use.Take<ForbiddenPrefixAttribute>(property);
        return rules.length is null && rules.pattern is null && rules.supported is null && rules.format is null && rules.forbiddenPrefix is null
            ? null : rules;
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
        if (format is not null && !format.IsValid(value)) context.Add(ViolationKind.Invalid, null, value, format.Meaning);
        if (forbiddenPrefix is not null && HasPrefix(value, forbiddenPrefix.Prefixes))
        {
            context.Add(ViolationKind.Invalid, null, value, forbiddenPrefix.Meaning);
        }
    }

    // A loop, not a lambda: a lambda capturing the value would allocate on every Check, even without this rule.
    private static bool HasPrefix(string value, IReadOnlyList<string> prefixes)
    {
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (value.StartsWith(prefixes[i], StringComparison.Ordinal)) return true;
        }
        return false;
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
