using System.Text;
using System.Text.RegularExpressions;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Signing;

namespace JdCloudPodOperator.Tests.JdCloud.Signing;

/// <summary>Runs every signing vector as docs/jdcloud-api.md, Signing vectors, says.</summary>
public partial class SigningVectorConformanceTests
{
    public static TheoryData<string> Vectors() => SigningVectorFiles.Keys();

    [Fact]
    public void The_vector_folder_holds_at_least_the_six_sample_vectors() =>
        SigningVectorFiles.Keys().Count.Should().BeGreaterThanOrEqualTo(6);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Body_hash_matches(string key)
    {
        var v = SigningVectorFiles.Get(key);
        JdCloudCanonicalRequest.Sha256Hex(Encoding.UTF8.GetBytes(v.Body)).Should().Be(v.BodySha256);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void String_to_sign_ends_with_the_canonical_request_hash(string key)
    {
        var v = SigningVectorFiles.Get(key);
        var expectedHash = new JdCloudCanonicalRequest(v.CanonicalRequest, v.SignedHeaders).Hash;
        v.StringToSign.Split('\n').Last().Should().Be(expectedHash);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hmac_chain_gives_the_signature(string key)
    {
        var v = SigningVectorFiles.Get(key);
        JdCloudSignatureVersionExtensions.TryParseAlgorithm(v.Algorithm, out var version).Should().BeTrue();
        JdCloudSigner.ComputeSignature(v.SecretKey, v.FixedDate[..8], v.Region, v.Service, version, v.StringToSign)
            .Should().Be(v.Signature);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Authorization_has_the_documented_format(string key)
    {
        var v = SigningVectorFiles.Get(key);
        AuthorizationFormat().IsMatch(v.Authorization).Should().BeTrue(v.Authorization);
        JdCloudAuthorization.TryParse(v.Authorization, out var parsed, out var error).Should().BeTrue(error);
        parsed!.ToString().Should().Be(v.Authorization);
        parsed.AccessKey.Should().Be(v.AccessKey);
        parsed.Scope.Should().Be(v.StringToSign.Split('\n')[2]);
        parsed.SignedHeaders.Should().Be(v.SignedHeaders);
        parsed.Signature.Should().Be(v.Signature);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signer_rebuilds_every_value_from_the_request(string key)
    {
        var v = SigningVectorFiles.Get(key);
        var signature = SignLikeTheVector(v);
        if (!v.MustRebuildCanonicalRequest)
        {
            // sdk-quirk-do-not-emulate records an SDK defect; a correct signer must not reproduce it.
            signature.CanonicalRequest.Text.Should().NotBe(v.CanonicalRequest);
            return;
        }
        signature.CanonicalRequest.Text.Should().Be(v.CanonicalRequest);
        signature.StringToSign.Should().Be(v.StringToSign);
        signature.Signature.Should().Be(v.Signature);
        signature.Authorization.ToString().Should().Be(v.Authorization);
        signature.ToString().Should().NotContain(v.AccessKey).And.NotContain(v.SecretKey);
    }

    internal static JdCloudSignature SignLikeTheVector(SigningVector v)
    {
        JdCloudSignatureVersionExtensions.TryParseAlgorithm(v.Algorithm, out var version).Should().BeTrue();
        return JdCloudSigner.Sign(new JdCloudSigningRequest
        {
            Method = v.Method,
            Url = new Uri(v.Url),
            Headers = SignedHeaderInputs(v),
            PayloadHash = JdCloudCanonicalRequest.Sha256Hex(Encoding.UTF8.GetBytes(v.Body)),
            // Vectors that do not sign the date (content-type;host) still send it: the signer takes it from here.
            Date = v.FixedDate,
            Credentials = new JdCloudCredentials(v.AccessKey, v.SecretKey),
            Region = v.Region,
            Service = v.Service,
            Version = version,
        });
    }

    [Fact]
    public void Signs_exactly_the_headers_it_is_given_plus_host()
    {
        var v = SigningVectorFiles.Get("edge-vectors.json/edge-05-python-style-post-content-type-host");
        var signature = SignLikeTheVector(v);

        signature.CanonicalRequest.SignedHeaders.Should().Be("content-type;host");
        signature.CanonicalRequest.Text.Should().NotContain(JdCloudSigner.DateHeader).And.NotContain(JdCloudSigner.NonceHeader);
        signature.Signature.Should().Be(v.Signature);
    }

    [Fact]
    public void Without_a_signed_or_given_date_the_signer_says_what_is_missing()
    {
        var v = SigningVectorFiles.Get("edge-vectors.json/edge-05-python-style-post-content-type-host");
        var sign = () => JdCloudSigner.Sign(new JdCloudSigningRequest
        {
            Method = v.Method, Url = new Uri(v.Url), Headers = SignedHeaderInputs(v), PayloadHash = v.BodySha256,
            Credentials = new JdCloudCredentials(v.AccessKey, v.SecretKey), Region = v.Region,
        });

        sign.Should().Throw<ArgumentException>().WithMessage("*x-jdcloud-date*");
    }

    /// <summary>The value of each signed header other than host, rebuilt from the vector.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> SignedHeaderInputs(SigningVector v) =>
        v.SignedHeaders.Split(';').Where(name => name != "host").Select(name => new KeyValuePair<string, string>(name, HeaderValue(v, name)));

    internal static string HeaderValue(SigningVector v, string name)
    {
        var given = v.HeadersGiven.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        if (given.Key is not null) return given.Value.Trim();
        return name switch
        {
            JdCloudSigner.DateHeader => v.FixedDate,
            JdCloudSigner.NonceHeader => v.FixedNonce,
            "content-type" => "application/json",
            _ => throw new InvalidDataException($"{v.Id}: no value for signed header {name}"),
        };
    }

    [GeneratedRegex(@"^JDCLOUD[23]-HMAC-SHA256 Credential=[^/\s]+/\d{8}/[^/\s]+/[^/\s]+/jdcloud[23]_request, SignedHeaders=[a-z0-9-]+(;[a-z0-9-]+)*, Signature=[0-9a-f]{64}$")]
    private static partial Regex AuthorizationFormat();
}
