using System.Buffers;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// A compiled attribute pattern. `^[class]+$` and `^[class]*$` (env names, header names, tags: most values of a large
/// pod) are a scan for a character outside the class, and a few other common patterns (DNS names, mount paths) a
/// <see cref="PatternScan"/>, several times faster than the regex engine; everything else goes to the regex.
/// </summary>
internal sealed class CompiledPattern
{
    private static readonly ConcurrentDictionary<string, CompiledPattern> Cache = new(StringComparer.Ordinal);

    private readonly Regex regex;
    private readonly SearchValues<char>? allowed;
    private readonly SearchValues<byte>? allowedBytes;
    private readonly PatternScan? scan;
    // Of a class run, whether the empty value matches (`*`).
    private readonly bool emptyMatches;

    private CompiledPattern(string pattern)
    {
        var dotnet = pattern.EndsWith('$') && !pattern.EndsWith("\\$", StringComparison.Ordinal) ? pattern[..^1] + "\\z" : pattern;
        regex = new Regex(dotnet, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        var run = CharacterClassRun(pattern, out emptyMatches);
        allowed = run is null ? null : SearchValues.Create(run);
        allowedBytes = run is null ? null : AsciiBytes(run);
        scan = PatternScan.For(pattern);
    }

    /// <summary>
    /// An attribute's pattern (<see cref="Entities.Patterns"/>: ECMA-262, as the API server reads it), compiled once
    /// and shared by every rule that names the same text, as a .NET matcher with the same meaning: a final `$`
    /// becomes `\z`, because .NET's `$` also matches before a trailing newline ("web\n" must not pass).
    /// Non-backtracking, so a megabyte-long value costs linear time.
    /// </summary>
    public static CompiledPattern Of(string pattern) => Cache.GetOrAdd(pattern, static text => new CompiledPattern(text));

    public bool IsMatch(ReadOnlySpan<char> value) =>
        scan is not null ? scan.IsMatch(value)
        : allowed is null ? regex.IsMatch(value) : (value.Length > 0 || emptyMatches) && !value.ContainsAnyExcept(allowed);

    /// <summary>Whether an ASCII value can be judged on its bytes (a character-class run, whose characters are ASCII, or a scan).</summary>
    public bool MatchesBytes => allowedBytes is not null || scan is not null;

    /// <summary><see cref="IsMatch"/> of an ASCII value, on its bytes; only when <see cref="MatchesBytes"/>.</summary>
    public bool IsMatchAscii(ReadOnlySpan<byte> value) =>
        scan is not null ? scan.IsMatchAscii(value) : (value.Length > 0 || emptyMatches) && !value.ContainsAnyExcept(allowedBytes!);

    /// <summary>
    /// The characters of a pattern that is exactly `^[...]+$` or `^[...]*$` (<paramref name="emptyMatches"/>) over
    /// literals and ranges of printable characters, ASCII or not (a Chinese range: written as the characters
    /// themselves, no escapes, no negation), or null for any other pattern.
    /// </summary>
    internal static string? CharacterClassRun(string pattern, out bool emptyMatches)
    {
        emptyMatches = pattern.EndsWith("]*$", StringComparison.Ordinal);
        if (!pattern.StartsWith("^[", StringComparison.Ordinal) || !(emptyMatches || pattern.EndsWith("]+$", StringComparison.Ordinal))) return null;
        var body = pattern.AsSpan(2, pattern.Length - 5);
        if (body.IsEmpty || body[0] == '^' || body.ContainsAny("\\[]") || !IsPrintable(body)) return null;
        var chars = new List<char>();
        for (var i = 0; i < body.Length; i++)
        {
            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                if (body[i + 2] < body[i]) return null;
                for (var c = body[i]; c <= body[i + 2]; c++) chars.Add(c);
                i += 2;
            }
            else chars.Add(body[i]);
        }
        return new string([.. chars]);
    }

    /// <summary>A class's ASCII characters as bytes: all of it an ASCII value (judged on its bytes) can match.</summary>
    internal static SearchValues<byte> AsciiBytes(string run) => SearchValues.Create([.. run.Where(char.IsAscii).Select(c => (byte)c)]);

    // No control characters, no surrogates (a range of them would not be characters): every class character is one
    // UTF-16 unit that stands for itself.
    private static bool IsPrintable(ReadOnlySpan<char> body)
    {
        foreach (var c in body)
        {
            if (char.IsControl(c) || char.IsSurrogate(c)) return false;
        }
        return true;
    }
}
