using System.Text.Json;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Signing;
using Microsoft.AspNetCore.Http;

namespace JdCloudPodOperator.Tests.JdCloud.Client;

/// <summary>Every retry and non-retry case of docs/jdcloud-api.md, Retries, against a real HTTP server.</summary>
public class PodClientRetryTests
{
    private const string EmptyPage = """{"pods":[],"totalCount":0}""";

    [Theory]
    [InlineData(429, "RATE_LIMIT", JdCloudErrorKind.RateLimited)]
    [InlineData(500, "INTERNAL", JdCloudErrorKind.ServerError)]
    [InlineData(503, "UNAVAILABLE", JdCloudErrorKind.Unavailable)]
    public async Task Transient_answers_are_retried_until_success(int status, string errorStatus, JdCloudErrorKind kind)
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Error(status, errorStatus), Reply.Ok(EmptyPage));

        var result = await h.Client.DescribePodsAsync(new DescribePodsQuery());

        result.TotalCount.Should().Be(0);
        h.Api.Requests.Should().HaveCount(2);
        JdCloudErrorClassifier.Classify(status, errorStatus).Should().Be(kind);
    }

    [Fact]
    public async Task Retries_stop_at_the_configured_limit_with_the_last_error()
    {
        await using var h = await PodClientHarness.StartAsync(o => o.MaxRetryAttempts = 2);
        h.Api.Fallback = _ => Reply.Error(503, "UNAVAILABLE", "try later", "req-last");

        var act = () => h.Client.DescribePodsAsync(new DescribePodsQuery());

        var error = (await act.Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(JdCloudErrorKind.Unavailable);
        error.IsRetryable.Should().BeTrue();
        error.RequestId.Should().Be("req-last");
        h.Api.Requests.Should().HaveCount(3);
    }

    [Theory]
    [InlineData(429, "QUOTA_EXCEEDED", JdCloudErrorKind.QuotaExceeded)]
    [InlineData(429, null, JdCloudErrorKind.QuotaExceeded)]
    [InlineData(400, "INVALID_ARGUMENT", JdCloudErrorKind.InvalidArgument)]
    [InlineData(401, "ACCESS_ERROR", JdCloudErrorKind.Authentication)]
    [InlineData(403, "PERMISSION_DENIED", JdCloudErrorKind.PermissionDenied)]
    [InlineData(409, "CONFLICT", JdCloudErrorKind.ClientError)]
    [InlineData(400, "FAILED_PRECONDITION", JdCloudErrorKind.Busy)]
    public async Task Final_answers_are_not_retried(int status, string? errorStatus, JdCloudErrorKind kind)
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Error(status, errorStatus, "no", "req-final"), Reply.Ok(EmptyPage));

        var act = () => h.Client.DescribePodsAsync(new DescribePodsQuery());

        var error = (await act.Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(kind);
        error.IsRetryable.Should().BeFalse();
        error.HttpStatus.Should().Be(status);
        error.Status.Should().Be(errorStatus);
        error.RequestId.Should().Be("req-final");
        error.Operation.Should().Be(PodOperation.DescribePods);
        h.Api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Failed_precondition_is_retried_for_delete_but_not_for_describe()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Error(400, "FAILED_PRECONDITION", "Conflict with underlay task"), Reply.Ok("{}"));
        (await h.Client.DeletePodAsync("pod-busy")).Should().BeTrue();
        h.Api.Requests.Should().HaveCount(2);

        await using var d = await PodClientHarness.StartAsync();
        d.Api.Then(Reply.Error(400, "FAILED_PRECONDITION"), Reply.Ok("""{"pod":{"podId":"pod-busy"}}"""));
        var act = () => d.Client.DescribePodAsync("pod-busy");
        (await act.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.Busy);
        d.Api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Drop(), Reply.Ok("""{"pod":{"podId":"pod-1"}}"""));

        (await h.Client.DescribePodAsync("pod-1"))!.PodId.Should().Be("pod-1");
        h.Api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Only_dropped_connections_end_in_a_network_error()
    {
        await using var h = await PodClientHarness.StartAsync(o => o.MaxRetryAttempts = 1);
        h.Api.Fallback = _ => Reply.Drop();

        var error = (await FluentActions.Awaiting(() => h.Client.DescribePodAsync("pod-1")).Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(JdCloudErrorKind.Network);
        error.HttpStatus.Should().BeNull();
        error.IsRetryable.Should().BeTrue();
        error.Message.Should().StartWith("JD Cloud describePod in cn-north-1 got no response (Network): ");
        h.Api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        // 2 s: the retry's instant answer must come within one attempt's time even on a loaded machine.
        await using var h = await PodClientHarness.StartAsync(o => o.AttemptTimeout = TimeSpan.FromSeconds(2));
        h.Api.Then(Reply.Hang(TimeSpan.FromSeconds(60), Reply.Ok(EmptyPage)), Reply.Ok(EmptyPage));

        await h.Client.DescribePodsAsync(new DescribePodsQuery());
        h.Api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task The_total_time_cap_ends_the_call_with_a_timeout()
    {
        await using var h = await PodClientHarness.StartAsync(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.TotalTimeout = TimeSpan.FromMilliseconds(500);
            o.MaxRetryAttempts = 20;
        });
        h.Api.Fallback = _ => Reply.Hang(TimeSpan.FromSeconds(30), Reply.Ok(EmptyPage));

        var error = (await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery()))
            .Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(JdCloudErrorKind.Timeout);
        // At most what 500 ms holds of 200 ms attempts. How many reach the server depends on the machine: on a busy
        // one the first may still be connecting when the cap ends the call (seen in a clean-clone run under load).
        h.Api.Requests.Count.Should().BeLessThanOrEqualTo(4, "the total cap stops the retries");
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_neither_retried_nor_wrapped()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Fallback = _ => Reply.Hang(TimeSpan.FromSeconds(30), Reply.Ok(EmptyPage));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery(), cancel.Token))
            .Should().ThrowAsync<OperationCanceledException>();
        h.Api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Every_attempt_is_signed_afresh_with_a_new_nonce()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Error(503, "UNAVAILABLE"), Reply.Drop(), Reply.Error(429, "RATE_LIMIT"), Reply.Ok(EmptyPage));

        await h.Client.DescribePodsAsync(new DescribePodsQuery { Filters = [PodFilter.Phases("running")] });

        var requests = h.Api.Requests;
        requests.Should().HaveCount(4);
        requests.Select(r => r.Header(JdCloudSigner.NonceHeader)).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        requests.Select(r => r.Header("Authorization")).Should().OnlyHaveUniqueItems();
        foreach (var request in requests)
            JdCloudSignatureVerifier.Verify(request.ToVerification(), Secret).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Create_pods_retries_resend_the_same_client_token()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Drop(), Reply.Error(500, "INTERNAL"), Reply.Ok("""{"podIds":["pod-abcdef1234"]}""", "req-create"));

        var result = await h.Client.CreatePodsAsync(MinimalSpec(), 1, "k8s-5d7b7c8e-1f5e-4f59-9d3c-6a0f2b9e7c11");

        result.PodIds.Should().Equal("pod-abcdef1234");
        result.RequestId.Should().Be("req-create");
        var requests = h.Api.Requests;
        requests.Should().HaveCount(3);
        requests.Select(r => ClientToken(r.BodyText)).Should().AllBe("k8s-5d7b7c8e-1f5e-4f59-9d3c-6a0f2b9e7c11");
        requests.Select(r => r.Header(JdCloudSigner.NonceHeader)).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Create_pods_without_a_token_generates_one_and_keeps_it_across_retries()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Error(503, "UNAVAILABLE"), Reply.Ok("""{"podIds":["pod-1"]}"""));

        var result = await h.Client.CreatePodsAsync(MinimalSpec(), 1, clientToken: null);

        // The one maker of tokens (ClientToken) made it: its prefix, within the documented 64 ASCII characters.
        result.ClientToken.Should().NotBeNullOrEmpty().And.StartWith("jdpod-").And.HaveLength(40);
        h.Api.Requests.Select(r => ClientToken(r.BodyText)).Should().AllBe(result.ClientToken);
    }

    [Fact]
    public async Task Status_sent_as_a_number_is_kept_as_text()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Json(400, """{"requestId":"req-n","error":{"code":400,"status":13,"message":"bad"}}"""));

        var error = (await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery()))
            .Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Status.Should().Be("13");
        error.Kind.Should().Be(JdCloudErrorKind.InvalidArgument);
        error.Message.Should().Be("JD Cloud describePods in cn-north-1 failed: HTTP 400 13 (InvalidArgument): bad [requestId req-n]");
    }

    [Theory]
    [InlineData(400, JdCloudErrorKind.InvalidArgument, 1)]
    [InlineData(502, JdCloudErrorKind.Unavailable, 4)]
    public async Task A_non_json_error_body_yields_an_error_from_the_http_status(int status, JdCloudErrorKind kind, int attempts)
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Fallback = _ => Reply.Json(status, "<html><body>Bad Gateway</body></html>", "text/html");

        var error = (await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery()))
            .Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(kind);
        error.HttpStatus.Should().Be(status);
        error.Status.Should().BeNull();
        error.Message.Should().Contain($"HTTP {status}").And.Contain("not a JD Cloud error envelope");
        h.Api.Requests.Should().HaveCount(attempts);
    }

    [Fact]
    public async Task A_success_status_with_a_body_that_is_not_the_envelope_is_an_invalid_response()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Json(200, "not json", "text/plain"));

        var error = (await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery()))
            .Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(JdCloudErrorKind.InvalidResponse);
        h.Api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_body_cut_off_after_the_headers_is_a_network_error()
    {
        await using var h = await PodClientHarness.StartAsync(o => o.MaxRetryAttempts = 0);
        h.Api.Then(new CutBodyReply());

        var error = (await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery()))
            .Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(JdCloudErrorKind.Network, "the answer never arrived whole");
        h.Api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_success_status_carrying_an_error_envelope_reports_that_error()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(Reply.Json(200, """{"requestId":"req-in-body","error":{"code":400,"status":"INVALID_ARGUMENT","message":"bad filter"}}"""));

        var error = (await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery()))
            .Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Status.Should().Be("INVALID_ARGUMENT");
        error.Message.Should().Contain("bad filter").And.Contain("req-in-body");
    }

    [Fact]
    public async Task A_request_id_only_in_the_header_is_still_reported()
    {
        await using var h = await PodClientHarness.StartAsync();
        h.Api.Then(new HeaderReply());

        var error = (await FluentActions.Awaiting(() => h.Client.DescribePodsAsync(new DescribePodsQuery()))
            .Should().ThrowAsync<JdCloudApiException>()).Which;
        error.RequestId.Should().Be("req-from-header");
    }

    // Announces a body it never finishes: the headers arrive, the connection drops half-way through the body.
    private sealed record CutBodyReply : Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentLength = 10_000;
            await context.Response.WriteAsync("""{"requestId":"req-cut","result":{"pods":[""");
            await context.Response.Body.FlushAsync();
            context.Abort();
        }
    }

    private sealed record HeaderReply : Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = 400;
            context.Response.Headers["x-jdcloud-request-id"] = "req-from-header";
            await context.Response.WriteAsync("oops");
        }
    }

    internal static string? Secret(string accessKey) => accessKey == PodClientHarness.AccessKey ? PodClientHarness.SecretKey : null;

    internal static string? ClientToken(string body) => JsonDocument.Parse(body).RootElement.GetProperty("clientToken").GetString();

    internal static PodSpec MinimalSpec() => new()
    {
        Name = "web-01",
        InstanceType = "g.n2.medium",
        Az = "cn-north-1a",
        Containers = [new ContainerSpec { Name = "nginx", Image = "nginx:1.25" }],
        PrimaryNetworkInterface = new NetworkInterfaceAttachmentSpec { NetworkInterface = new NetworkInterfaceSpec { SubnetId = "subnet-aaaa1111" } },
    };
}
