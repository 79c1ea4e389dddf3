using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>The attributes' regular expressions, compiled once and shared by every rule that names the same text.</summary>
internal static class CompiledPatterns
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema's pattern (ECMA-262, as the API server reads it) as a .NET regex with the same meaning: a final
    /// `$` becomes `\z`, because .NET's `$` also matches before a trailing newline ("web\n" must not pass).
    /// Non-backtracking, so a megabyte-long value costs linear time.
    /// </summary>
    public static Regex Get(string pattern) => Cache.GetOrAdd(pattern, static text =>
    {
        var dotnet = text.EndsWith('$') && !text.EndsWith("\\$", StringComparison.Ordinal) ? text[..^1] + "\\z" : text;
        return new Regex(dotnet, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    });
}
