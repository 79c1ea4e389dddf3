namespace JdCloudPodOperator.Entities.Constraints;

// Single-field rules. Each one is read twice: by the CRD generator (OpenAPI keywords) and by the validator
// (the same rule, with a Kubernetes-style message), so a limit is written exactly once.

/// <summary>The field must be present (OpenAPI `required` on the parent object).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;

/// <summary>Inclusive integer bounds (`minimum`/`maximum`); a Max of long.MaxValue means "no upper bound".</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeAttribute(long min, long max) : Attribute
{
    public long Min { get; } = min;
    public long Max { get; } = max;
}

/// <summary>String length bounds in characters (`minLength`/`maxLength`); applies to each item of a string list.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute(int min, int max) : Attribute
{
    public int Min { get; } = min;
    public int Max { get; } = max;
}

/// <summary>A regular expression the string (or each item of a string list) must match, and what it means in words.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex, string meaning) : Attribute
{
    public string Regex { get; } = regex;
    public string Meaning { get; } = meaning;
}

/// <summary>List size bounds (`minItems`/`maxItems`).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsAttribute(int min, int max) : Attribute
{
    public int Min { get; } = min;
    public int Max { get; } = max;
}

/// <summary>The integer must be a multiple of this step (`multipleOf`), e.g. disk sizes in steps of 10 GB.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultipleOfAttribute(long step) : Attribute
{
    public long Step { get; } = step;
}

/// <summary>The string (or boolean) must be one of these values (`enum`), e.g. a NIC's autoDelete only true.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params object[] values) : Attribute
{
    public IReadOnlyList<object> Values { get; } = values;
}

/// <summary>
/// The string must not start with any of these prefixes (JD Cloud reserves some for its own tags). OpenAPI has no
/// keyword for it and the API server's RE2 patterns no look-ahead, so the schema carries it as a CEL rule.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ForbiddenPrefixAttribute(params string[] prefixes) : Attribute
{
    public IReadOnlyList<string> Prefixes { get; } = prefixes;

    public string CelRule => string.Join(" && ", Prefixes.Select(p => $"!self.startsWith('{p}')"));

    public string Meaning => $"may not start with {string.Join(" or ", Prefixes)} (reserved by JD Cloud)";
}

/// <summary>
/// A well-known string format (`format`), checked by the validator too: "ipv4" in the spec, "date-time" only in
/// the status conditions' shape.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}

/// <summary>The value the API server fills in when the field is absent (`default`).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}

/// <summary>The sum of the lengths of all items of a string list is at most this (e.g. command: 256 characters).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TotalLengthAttribute(int max) : Attribute
{
    public int Max { get; } = max;
}

/// <summary>
/// A list of objects whose items may repeat <see cref="Key"/>, which the API accepts, but each repeat is warned
/// about: more likely an accident than meant. The warning ends with <see cref="Consequence"/>. No schema keyword:
/// the list stays atomic.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WarnRepeatsAttribute(string key, string consequence) : Attribute
{
    public string Key { get; } = key;
    public string Consequence { get; } = consequence;
}

/// <summary>
/// A list whose items are identified by these keys (`x-kubernetes-list-type: map`): keys are unique, and
/// server-side apply and GitOps diffs merge items by key instead of replacing the list.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}

/// <summary>A list of scalars whose items must be unique (`x-kubernetes-list-type: set`).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListSetAttribute : Attribute;
