using System.Numerics;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// <see cref="Patterns.MountPath"/>, `^/.*[^/].*$`: '/' and then A c B, where A and B hold no '\n' (the regex's '.')
/// and c is any character but '/' ('\n' too). So the rest after the first '/' matches when it holds exactly one
/// '\n' (which is then c), or none and some character other than '/'.
/// </summary>
internal sealed class MountPathPattern : PatternScan
{
    private static readonly MountPathPattern Instance = new();

    public static MountPathPattern? Of(string pattern) => pattern == Patterns.MountPath ? Instance : null;

    public override bool IsMatch(ReadOnlySpan<char> value) => Matches(value);

    public override bool IsMatchAscii(ReadOnlySpan<byte> value) => Matches(value);

    private static bool Matches<T>(ReadOnlySpan<T> value) where T : unmanaged, IBinaryInteger<T>
    {
        if (value.IsEmpty || int.CreateTruncating(value[0]) != '/') return false;
        var rest = value[1..];
        var newlines = rest.Count(T.CreateTruncating('\n'));
        return newlines == 1 || (newlines == 0 && rest.IndexOfAnyExcept(T.CreateTruncating('/')) >= 0);
    }
}
