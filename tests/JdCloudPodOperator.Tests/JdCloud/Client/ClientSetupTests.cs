using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.Tests.JdCloud.Client;

/// <summary>Endpoints, settings validation, credentials printing, the per-account rate limiter, the error table.</summary>
public class ClientSetupTests
{
    [Theory]
    [InlineData(JdCloudEndpointKind.Public, null, "https://pod.jdcloud-api.com/")]
    [InlineData(JdCloudEndpointKind.VpcInternal, null, "https://pod.internal.cn-east-2.jdcloud-api.com/")]
    [InlineData(JdCloudEndpointKind.VpcInternal, "http://127.0.0.1:18782", "http://127.0.0.1:18782/")]
    public void Endpoint_is_public_vpc_internal_or_overridden(JdCloudEndpointKind kind, string? baseUrl, string expected) =>
        new JdCloudClientOptions { Endpoint = kind, BaseUrl = baseUrl is null ? null : new Uri(baseUrl) }
            .ResolveEndpoint("cn-east-2").AbsoluteUri.Should().Be(expected);

    [Theory]
    [InlineData("https://pod.example.com", true)]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://10.0.0.5:8080", false)]
    [InlineData("ftp://127.0.0.1", false)]
    [InlineData("https://pod.example.com/?x=1", false)]
    public void Base_url_must_be_https_or_loopback_http(string url, bool valid) =>
        new JdCloudClientOptions { BaseUrl = new Uri(url) }.Problems().Should().HaveCount(valid ? 0 : 1);

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1, true)]
    [InlineData(1001, false)]
    [InlineData(0, false)]
    public void Rate_limit_is_1_to_1000_calls_per_second(int perSecond, bool valid) =>
        new JdCloudClientOptions { RateLimitPerSecond = perSecond }.Problems().Should().HaveCount(valid ? 0 : 1);

    [Fact]
    public void The_default_rate_limit_stays_below_the_documented_1000_calls_per_minute() =>
        (new JdCloudClientOptions().RateLimitPerSecond * 60).Should().BeLessThan(1000);

    [Fact]
    public void Timeouts_and_backoff_are_checked()
    {
        new JdCloudClientOptions().Problems().Should().BeEmpty("the defaults are valid");
        new JdCloudClientOptions { AttemptTimeout = TimeSpan.Zero }.Problems().Should().ContainSingle(p => p.Contains("AttemptTimeout"));
        new JdCloudClientOptions { TotalTimeout = TimeSpan.FromSeconds(5) }.Problems().Should().ContainSingle(p => p.Contains("TotalTimeout"));
        new JdCloudClientOptions { RetryMaxDelay = TimeSpan.FromMilliseconds(1) }.Problems().Should().ContainSingle(p => p.Contains("RetryMaxDelay"));
        new JdCloudClientOptions { MaxRetryAttempts = -1 }.Problems().Should().ContainSingle(p => p.Contains("MaxRetryAttempts"));
    }

    [Fact]
    public void Invalid_settings_fail_when_the_factory_is_used()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddJdCloudPodClient(o => o.BaseUrl = new Uri("http://10.1.2.3:80"))
            .BuildServiceProvider();
        var act = () => services.GetRequiredService<PodClientFactory>().Create(PodClientHarness.Credentials, "cn-north-1");
        act.Should().Throw<OptionsValidationException>().WithMessage("*BaseUrl must use https*");
    }

    [Theory]
    [InlineData("cn-north-1", true)]
    [InlineData("CN-NORTH-1", false)]
    [InlineData("cn/north", false)]
    [InlineData("", false)]
    public void Region_must_be_a_region_id(string region, bool valid)
    {
        using var services = new ServiceCollection().AddLogging().AddJdCloudPodClient().BuildServiceProvider();
        var act = () => services.GetRequiredService<PodClientFactory>().Create(PodClientHarness.Credentials, region);
        if (valid) act.Should().NotThrow();
        else act.Should().Throw<ArgumentException>().WithParameterName("regionId");
    }

    [Fact]
    public void Credentials_never_print_their_keys()
    {
        var credentials = new JdCloudCredentials(" AKVISIBLE ", "SKSECRET", "TOKEN");
        credentials.AccessKey.Should().Be("AKVISIBLE");
        credentials.ToString().Should().NotContain("AKVISIBLE").And.NotContain("SKSECRET").And.NotContain("TOKEN");
        $"{credentials}".Should().Be(credentials.ToString());
        credentials.Should().Be(new JdCloudCredentials("AKVISIBLE", "SKSECRET", "TOKEN"));
        FluentActions.Invoking(() => new JdCloudCredentials("AK", " ")).Should().Throw<ArgumentException>().WithParameterName("secretKey");
        FluentActions.Invoking(() => new JdCloudCredentials("", "SK")).Should().Throw<ArgumentException>().WithParameterName("accessKey");
    }

    [Fact]
    public async Task The_rate_limiter_keeps_one_bucket_per_access_key()
    {
        using var limiter = new JdCloudAccountRateLimiter(Options.Create(new JdCloudClientOptions { RateLimitPerSecond = 2, RateLimitQueueLimit = 0 }));
        (await limiter.AcquireAsync("AK-A", default)).IsAcquired.Should().BeTrue();
        (await limiter.AcquireAsync("AK-A", default)).IsAcquired.Should().BeTrue();
        (await limiter.AcquireAsync("AK-A", default)).IsAcquired.Should().BeFalse("the bucket of AK-A is empty");
        (await limiter.AcquireAsync("AK-B", default)).IsAcquired.Should().BeTrue("AK-B has its own bucket");
    }

    [Fact]
    public async Task Calls_beyond_the_rate_limit_wait_or_fail_before_reaching_the_service()
    {
        await using var h = await PodClientHarness.StartAsync(o =>
        {
            o.RateLimitPerSecond = 1;
            o.RateLimitQueueLimit = 0;
            o.MaxRetryAttempts = 0;
        });
        h.Api.Fallback = _ => Reply.Hang(TimeSpan.FromMilliseconds(300), Reply.Ok("""{"pods":[],"totalCount":0}"""));
        var other = h.Factory.Create(new JdCloudCredentials("AKOTHERACCOUNT", "SKOTHER"), "cn-north-1");

        var calls = new[]
        {
            Outcome(h.Client.DescribePodsAsync(new DescribePodsQuery())),
            Outcome(h.Client.DescribePodsAsync(new DescribePodsQuery())),
            Outcome(other.DescribePodsAsync(new DescribePodsQuery())),
        };
        var outcomes = await Task.WhenAll(calls);

        outcomes[..2].Should().BeEquivalentTo(new[] { "ok", "RateLimited" });
        outcomes[2].Should().Be("ok");
        h.Api.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(400, "FAILED_PRECONDITION", JdCloudErrorKind.Busy)]
    [InlineData(400, "failed_precondition", JdCloudErrorKind.Busy)]
    [InlineData(400, null, JdCloudErrorKind.InvalidArgument)]
    [InlineData(401, null, JdCloudErrorKind.Authentication)]
    [InlineData(403, null, JdCloudErrorKind.PermissionDenied)]
    [InlineData(404, null, JdCloudErrorKind.NotFound)]
    [InlineData(429, "RATE_LIMIT", JdCloudErrorKind.RateLimited)]
    [InlineData(429, "QUOTA_EXCEEDED", JdCloudErrorKind.QuotaExceeded)]
    [InlineData(418, null, JdCloudErrorKind.ClientError)]
    [InlineData(500, null, JdCloudErrorKind.ServerError)]
    [InlineData(501, null, JdCloudErrorKind.ServerError)]
    [InlineData(502, null, JdCloudErrorKind.Unavailable)]
    [InlineData(503, "RATE_LIMIT", JdCloudErrorKind.Unavailable)]
    [InlineData(504, null, JdCloudErrorKind.Unavailable)]
    public void Classification_goes_by_http_code_first_and_status_second(int code, string? status, JdCloudErrorKind kind) =>
        JdCloudErrorClassifier.Classify(code, status).Should().Be(kind);

    [Theory]
    [InlineData(JdCloudErrorKind.Network, true, true)]
    [InlineData(JdCloudErrorKind.Timeout, true, true)]
    [InlineData(JdCloudErrorKind.RateLimited, true, true)]
    [InlineData(JdCloudErrorKind.ServerError, true, true)]
    [InlineData(JdCloudErrorKind.Unavailable, true, true)]
    [InlineData(JdCloudErrorKind.Busy, false, true)]
    [InlineData(JdCloudErrorKind.QuotaExceeded, false, false)]
    [InlineData(JdCloudErrorKind.InvalidArgument, false, false)]
    [InlineData(JdCloudErrorKind.Authentication, false, false)]
    [InlineData(JdCloudErrorKind.PermissionDenied, false, false)]
    [InlineData(JdCloudErrorKind.NotFound, false, false)]
    [InlineData(JdCloudErrorKind.ClientError, false, false)]
    [InlineData(JdCloudErrorKind.InvalidResponse, false, false)]
    public void Retryability_follows_section_8_3(JdCloudErrorKind kind, bool onDescribe, bool onDelete)
    {
        JdCloudErrorClassifier.IsRetryable(kind, PodOperation.DescribePod).Should().Be(onDescribe);
        JdCloudErrorClassifier.IsRetryable(kind, PodOperation.DeletePod).Should().Be(onDelete);
    }

    private static async Task<string> Outcome(Task call)
    {
        try
        {
            await call;
            return "ok";
        }
        catch (JdCloudApiException e)
        {
            return e.Kind.ToString();
        }
    }
}
