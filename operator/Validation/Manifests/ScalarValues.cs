using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace JdCloudPodOperator.Validation.Manifests;

/// <summary>
/// A YAML scalar as JSON, resolved as go-yaml v2 (kubectl's YAML reader) does: only plain scalars are typed;
/// quoted ones and `!!str` stay strings.
/// </summary>
internal static partial class ScalarValues
{
    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];
    private static readonly HashSet<string> Trues = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> Falses = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    public static JsonNode? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        if (!scalar.Tag.IsEmpty) return Tagged(scalar.Tag.Value, text, scalar);
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        if (Nulls.Contains(text)) return null;
        if (Trues.Contains(text)) return JsonValue.Create(true);
        if (Falses.Contains(text)) return JsonValue.Create(false);
        if (NotFinite.Contains(text)) throw new YamlException(scalar.Start, scalar.End, $"{text} is no number JSON can hold (kubectl refuses it too)");
        return Number(text) ?? JsonValue.Create(text);
    }

    // go-yaml reads these plain scalars as infinity and NaN, which kubectl then cannot write as JSON.
    private static readonly HashSet<string> NotFinite =
        [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"];

    private static JsonNode? Tagged(string tag, string text, Scalar scalar) => tag switch
    {
        "tag:yaml.org,2002:null" => null,
        "tag:yaml.org,2002:bool" => Trues.Contains(text) ? JsonValue.Create(true)
            : Falses.Contains(text) ? JsonValue.Create(false) : throw Wrong(scalar, "bool"),
        "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" => Number(text) ?? throw Wrong(scalar, "number"),
        _ => JsonValue.Create(text), // !!str, '!', and application tags
    };

    private static YamlException Wrong(Scalar scalar, string type) =>
        new(scalar.Start, scalar.End, $"\"{FieldViolation.Truncate(scalar.Value)}\" is not a valid {type}");

    /// <summary>Go's ParseInt(s, 0, 64) after removing '_' (0x, 0o, 0b and leading-0 octal), then YAML floats.</summary>
    private static JsonNode? Number(string text)
    {
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (Integer(plain) is { } integer) return JsonValue.Create(integer);
        // Past double's range (1e400) Go's ParseFloat fails, and go-yaml keeps the scalar as a string: kubectl sends
        // "1e400", which the API server refuses where a number belongs. .NET would read it as infinity, which no JSON
        // writer accepts.
        if (FloatSyntax().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }
        return null;
    }

    private static long? Integer(string text)
    {
        var span = text.AsSpan();
        var negative = span.StartsWith("-");
        if (negative || span.StartsWith("+")) span = span[1..];
        if (span.IsEmpty) return null;
        var (skip, radix) = span switch
        {
            ['0', 'x' or 'X', ..] => (2, 16),
            ['0', 'o' or 'O', ..] => (2, 8),
            ['0', 'b' or 'B', ..] => (2, 2),
            ['0', _, ..] => (1, 8),
            _ => (0, 10),
        };
        var digits = span[skip..];
        if (digits.IsEmpty) return null;
        ulong value = 0;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix) return null;
            value = value * (ulong)radix + (ulong)digit;
            if (value > (ulong)long.MaxValue + 1) return null;
        }
        if (!negative && value > long.MaxValue) return null;
        return negative ? (long)(0 - value) : (long)value;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatSyntax();
}
