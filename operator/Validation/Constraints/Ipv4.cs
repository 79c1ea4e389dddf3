namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>Dotted-quad IPv4 as Go's net.ParseIP reads it: four decimal parts 0-255, no leading zeros.</summary>
internal static class Ipv4
{
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        var parts = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '.') continue;
            if (++parts > 4 || !IsOctet(text[start..i])) return false;
            start = i + 1;
        }
        return parts == 4;
    }

    private static bool IsOctet(ReadOnlySpan<char> part)
    {
        if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')) return false;
        var value = 0;
        foreach (var c in part)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return value <= 255;
    }
}
