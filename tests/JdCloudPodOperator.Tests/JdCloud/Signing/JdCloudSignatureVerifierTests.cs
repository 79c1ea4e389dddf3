using System.Text;
using JdCloudPodOperator.JdCloud.Signing;

namespace JdCloudPodOperator.Tests.JdCloud.Signing;

public class JdCloudSignatureVerifierTests
{
    public static TheoryData<string> Vectors() => SigningVectorFiles.Keys();

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Accepts_every_correctly_signed_vector_and_rejects_a_tampered_one(string key)
    {
        var v = SigningVectorFiles.Get(key);
        if (!v.MustRebuildCanonicalRequest) return;
        var request = Received(v, v.Authorization);
        var result = JdCloudSignatureVerifier.Verify(request, ak => ak == v.AccessKey ? v.SecretKey : null);
        result.IsValid.Should().BeTrue(result.Failure);
        result.ToString().Should().NotContain(v.AccessKey);

        var tampered = Received(v, v.Authorization, body: v.Body + " ");
        JdCloudSignatureVerifier.Verify(tampered, _ => v.SecretKey).Failure.Should().Be("signature mismatch");
    }

    [Fact]
    public void Reports_why_a_request_is_rejected()
    {
        var v = SigningVectorFiles.Get("jdcloud-sign-vectors.sample.json/net-signer-04-delete-cn-south-1");
        string? Verify(string? authorization, string? region = "cn-south-1", Func<string, string?>? secrets = null) =>
            JdCloudSignatureVerifier.Verify(Received(v, authorization, region: region), secrets ?? (_ => v.SecretKey)).Failure;

        Verify(null).Should().Be("lack of header authorization");
        Verify(v.Authorization.Replace("JDCLOUD2", "JDCLOUD9")).Should().Be("unsupported signature algorithm");
        Verify(v.Authorization.Replace("jdcloud2_request", "jdcloud3_request")).Should().Contain("terminator");
        Verify(v.Authorization, region: "cn-north-1").Should().Contain("region");
        Verify(v.Authorization.Replace("/20250101/", "/20250102/")).Should().Contain("date");
        Verify(v.Authorization, secrets: _ => null).Should().Be("unknown access key");
        Verify(v.Authorization.Replace("SignedHeaders=host;", "SignedHeaders=")).Should().Be("host is not signed");
        Verify(v.Authorization, secrets: _ => "wrong").Should().Be("signature mismatch");
    }

    [Fact]
    public void Accepts_a_signature_over_content_type_and_host_only_and_notices_a_changed_content_type()
    {
        var v = SigningVectorFiles.Get("edge-vectors.json/edge-05-python-style-post-content-type-host");
        JdCloudSignatureVerifier.Verify(Received(v, v.Authorization), _ => v.SecretKey).IsValid.Should().BeTrue();

        var changed = Received(v, v.Authorization, extra: ("content-type", "text/plain"));
        JdCloudSignatureVerifier.Verify(changed, _ => v.SecretKey).Failure.Should().Be("signature mismatch");
        var strict = Received(v, v.Authorization, strict: true);
        JdCloudSignatureVerifier.Verify(strict, _ => v.SecretKey).Failure.Should().Contain("must be signed");
    }

    [Fact]
    public void Uses_the_declared_content_hash_when_present()
    {
        var v = SigningVectorFiles.Get("jdcloud-sign-vectors.sample.json/py-signer-04-post-createpods-utf8");
        var request = Received(v, v.Authorization, body: "not the signed body", extra: (JdCloudSigner.ContentSha256Header, v.BodySha256));
        JdCloudSignatureVerifier.Verify(request, _ => v.SecretKey).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Strict_mode_insists_on_signed_date_and_nonce()
    {
        var v = SigningVectorFiles.Get("jdcloud-sign-vectors.sample.json/net-signer-04-delete-cn-south-1");
        var lax = Received(v, v.Authorization);
        JdCloudSignatureVerifier.Verify(lax, _ => v.SecretKey).IsValid.Should().BeTrue();
        var withoutNonce = v.Authorization.Replace(";x-jdcloud-nonce", "");
        var strict = Received(v, withoutNonce, strict: true);
        JdCloudSignatureVerifier.Verify(strict, _ => v.SecretKey).Failure.Should().Contain("must be signed");
    }

    private static JdCloudVerificationRequest Received(
        SigningVector v, string? authorization, string? body = null, string? region = null,
        (string Name, string Value)? extra = null, bool strict = false)
    {
        var url = new Uri(v.Url);
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = [JdCloudCanonicalizer.HostValue(url)],
        };
        // Date and nonce travel whether signed or not (the Python SDK signs only content-type;host).
        foreach (var name in new[] { JdCloudSigner.DateHeader, JdCloudSigner.NonceHeader }) headers[name] = [SigningVectorConformanceTests.HeaderValue(v, name)];
        foreach (var (name, value) in SigningVectorConformanceTests.SignedHeaderInputs(v)) headers[name] = [value];
        if (authorization is not null) headers["authorization"] = [authorization];
        if (extra is { } e) headers[e.Name] = [e.Value];
        var rawTarget = v.Url[(v.Url.IndexOf('/', url.Scheme.Length + 3))..];
        var question = rawTarget.IndexOf('?');
        return new JdCloudVerificationRequest
        {
            Method = v.Method,
            RawPath = question < 0 ? rawTarget : rawTarget[..question],
            RawQuery = question < 0 ? null : rawTarget[(question + 1)..],
            Headers = name => headers.TryGetValue(name, out var values) ? values : null,
            Body = Encoding.UTF8.GetBytes(body ?? v.Body),
            ExpectedRegion = region ?? v.Region,
            RequireDateAndNonceSigned = strict,
        };
    }
}
