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

/// <summary>The IP formats of the schema (`format: ipv4` / `ipv6`), with the message for a value that is not one.</summary>
internal sealed record IpFormat(IpFormat.Test IsValid, string Meaning)
{
    public delegate bool Test(ReadOnlySpan<char> text);

    private static readonly IpFormat V4 = new(Ipv4.IsValid, "must be a valid IPv4 address, for example 10.0.0.4");
    private static readonly IpFormat V6 = new(Ipv6.IsValid, "must be a valid IPv6 address, for example 2400:da00::1");

    public static IpFormat? Of(string format) => format switch { "ipv4" => V4, "ipv6" => V6, _ => null };
}

/// <summary>An IPv6 address as Go's net.ParseIP reads it: colon-hex, '::' at most once, an IPv4 tail allowed; no zone.</summary>
internal static class Ipv6
{
    public static bool IsValid(ReadOnlySpan<char> text) =>
        text.Contains(':') && !text.Contains('%') && !text.Contains('[')
        && System.Net.IPAddress.TryParse(text, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
}
