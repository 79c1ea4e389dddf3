using System.Net;
using System.Text;
using JdCloudPodOperator.JdCloud.Signing;
using JdCloudSimulator;

namespace JdCloudPodOperator.Tests.Simulator;

public class SimulatorSignatureTests : SimulatorTest
{
    [Theory]
    [InlineData(JdCloudSignatureVersion.V2)]
    [InlineData(JdCloudSignatureVersion.V3)]
    public async Task Accepts_a_correctly_signed_request_of_either_version(JdCloudSignatureVersion version)
    {
        var answer = await Client.PostAsync(Pods, PodBodies.Create("signed"), new Signing { Version = version });

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        Sim.State.Calls.Snapshot("createPods").Single().SignatureVersion.Should().Be(version.ToString());
    }

    [Fact]
    public async Task Accepts_a_request_signed_like_the_Python_SDK_over_content_type_and_host_only()
    {
        var python = new Signing { Version = JdCloudSignatureVersion.V3, SignDate = false, SignNonce = false };

        var answer = await Client.PostAsync(Pods, PodBodies.Create("python-signed"), python);

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        Sim.State.Pods().Should().ContainSingle(p => p.Name == "python-signed");
    }

    /// <summary>docs/jdcloud-api.md, Signing, Verifying a signature: a V2 signature covers a header value with its
    /// runs of whitespace collapsed, a V3 one the value as sent; each is refused when signed the other way.</summary>
    [Theory]
    [InlineData(JdCloudSignatureVersion.V2, "a b", HttpStatusCode.OK)]
    [InlineData(JdCloudSignatureVersion.V2, "a  b", HttpStatusCode.Unauthorized)]
    [InlineData(JdCloudSignatureVersion.V3, "a  b", HttpStatusCode.OK)]
    [InlineData(JdCloudSignatureVersion.V3, "a b", HttpStatusCode.Unauthorized)]
    public async Task A_header_value_with_inner_spaces_is_verified_as_its_version_signs_it(
        JdCloudSignatureVersion version, string signedValue, HttpStatusCode expected)
    {
        var signing = new Signing { Version = version, ExtraHeader = ("x-jdcloud-trace", " a  b ", signedValue) };

        var answer = await Client.GetAsync(Pods, signing);

        answer.Status.Should().Be(expected, answer.ToString());
        if (expected != HttpStatusCode.OK) answer.Message.Should().Contain("signature mismatch");
    }

    [Fact]
    public async Task Rejects_a_request_without_authorization_with_the_gateway_envelope()
    {
        var answer = await Client.GetAsync(Pods, new Signing { OmitAuthorization = true });

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.Body["requestId"]!.GetValue<string>().Should().MatchRegex("^[a-z0-9]{32}$");
        answer.ErrorCode.Should().Be(401);
        answer.ErrorStatus.Should().Be("ACCESS_ERROR");
        answer.Message.Should().Be("lack of header authorization[gw]");
    }

    public static TheoryData<string, Signing> SpoiledSignatures() => new()
    {
        { "wrong secret key", new Signing { SecretKey = "not-the-secret" } },
        { "unknown access key", new Signing { AccessKey = "SOMEONE-ELSE" } },
        { "scope of another region", new Signing { Region = "cn-east-2" } },
        { "scope of another service", new Signing { Service = "vm" } },
        { "body changed after signing", new Signing { AfterSigning = r => r.Content = new StringContent("{\"maxCount\":2}", Encoding.UTF8, "application/json") } },
        { "date changed after signing", new Signing { AfterSigning = r => Replace(r, JdCloudSigner.DateHeader, JdCloudSigner.FormatDate(DateTimeOffset.UtcNow.AddSeconds(1))) } },
        { "algorithm not supported", new Signing { AfterSigning = r => Replace(r, "Authorization", r.Headers.GetValues("Authorization").Single().Replace("JDCLOUD2", "JDCLOUD4")) } },
        { "content-type changed after a content-type;host signature", new Signing
            { SignDate = false, SignNonce = false, AfterSigning = r => r.Content!.Headers.ContentType = new("text/plain") } },
        { "no date header", new Signing { AfterSigning = r => r.Headers.Remove(JdCloudSigner.DateHeader) } },
    };

