using System.Numerics;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// <see cref="Patterns.AbsolutePath"/>, `^(/.*)?$` (a working directory, a probe's path): empty, or '/' and then no
/// '\n' (the regex's '.').
/// </summary>
internal sealed class AbsolutePathPattern : PatternScan
{
    private static readonly AbsolutePathPattern Instance = new();

    public static AbsolutePathPattern? Of(string pattern) => pattern == Patterns.AbsolutePath ? Instance : null;

    public override bool IsMatch(ReadOnlySpan<char> value) => Matches(value);

    public override bool IsMatchAscii(ReadOnlySpan<byte> value) => Matches(value);

    private static bool Matches<T>(ReadOnlySpan<T> value) where T : unmanaged, IBinaryInteger<T> =>
        value.IsEmpty || int.CreateTruncating(value[0]) == '/' && !value.Contains(T.CreateTruncating('\n'));
}
