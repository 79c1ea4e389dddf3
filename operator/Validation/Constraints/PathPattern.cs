using System.Numerics;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// The path patterns as scans, '.' read as the regex reads it (any character but '\n'):
/// - <see cref="Patterns.MountPath"/>, `^/.*[^/].*$`: '/' and then A c B, where A and B hold no '\n' and c is any
///   character but '/' ('\n' too). So the rest after the first '/' matches when it holds exactly one '\n' (which is
///   then c), or none and some character other than '/'.
/// - <see cref="Patterns.AbsolutePath"/>, `^(/.*)?$` (a working directory, a probe's path): empty, or '/' and then no
///   '\n'.
/// </summary>
internal sealed class PathPattern(bool mount) : PatternScan
{
    private static readonly PathPattern Mount = new(mount: true);
    private static readonly PathPattern Absolute = new(mount: false);

    /// <summary>The scan with the pattern's meaning, or null for any other pattern (matched by text, not parsed).</summary>
    public static PathPattern? Of(string pattern) => pattern switch
    {
        Patterns.MountPath => Mount,
        Patterns.AbsolutePath => Absolute,
        _ => null,
    };

    public override bool IsMatch(ReadOnlySpan<char> value) => mount ? IsMountPath(value) : IsAbsolutePath(value);

    public override bool IsMatchAscii(ReadOnlySpan<byte> value) => mount ? IsMountPath(value) : IsAbsolutePath(value);

    private static bool IsMountPath<T>(ReadOnlySpan<T> value) where T : unmanaged, IBinaryInteger<T>
    {
        if (value.IsEmpty || int.CreateTruncating(value[0]) != '/') return false;
        var rest = value[1..];
        var newlines = rest.Count(T.CreateTruncating('\n'));
        return newlines == 1 || (newlines == 0 && rest.IndexOfAnyExcept(T.CreateTruncating('/')) >= 0);
    }

    private static bool IsAbsolutePath<T>(ReadOnlySpan<T> value) where T : unmanaged, IBinaryInteger<T> =>
        value.IsEmpty || int.CreateTruncating(value[0]) == '/' && !value.Contains(T.CreateTruncating('\n'));
}