    [Theory]
    [MemberData(nameof(SpoiledSignatures))]
    public async Task Rejects_a_bad_signature_with_401_ACCESS_ERROR_and_creates_nothing(string why, Signing signing)
    {
        var answer = await Client.PostAsync(Pods, PodBodies.Create("spoiled"), signing);

        answer.Status.Should().Be(HttpStatusCode.Unauthorized, why);
        answer.ErrorStatus.Should().Be("ACCESS_ERROR");
        answer.Message.Should().NotContain(Sim.Options.AccessKey).And.NotContain(Sim.Options.SecretKey);
        Sim.State.Pods().Should().BeEmpty();
    }

    [Theory]
    [InlineData(-60 * 24 * 30)]
    [InlineData(60)]
    public async Task Outside_strict_mode_a_date_far_from_the_server_time_is_accepted(int minutesOff)
    {
        // docs/jdcloud-api.md, Verifying a signature, item 6: whether the real gateway enforces a skew window is not
        // published, so a client signing with a fixed date (the sample vectors) is answered.
        var answer = await Client.GetAsync(Pods, new Signing { Date = Clock.GetUtcNow().AddMinutes(minutesOff) });

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
    }

    [Fact]
    public async Task Accepts_the_path_with_a_raw_or_an_encoded_colon_and_a_query_in_any_order()
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["podName"] = "free" };

        (await Client.PostAsync(Pods + ":checkPodName", body)).Result["code"]!.GetValue<int>().Should().Be(0);
        (await Client.PostAsync(Pods + "%3AcheckPodName", body)).Result["code"]!.GetValue<int>().Should().Be(0);
        (await Client.GetAsync(Pods + "?pageSize=10&pageNumber=1&filters.1.values.1=x&filters.1.name=name"))
            .Status.Should().Be(HttpStatusCode.OK, "the V3 canonical query sorts what the client sent unsorted");
    }

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, value);
    }
}

public class SimulatorStrictSigningTests : SimulatorTest
{
    protected override SimulatorOptions Options => SimulatorOptions.Instant with { StrictSigning = true };

    [Theory]
    [InlineData(-14, HttpStatusCode.OK)]
    [InlineData(14, HttpStatusCode.OK)]
    [InlineData(-16, HttpStatusCode.Unauthorized)]
    [InlineData(16, HttpStatusCode.Unauthorized)]
    public async Task Rejects_a_date_outside_the_clock_skew_window(int minutesOff, HttpStatusCode expected)
    {
        var answer = await Client.GetAsync(Pods, new Signing { Date = Clock.GetUtcNow().AddMinutes(minutesOff) });

        answer.Status.Should().Be(expected, answer.ToString());
        if (expected == HttpStatusCode.Unauthorized) answer.Message.Should().Contain("server time");
    }

    [Fact]
    public async Task Strict_mode_requires_a_signed_nonce_that_lax_mode_does_not()
    {
        var answer = await Client.GetAsync(Pods, new Signing { SignNonce = false });

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.Message.Should().Contain("must be signed");
        (await Client.GetAsync(Pods)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Strict_mode_rejects_a_replayed_nonce()
    {
        var nonce = Guid.NewGuid().ToString();

        (await Client.GetAsync(Pods, new Signing { Nonce = nonce })).Status.Should().Be(HttpStatusCode.OK);
        var replay = await Client.GetAsync(Pods, new Signing { Nonce = nonce });

        replay.Status.Should().Be(HttpStatusCode.Unauthorized);
        replay.Message.Should().Contain("replayed");
    }
}

public class SimulatorLaxSigningTests : SimulatorTest
{
    [Fact]
    public async Task By_default_an_unsigned_nonce_and_a_repeated_nonce_are_accepted_as_the_real_gateway_does()
    {
        var nonce = Guid.NewGuid().ToString();

        (await Client.GetAsync(Pods, new Signing { SignNonce = false, Nonce = nonce })).Status.Should().Be(HttpStatusCode.OK);
        (await Client.GetAsync(Pods, new Signing { SignNonce = false, Nonce = nonce })).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_skew_window_any_date_is_accepted()
    {
        await using var sim = await JdCloudSimulatorHost.StartAsync(SimulatorOptions.Instant with { ClockSkew = null });
        using var client = new SignedClient(sim.BaseUrl, sim.Options.AccessKey, sim.Options.SecretKey, TimeProvider.System);

        (await client.GetAsync(Pods, new Signing { Date = DateTimeOffset.UtcNow.AddDays(-3) })).Status.Should().Be(HttpStatusCode.OK);
    }
}
