using System.Text;

namespace JdCloudPodOperator.JdCloud.Signing;

/// <summary>
/// Percent-decoding and re-encoding at the byte level (docs/jdcloud-api.md, Signing, Algorithm, steps 2 and 3). Working
/// on bytes keeps malformed escapes and partial UTF-8 sequences intact instead of turning them into replacement
/// characters.
/// </summary>
public static class JdCloudPercentEncoding
{
    /// <summary>Decodes <c>%XX</c> escapes; other characters become their UTF-8 bytes. A <c>%</c> that does not
    /// start a valid escape is kept literally. With <paramref name="plusIsSpace"/> (form decoding) <c>+</c> is a space.</summary>
    public static byte[] Decode(string text, bool plusIsSpace)
    {
        var bytes = new List<byte>(text.Length);
        var literalStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isEscape = c == '%' && IsHex(text, i + 1) && IsHex(text, i + 2);
            var isPlus = plusIsSpace && c == '+';
            if (!isEscape && !isPlus) continue;
            bytes.AddRange(Encoding.UTF8.GetBytes(text[literalStart..i]));
            if (isPlus)
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            literalStart = i + 1;
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(text[literalStart..]));
        return bytes.ToArray();
    }

    /// <summary>Encodes every byte except <c>A-Z a-z 0-9 - _ . ~</c> (and <c>/</c> when <paramref name="keepSlash"/>)
    /// as <c>%XX</c> with upper-case hex.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == (byte)'/'))
                builder.Append((char)b);
            else
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Encodes the UTF-8 form of <paramref name="text"/> as a query name or value (slash encoded).</summary>
    public static string EncodeQueryComponent(string text) => Encode(Encoding.UTF8.GetBytes(text), keepSlash: false);

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static bool IsHex(string text, int index) => index < text.Length && Uri.IsHexDigit(text[index]);
}
