using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace JdCloudPodOperator.JdCloud.Signing;

/// <summary>
/// Checks a received request the way the gateway does (docs/jdcloud-api.md, Signing, Verifying a signature): parse
/// Authorization, rebuild the canonical request from exactly the headers listed in SignedHeaders, recompute, compare in
/// constant time. Used by the JD Cloud simulator and by the client's own tests.
/// </summary>
public static partial class JdCloudSignatureVerifier
{
    public static JdCloudVerificationResult Verify(JdCloudVerificationRequest request, Func<string, string?> secretKeyForAccessKey)
    {
        if (!JdCloudAuthorization.TryParse(Single(request, "authorization"), out var auth, out var error))
            return JdCloudVerificationResult.Fail(error!);
        var failure = CheckScope(request, auth!) ?? CheckSignedHeaders(request, auth!);
        if (failure is not null) return JdCloudVerificationResult.Fail(failure, auth);
        var secretKey = secretKeyForAccessKey(auth!.AccessKey);
        if (secretKey is null) return JdCloudVerificationResult.Fail("unknown access key", auth);

        var canonical = JdCloudCanonicalRequest.Build(request.Method, request.RawPath, request.RawQuery, SignedHeaderValues(request, auth), PayloadHash(request));
        var stringToSign = JdCloudSigner.StringToSign(auth.Version, Single(request, JdCloudSigner.DateHeader)!, auth.Scope, canonical.Hash);
        var expected = JdCloudSigner.ComputeSignature(secretKey, auth.ShortDate, auth.Region, auth.Service, auth.Version, stringToSign);
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature));
        return matches
            ? new JdCloudVerificationResult(true, null, auth, canonical)
            : new JdCloudVerificationResult(false, "signature mismatch", auth, canonical);
    }

    private static string? CheckScope(JdCloudVerificationRequest request, JdCloudAuthorization auth)
    {
        var date = Single(request, JdCloudSigner.DateHeader);
        if (string.IsNullOrEmpty(date) || date.Length < 8) return "missing x-jdcloud-date";
        if (auth.ShortDate != date[..8]) return "credential date does not match x-jdcloud-date";
        if (request.ExpectedRegion is not null && auth.Region != request.ExpectedRegion) return "credential region does not match the request";
        if (auth.Service != request.ExpectedService) return "credential service does not match";
        return null;
    }

    private static string? CheckSignedHeaders(JdCloudVerificationRequest request, JdCloudAuthorization auth)
    {
        var names = auth.SignedHeaderNames;
        if (!names.Contains("host")) return "host is not signed";
        if (names.Contains("authorization") || names.Contains("user-agent")) return "authorization and user-agent must not be signed";
        if (request.RequireDateAndNonceSigned && !(names.Contains(JdCloudSigner.DateHeader) && names.Contains(JdCloudSigner.NonceHeader)))
            return "x-jdcloud-date and x-jdcloud-nonce must be signed";
        var missing = names.FirstOrDefault(n => request.Headers(n) is null);
        return missing is null ? null : $"signed header {missing} is missing";
    }

    private static IEnumerable<KeyValuePair<string, string>> SignedHeaderValues(JdCloudVerificationRequest request, JdCloudAuthorization auth) =>
        auth.SignedHeaderNames.SelectMany(name => request.Headers(name)!.Select(value => new KeyValuePair<string, string>(name, SignedValue(value, auth.Version))));

    /// <summary>A header value as the version's SDKs sign it: V2 SDKs collapse runs of whitespace to one space, V3 SDKs
    /// keep them (docs/jdcloud-api.md, Signing, Algorithm, step 4); both trim, which the canonicaliser does.</summary>
    private static string SignedValue(string value, JdCloudSignatureVersion version) =>
        version == JdCloudSignatureVersion.V2 ? WhitespaceRun().Replace(value, " ") : value;

    private static string PayloadHash(JdCloudVerificationRequest request) =>
        Single(request, JdCloudSigner.ContentSha256Header) is { Length: > 0 } declared
            ? declared.Trim()
            : JdCloudCanonicalRequest.Sha256Hex(request.Body.Span);

    private static string? Single(JdCloudVerificationRequest request, string name) =>
        request.Headers(name) is { } values ? string.Join(',', values) : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}

/// <summary>A received request. <see cref="RawPath"/> and <see cref="RawQuery"/> must be the request target as it
/// arrived (in ASP.NET Core: <c>IHttpRequestFeature.RawTarget</c>, not the decoded <c>Request.Path</c>).
/// <see cref="Headers"/> returns every value of a header (name case-insensitive), or null when it is absent.</summary>
public sealed class JdCloudVerificationRequest
{
    public required string Method { get; init; }
    public required string RawPath { get; init; }
    public string? RawQuery { get; init; }
    public required Func<string, IReadOnlyList<string>?> Headers { get; init; }
    public ReadOnlyMemory<byte> Body { get; init; }
    public string ExpectedService { get; init; } = "pod";

    /// <summary>The path's regionId (or <c>jdcloud-api</c>); null skips the region check.</summary>
    public string? ExpectedRegion { get; init; }

    /// <summary>Strict mode: insist that date and nonce are signed (the real gateway does not).</summary>
    public bool RequireDateAndNonceSigned { get; init; }
}

/// <summary>The outcome; <see cref="Failure"/> says why a request was rejected. Safe to log (no secret key).</summary>
public sealed record JdCloudVerificationResult(
    bool IsValid, string? Failure, JdCloudAuthorization? Authorization, JdCloudCanonicalRequest? CanonicalRequest = null)
{
    internal static JdCloudVerificationResult Fail(string failure, JdCloudAuthorization? auth = null) => new(false, failure, auth);

    // Safe to log: the generated printer would show the Authorization value, which names the access key.
    public override string ToString() => IsValid ? "signature valid" : $"signature rejected: {Failure}";
}
