using System.Buffers;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// A pattern `^[first][rest]*$` (<see cref="Entities.Patterns.ResolverOptionName"/>): one
/// character of the first class, then any number of the second, each a scan for a character outside it.
/// </summary>
internal sealed class LeadingClassPattern : PatternScan
{
    private readonly SearchValues<char> first, rest;
    private readonly SearchValues<byte> firstBytes, restBytes;

    private LeadingClassPattern(string first, string rest)
    {
        this.first = SearchValues.Create(first);
        this.rest = SearchValues.Create(rest);
        firstBytes = CompiledPattern.AsciiBytes(first);
        restBytes = CompiledPattern.AsciiBytes(rest);
    }

    /// <summary>The scan for a pattern of this shape, or null for any other.</summary>
    public static LeadingClassPattern? Of(string pattern)
    {
        if (!pattern.StartsWith('^') || !pattern.EndsWith("]*$", StringComparison.Ordinal)) return null;
        var split = pattern.IndexOf("][", StringComparison.Ordinal);
        if (split < 0) return null;
        var first = CompiledPattern.CharacterClassRun(pattern[..(split + 1)] + "+$", out _);
        var rest = CompiledPattern.CharacterClassRun("^" + pattern[(split + 1)..^2] + "+$", out _);
        return first is null || rest is null ? null : new LeadingClassPattern(first, rest);
    }

    public override bool IsMatch(ReadOnlySpan<char> value) => value.Length > 0 && first.Contains(value[0]) && !value[1..].ContainsAnyExcept(rest);

    public override bool IsMatchAscii(ReadOnlySpan<byte> value) =>
        value.Length > 0 && firstBytes.Contains(value[0]) && !value[1..].ContainsAnyExcept(restBytes);
}
