using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>The rules of one string field (or of each item of a string list): Length, Pattern, OneOf, Format, ForbiddenPrefix.</summary>
internal sealed class StringRules
{
    private LengthAttribute? length;
    private CompiledPattern? pattern;
    private string? patternMeaning;
    private string[]? supported;
    private byte[][]? supportedBytes;
    private string? supportedDetail;
    private IpFormat? format;
    private ForbiddenPrefixAttribute? forbiddenPrefix;

    // Most values of a large pod (env names and values, args) are ASCII and need no more than these rules, which
    // read an ASCII value's bytes as its characters: its length is its byte count, and the rest compare bytes.
    // Worked out once, as the rules are fixed once built.
    private bool readsBytes;

    /// <summary>No rule at all: every string passes (a string property without rules, in a plain pass).</summary>
    public static readonly StringRules None = new() { readsBytes = true };

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
            rules.supportedBytes = [.. rules.supported.Select(System.Text.Encoding.UTF8.GetBytes)];
            rules.supportedDetail = SupportedValues(rules.supported);
        }
        if (use.Take<FormatAttribute>(property) is { } format)
        {
            rules.format = IpFormat.Of(format.Format)
                ?? throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: format '{format.Format}' is not known to the validator");
        }
        rules.forbiddenPrefix = use.Take<ForbiddenPrefixAttribute>(property);
        rules.readsBytes = rules.format is null && rules.forbiddenPrefix is null && (rules.pattern is null || rules.pattern.MatchesBytes);
        return rules.length is null && rules.pattern is null && rules.supported is null && rules.format is null && rules.forbiddenPrefix is null
            ? null : rules;
    }

    /// <summary>`supported values: "a", "b"`, as Kubernetes words an enum violation.</summary>
    public static string SupportedValues(IEnumerable<string> values) =>
        "supported values: " + string.Join(", ", values.Select(v => "\"" + v + "\""));

    /// <summary>
    /// Checks the JSON string of the field the context points at, on its characters (no string is made unless a
    /// violation quotes the value).
    /// </summary>
    public void Check(TreeElement value, ValidationContext context)
    {
        if (readsBytes && ValidationContext.TryAscii(value, out var ascii))
        {
            CheckAscii(ascii, value, context);
            return;
        }
        var text = context.Text(value);
        if (length is not null) CheckLength(text, value, context);
        if (pattern is not null && !pattern.IsMatch(text)) context.Add(ViolationKind.Invalid, null, value.GetString(), patternMeaning!);
        if (supported is not null && !IsSupported(text))
        {
            context.Add(ViolationKind.NotSupported, null, value.GetString(), supportedDetail!);
        }
        if (format is not null && !format.IsValid(text)) context.Add(ViolationKind.Invalid, null, value.GetString(), format.Meaning);
        if (forbiddenPrefix is not null && HasPrefix(text, forbiddenPrefix.Prefixes))
        {
            context.Add(ViolationKind.Invalid, null, value.GetString(), forbiddenPrefix.Meaning);
        }
    }

    /// <summary>Whether <see cref="Passes"/> can ever say yes: the rules have nothing that needs a value's characters.</summary>
    public bool JudgesBytes => readsBytes;

    /// <summary>
    /// Whether <see cref="Check"/> would find nothing, judged on the value's bytes without a path or a call more:
    /// false also whenever the bytes cannot tell (then Check decides).
    /// </summary>
    public bool Passes(TreeElement value) => readsBytes && ValidationContext.TryAscii(value, out var ascii) && PassesAscii(ascii);

    /// <summary><see cref="Passes"/> of a string that is ASCII as written; only when <see cref="JudgesBytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool PassesAscii(ReadOnlySpan<byte> ascii) =>
        (length is null || ascii.Length >= length.Min && ascii.Length <= length.Max)
        && (pattern is null || pattern.IsMatchAscii(ascii))
        && (supported is null || IsSupported(ascii));

    private void CheckAscii(ReadOnlySpan<byte> ascii, TreeElement value, ValidationContext context)
    {
        if (length is not null) CheckLength(ascii.Length, value, context);
        if (pattern is not null && !pattern.IsMatchAscii(ascii)) context.Add(ViolationKind.Invalid, null, value.GetString(), patternMeaning!);
        if (supported is not null && !IsSupported(ascii)) context.Add(ViolationKind.NotSupported, null, value.GetString(), supportedDetail!);
    }

    private bool IsSupported(ReadOnlySpan<byte> ascii)
    {
        foreach (var value in supportedBytes!)
        {
            if (ascii.SequenceEqual(value)) return true;
        }
        return false;
    }

    private bool IsSupported(ReadOnlySpan<char> text)
    {
        foreach (var value in supported!)
        {
            if (text.SequenceEqual(value)) return true;
        }
        return false;
    }

    private static bool HasPrefix(ReadOnlySpan<char> text, IReadOnlyList<string> prefixes)
    {
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (text.StartsWith(prefixes[i], StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private void CheckLength(ReadOnlySpan<char> text, TreeElement value, ValidationContext context) =>
        CheckLength(Characters.Count(text, length!.Min, length.Max), value, context);

    private void CheckLength(int count, TreeElement value, ValidationContext context)
    {
        if (count > length!.Max)
        {
            context.Add(ViolationKind.TooLong, null, value.GetString(), $"may not be more than {length.Max} characters (is {count})");
        }
        else if (count < length.Min)
        {
            var detail = length.Min == 1 ? "must not be empty" : $"must be at least {length.Min} characters long";
            context.Add(ViolationKind.Invalid, null, value.GetString(), detail);
        }
    }
}
