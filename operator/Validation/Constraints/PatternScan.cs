namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// A hand-written matcher with exactly the meaning of one attribute pattern as <see cref="CompiledPattern"/> compiles
/// it (a final `$` read as `\z`, '.' as any character but '\n'), for the patterns most values of a large pod meet:
/// the regex engine takes several times longer on such short values. Each has tests against the regex on both sides
/// of every edge.
/// </summary>
internal abstract class PatternScan
{
    /// <summary>The matcher for this pattern text, or null when there is none (the regex judges it).</summary>
    public static PatternScan? For(string pattern) =>
        DnsNamePattern.Of(pattern) ?? PathPattern.Of(pattern) ?? (PatternScan?)LeadingClassPattern.Of(pattern);

    public abstract bool IsMatch(ReadOnlySpan<char> value);

    /// <summary><see cref="IsMatch"/> of an ASCII value, on its bytes.</summary>
    public abstract bool IsMatchAscii(ReadOnlySpan<byte> value);
}
