using System.Text;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation;

/// <summary>One broken rule: where (the field path), what kind, the offending value, and the rule in words.</summary>
public sealed record FieldViolation(string Field, ViolationKind Kind, object? Value, string Detail)
{
    /// <summary>The Kubernetes reason string used in Status details.causes[].reason.</summary>
    public string Reason => Kind switch
    {
        ViolationKind.Required => "FieldValueRequired",
        ViolationKind.Invalid => "FieldValueInvalid",
        ViolationKind.NotSupported => "FieldValueNotSupported",
        ViolationKind.Duplicate => "FieldValueDuplicate",
        ViolationKind.TooLong => "FieldValueTooLong",
        ViolationKind.TooMany => "FieldValueTooMany",
        ViolationKind.NotFound => "FieldValueNotFound",
        _ => "FieldValueForbidden",
    };

    /// <summary>
    /// `spec.podSpec.containers[1].name: Invalid value: "Web_1": must be a DNS-1123 label (...)`, as kubectl prints it.
    /// </summary>
    public override string ToString() => Kind switch
    {
        ViolationKind.Required => Detail.Length == 0 ? $"{Field}: Required value" : $"{Field}: Required value: {Detail}",
        ViolationKind.NotFound => $"{Field}: Not found: {Render(Value)}: {Detail}",
        ViolationKind.Duplicate => $"{Field}: Duplicate value: {Render(Value)}",
        ViolationKind.Forbidden => $"{Field}: Forbidden: {Detail}",
        ViolationKind.TooMany => $"{Field}: Too many: {Render(Value)}: {Detail}",
        ViolationKind.TooLong => $"{Field}: Too long: {Detail}",
        ViolationKind.NotSupported => $"{Field}: Unsupported value: {Render(Value)}: {Detail}",
        _ => $"{Field}: Invalid value: {Render(Value)}: {Detail}",
    };

    private static string Render(object? value) => value switch
    {
        null => "null",
        string s => Quoted(Truncate(s)),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    // Quoted like Go's %q: escapes quotes, backslashes, control characters and lone surrogates, keeps letters of any
    // script readable ("名字", "𠀀"; the JSON encoders escape every character past the BMP).
    private static string Quoted(string s)
    {
        var text = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) text.Append(c).Append(s[++i]);
            else if (c is '"' or '\\') text.Append('\\').Append(c);
            else if (c == '\n') text.Append("\\n");
            else if (c == '\t') text.Append("\\t");
            else if (c == '\r') text.Append("\\r");
            else if (char.IsControl(c) || char.IsSurrogate(c)) text.Append($"\\u{(int)c:x4}");
            else text.Append(c);
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// At most <paramref name="max"/> characters (80: a user's value quoted in a message) and "...": huge values
    /// (a 100 KB string in a fuzzed request) must not turn into huge messages. A cut never splits a surrogate pair (an
    /// emoji is one character of the value, and half of one is no text).
    /// </summary>
    internal static string Truncate(string s, int max = 80) =>
        s.Length <= max ? s : s[..(char.IsHighSurrogate(s[max - 1]) ? max - 1 : max)] + "...";
}
