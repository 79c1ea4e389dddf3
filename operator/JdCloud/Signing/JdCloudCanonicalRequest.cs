using System.Security.Cryptography;
using System.Text;

namespace JdCloudPodOperator.JdCloud.Signing;

/// <summary>The canonical request (docs/jdcloud-api.md, Signing, Algorithm, step 6), and the SignedHeaders value that
/// goes with it.</summary>
public sealed record JdCloudCanonicalRequest(string Text, string SignedHeaders)
{
    /// <summary>Lower-case hex SHA-256 of the empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Builds the canonical request. <paramref name="signedHeaders"/> are exactly the headers to sign,
    /// <c>host</c> included; <paramref name="rawPath"/> and <paramref name="rawQuery"/> may be raw or encoded.</summary>
    public static JdCloudCanonicalRequest Build(
        string method, string? rawPath, string? rawQuery,
        IEnumerable<KeyValuePair<string, string>> signedHeaders, string payloadHash)
    {
        var (block, names) = JdCloudCanonicalizer.CanonicalHeaders(signedHeaders);
        var text = string.Join('\n',
            method.ToUpperInvariant(),
            JdCloudCanonicalizer.CanonicalUri(rawPath),
            JdCloudCanonicalizer.CanonicalQuery(rawQuery),
            block,
            names,
            payloadHash);
        return new JdCloudCanonicalRequest(text, names);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 canonical request: the last line of the string to sign.</summary>
    public string Hash => Sha256Hex(Encoding.UTF8.GetBytes(Text));

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/> (the payload hash).</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public override string ToString() => Text;
}
