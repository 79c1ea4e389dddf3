using System.Numerics;
using System.Runtime.CompilerServices;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// The DNS-shaped patterns (<see cref="Patterns.Dns1123Label"/>, <see cref="Patterns.Dns1123Subdomain"/>,
/// <see cref="Patterns.Hostname"/>, <see cref="Patterns.RegionId"/>: names of containers, volumes, mounts, host
/// aliases, the region) as one scan: labels of
/// letters, digits and '-', neither starting nor ending with '-', of at most <c>maxLabel</c> characters, joined by
/// '.' where <c>dotted</c>. Each regex says exactly this, and a large pod has hundreds of such names, which the
/// regex engine takes several times longer to judge. Any other character (non-ASCII, '\n') fails, as in the regex.
/// </summary>
internal sealed class DnsNamePattern(bool upperCase, int maxLabel, bool dotted) : PatternScan
{
    private static readonly DnsNamePattern Label = new(upperCase: false, maxLabel: 63, dotted: false);
    private static readonly DnsNamePattern Subdomain = new(upperCase: false, maxLabel: int.MaxValue, dotted: true);
    private static readonly DnsNamePattern Hostname = new(upperCase: true, maxLabel: 63, dotted: true);
    private static readonly DnsNamePattern RegionId = new(upperCase: false, maxLabel: int.MaxValue, dotted: false);

    /// <summary>The scan with the pattern's meaning, or null for any other pattern (matched by text, not parsed).</summary>
    public static DnsNamePattern? Of(string pattern) => pattern switch
    {
        Patterns.Dns1123Label => Label,
        Patterns.Dns1123Subdomain => Subdomain,
        Patterns.Hostname => Hostname,
        Patterns.RegionId => RegionId,
        _ => null,
    };

    public override bool IsMatch(ReadOnlySpan<char> value) => Matches(value);

    public override bool IsMatchAscii(ReadOnlySpan<byte> value) => Matches(value);

    private bool Matches<T>(ReadOnlySpan<T> value) where T : unmanaged, IBinaryInteger<T>
    {
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? int.CreateTruncating(value[i]) : '.';
            if (c != '.' || (!dotted && i < value.Length))
            {
                if (!IsLabelCharacter(c)) return false;
                continue;
            }
            var length = i - start;
            if (length == 0 || length > maxLabel || int.CreateTruncating(value[start]) == '-' || int.CreateTruncating(value[i - 1]) == '-') return false;
            start = i + 1;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsLabelCharacter(int c) =>
        c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' || (upperCase && c is >= 'A' and <= 'Z');
}
