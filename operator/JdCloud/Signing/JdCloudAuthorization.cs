namespace JdCloudPodOperator.JdCloud.Signing;

/// <summary>
/// The Authorization header (docs/jdcloud-api.md, Signing, Algorithm, step 10): <c>JDCLOUD{N}-HMAC-SHA256
/// Credential={AK}/{scope}, SignedHeaders={names}, Signature={hex}</c>. It carries the access key, so never log it.
/// </summary>
public sealed record JdCloudAuthorization(
    JdCloudSignatureVersion Version, string AccessKey, string ShortDate, string Region, string Service,
    string SignedHeaders, string Signature)
{
    /// <summary>The credential scope: <c>{shortDate}/{region}/{service}/jdcloud{N}_request</c>.</summary>
    public string Scope => JdCloudSigner.Scope(ShortDate, Region, Service, Version);

    /// <summary>The signed header names, lower case, in the order given.</summary>
    public IReadOnlyList<string> SignedHeaderNames => SignedHeaders.Split(';');

    /// <summary>The header value, separators exactly <c>", "</c>.</summary>
    public override string ToString() =>
        $"{Version.AlgorithmName()} Credential={AccessKey}/{Scope}, SignedHeaders={SignedHeaders}, Signature={Signature}";

    /// <summary>Parses a header value the way the gateway does (docs/jdcloud-api.md, Signing, Verifying a signature);
    /// the error says what is wrong with it.</summary>
    public static bool TryParse(string? header, out JdCloudAuthorization? authorization, out string? error)
    {
        authorization = null;
        error = Parse(header, ref authorization);
        return error is null;
    }

    private static string? Parse(string? header, ref JdCloudAuthorization? authorization)
    {
        if (string.IsNullOrWhiteSpace(header)) return "lack of header authorization";
        var space = header.IndexOf(' ');
        if (space < 0 || !JdCloudSignatureVersionExtensions.TryParseAlgorithm(header[..space], out var version))
            return "unsupported signature algorithm";
        var parts = header[(space + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential)
            || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
            return "authorization lacks Credential, SignedHeaders or Signature";
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope.Any(string.IsNullOrEmpty)) return "malformed credential scope";
        if (scope[4] != version.Terminator()) return "credential terminator does not match the algorithm";
        authorization = new JdCloudAuthorization(version, scope[0], scope[1], scope[2], scope[3], signedHeaders, signature);
        return null;
    }
}
