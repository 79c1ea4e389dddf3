using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JdCloudPodOperator.JdCloud.Signing;

/// <summary>JDCLOUD2/JDCLOUD3-HMAC-SHA256 request signing (docs/jdcloud-api.md, Signing), one algorithm with the
/// version as a parameter.</summary>
public static class JdCloudSigner
{
    public const string DateHeader = "x-jdcloud-date";
    public const string NonceHeader = "x-jdcloud-nonce";
    public const string ContentSha256Header = "x-jdcloud-content-sha256";
    public const string SecurityTokenHeader = "x-jdcloud-security-token";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The <c>x-jdcloud-date</c> value for <paramref name="utcNow"/>.</summary>
    public static string FormatDate(DateTimeOffset utcNow) =>
        utcNow.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A fresh lower-case UUID v4 for <c>x-jdcloud-nonce</c>.</summary>
    public static string NewNonce() => Guid.NewGuid().ToString("D");

    /// <summary>Step 7: <c>{shortDate}/{region}/{service}/jdcloud{N}_request</c>.</summary>
    public static string Scope(string shortDate, string region, string service, JdCloudSignatureVersion version) =>
        $"{shortDate}/{region}/{service}/{version.Terminator()}";

    /// <summary>Step 8: algorithm, full date, scope and canonical-request hash, joined by <c>\n</c>.</summary>
    public static string StringToSign(JdCloudSignatureVersion version, string date, string scope, string canonicalRequestHash) =>
        string.Join('\n', version.AlgorithmName(), date, scope, canonicalRequestHash);

    /// <summary>Step 9: the HMAC chain from the secret key to the signature (lower-case hex).</summary>
    public static string ComputeSignature(
        string secretKey, string shortDate, string region, string service, JdCloudSignatureVersion version, string stringToSign)
    {
        var key = Hmac(Encoding.UTF8.GetBytes(version.KeyPrefix() + secretKey), shortDate);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, version.Terminator());
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    /// <summary>
    /// Steps 2–10 for one request whose date, nonce and other signed headers are already decided. Exactly
    /// <see cref="JdCloudSigningRequest.Headers"/> and <c>host</c> are signed: the operator signs date and nonce too,
    /// the Python SDK only <c>content-type;host</c> (its date then comes from <see cref="JdCloudSigningRequest.Date"/>).
    /// </summary>
    public static JdCloudSignature Sign(JdCloudSigningRequest request)
    {
        var headers = request.Headers.ToList();
        if (!headers.Any(h => string.Equals(h.Key, "host", StringComparison.OrdinalIgnoreCase)))
            headers.Add(new("host", JdCloudCanonicalizer.HostValue(request.Url)));
        var date = (request.Date ?? headers.SingleOrDefault(h => string.Equals(h.Key, DateHeader, StringComparison.OrdinalIgnoreCase)).Value
            ?? throw new ArgumentException($"the date is needed: sign {DateHeader} or give Date", nameof(request))).Trim();
        var canonical = JdCloudCanonicalRequest.Build(
            request.Method, request.Url.AbsolutePath, request.Url.Query, headers, request.PayloadHash);
        var shortDate = date[..8];
        var scope = Scope(shortDate, request.Region, request.Service, request.Version);
        var stringToSign = StringToSign(request.Version, date, scope, canonical.Hash);
        var signature = ComputeSignature(request.Credentials.SecretKey, shortDate, request.Region, request.Service, request.Version, stringToSign);
        var authorization = new JdCloudAuthorization(
            request.Version, request.Credentials.AccessKey, shortDate, request.Region, request.Service, canonical.SignedHeaders, signature);
        return new JdCloudSignature(canonical, stringToSign, authorization);
    }

    private static byte[] Hmac(byte[] key, string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
}

/// <summary>What <see cref="JdCloudSigner.Sign"/> needs. <see cref="Headers"/> are exactly the headers to sign besides
/// <c>host</c> (which comes from <see cref="Url"/> unless given).</summary>
public sealed class JdCloudSigningRequest
{
    public required string Method { get; init; }
    public required Uri Url { get; init; }
    public required IEnumerable<KeyValuePair<string, string>> Headers { get; init; }
    public required string PayloadHash { get; init; }

    /// <summary>The <c>x-jdcloud-date</c> value when it is sent but not signed; otherwise read from <see cref="Headers"/>.</summary>
    public string? Date { get; init; }

    public required JdCloudCredentials Credentials { get; init; }
    public required string Region { get; init; }
    public string Service { get; init; } = "pod";
    public JdCloudSignatureVersion Version { get; init; } = JdCloudSignatureVersion.V2;
}

/// <summary>Every intermediate value of one signature, for the Authorization header and for diagnosing mismatches.</summary>
public sealed record JdCloudSignature(JdCloudCanonicalRequest CanonicalRequest, string StringToSign, JdCloudAuthorization Authorization)
{
    public string Signature => Authorization.Signature;

    // The generated printer would show the Authorization value, which names the access key.
    public override string ToString() => $"JdCloudSignature {{ SignedHeaders = {CanonicalRequest.SignedHeaders}, Signature = {Signature} }}";
}
