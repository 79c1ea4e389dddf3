using System.Collections.Concurrent;
using System.Globalization;
using JdCloudPodOperator.JdCloud.Signing;

namespace JdCloudSimulator.Api;

/// <summary>
/// The gateway's checks (docs/jdcloud-api.md, Signing, Verifying a signature), with the product's verifier: a valid V2
/// or V3 signature by the configured key pair, scoped to the path's region and <c>pod</c>; then the clock-skew window;
/// in strict mode signed date and nonce and no replayed nonce. Every failure is 401 ACCESS_ERROR; messages never
/// contain a key.
/// </summary>
internal sealed class RequestAuthenticator(SimulatorOptions options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);

    /// <summary>Returns the signature version used; throws 401 when the request is not authentic.</summary>
    public JdCloudSignatureVersion Authenticate(HttpContext context, string rawTarget, byte[] body, string? regionId)
    {
        var headers = context.Request.Headers;
        if (!headers.ContainsKey("Authorization")) throw Denied("lack of header authorization");
        var query = rawTarget.IndexOf('?');
        var result = JdCloudSignatureVerifier.Verify(new JdCloudVerificationRequest
        {
            Method = context.Request.Method,
            RawPath = query < 0 ? rawTarget : rawTarget[..query],
            RawQuery = query < 0 ? null : rawTarget[(query + 1)..],
            Headers = name => headers.TryGetValue(name, out var values) ? values.Select(v => v ?? "").ToList() : null,
            Body = body,
            ExpectedRegion = regionId,
            RequireDateAndNonceSigned = options.StrictSigning,
        }, accessKey => accessKey == options.AccessKey ? options.SecretKey : null);
        if (!result.IsValid) throw Denied(result.Failure ?? "invalid signature");
        // Optional checks (docs/jdcloud-api.md, Verifying a signature, item 6): the real gateway's are not published.
        if (!options.StrictSigning) return result.Authorization!.Version;
        CheckSkew(headers[JdCloudSigner.DateHeader].ToString());
        CheckNonce(headers[JdCloudSigner.NonceHeader].ToString());
        return result.Authorization!.Version;
    }

    public void Reset() => _nonces.Clear();

    private void CheckSkew(string date)
    {
        if (options.ClockSkew is not { } window) return;
        if (!DateTimeOffset.TryParseExact(date, JdCloudSigner.DateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
            throw Denied($"x-jdcloud-date must be formatted {JdCloudSigner.DateFormat}");
        if ((options.Clock.GetUtcNow() - signedAt).Duration() > window)
            throw Denied($"x-jdcloud-date is more than {window.TotalMinutes:0.##} minutes away from the server time");
    }

    private void CheckNonce(string nonce)
    {
        if (string.IsNullOrEmpty(nonce)) throw Denied("lack of header x-jdcloud-nonce");
        var now = options.Clock.GetUtcNow();
        if (!_nonces.TryAdd(nonce, now)) throw Denied("x-jdcloud-nonce was already used (replayed request)");
        if (_nonces.Count > 10_000) Prune(now - (options.ClockSkew ?? TimeSpan.FromMinutes(15)) * 2);
    }

    private void Prune(DateTimeOffset before)
    {
        foreach (var (nonce, at) in _nonces)
        {
            if (at < before) _nonces.TryRemove(nonce, out _);
        }
    }

    private static ApiException Denied(string reason) => new(401, ErrorStatus.AccessError, reason + "[gw]");
}
