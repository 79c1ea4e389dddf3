using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class CloudProblemsTests
{
    private static JdCloudApiException Error(int http, string? status, string message = "boom")
    {
        var statusJson = status is null ? "null" : $"\"{status}\"";
        var body = $"{{\"requestId\":\"req-42\",\"error\":{{\"code\":{http},\"status\":{statusJson},\"message\":\"{message}\"}}}}";
        return JdCloudApiException.FromResponse(PodOperation.CreatePods, "cn-north-1", http, body, null, s => s);
    }

    [Theory]
    [InlineData(400, "INVALID_ARGUMENT", "InvalidArgument")]
    [InlineData(400, "InvalidParameter", "InvalidParameter")]
    [InlineData(400, null, "InvalidArgument")]
    [InlineData(404, "NOT_FOUND", "NotFound")]
    [InlineData(409, "CONFLICT", "Conflict")]
    public void Rejections_are_terminal_with_the_reason_from_the_error_status(int http, string? status, string reason)
    {
        var problem = CloudProblems.From(Error(http, status));
        problem.Should().BeEquivalentTo(new { Reason = reason, Kind = ProblemKind.Terminal });
        problem.Message.Should().Contain("req-42").And.Contain("boom");
    }

    [Fact]
    public void Authentication_failure_hints_at_credentials_and_real_name_verification()
    {
        var problem = CloudProblems.From(Error(401, "ACCESS_ERROR"));
        problem.Reason.Should().Be(Reasons.AuthenticationFailed);
        problem.IsTerminal.Should().BeTrue();
        problem.Message.Should().Contain("real-name").And.Contain("req-42");
    }

    [Fact]
    public void Permission_denied_is_terminal() =>
        CloudProblems.From(Error(403, "PERMISSION_DENIED")).Should().BeEquivalentTo(new { Reason = Reasons.PermissionDenied, Kind = ProblemKind.Terminal });

    [Fact]
    public void Rate_limit_is_retried() =>
        CloudProblems.From(Error(429, "RATE_LIMIT")).Should().BeEquivalentTo(new { Reason = Reasons.RateLimited, Kind = ProblemKind.Retrying });

    [Theory]
    [InlineData(429, "QUOTA_EXCEEDED")]
    [InlineData(429, null)]
    [InlineData(400, "QuotaExceeded")]
    [InlineData(400, "POD_QUOTA_LIMIT")]
    public void Quota_exhaustion_is_terminal_QuotaExceeded(int http, string? status) =>
        CloudProblems.From(Error(http, status)).Should().BeEquivalentTo(new { Reason = Reasons.QuotaExceeded, Kind = ProblemKind.Terminal });

    [Theory]
    [InlineData(500, "INTERNAL")]
    [InlineData(503, "UNAVAILABLE")]
    [InlineData(502, null)]
    public void Server_errors_are_retried(int http, string? status) =>
        CloudProblems.From(Error(http, status)).Should().BeEquivalentTo(new { Reason = Reasons.CloudUnavailable, Kind = ProblemKind.Retrying });

    [Fact]
    public void No_response_is_retried() =>
        CloudProblems.From(JdCloudApiException.FromTransport(PodOperation.CreatePods, "cn-north-1", JdCloudErrorKind.Network, new HttpRequestException("reset")))
            .Should().BeEquivalentTo(new { Reason = Reasons.CloudUnavailable, Kind = ProblemKind.Retrying });

    [Fact]
    public void Busy_is_retried() =>
        CloudProblems.From(Error(400, "FAILED_PRECONDITION")).Should().BeEquivalentTo(new { Reason = "FailedPrecondition", Kind = ProblemKind.Retrying });

    [Fact]
    public void Only_a_definite_rejection_proves_a_create_made_nothing()
    {
        CreateResult.Of(Error(400, "INVALID_ARGUMENT")).Should().BeOfType<NothingCreated>();
        CreateResult.Of(Error(429, "QUOTA_EXCEEDED")).Should().BeOfType<NothingCreated>();
        CreateResult.Of(Error(500, "INTERNAL")).Should().BeOfType<OutcomeUnknown>();
        CreateResult.Of(Error(429, "RATE_LIMIT")).Should().BeOfType<OutcomeUnknown>();
    }

    [Fact]
    public void Only_a_400_class_refusal_may_be_a_name_in_use()
    {
        CreateResult.Of(Error(400, "INVALID_ARGUMENT")).Should().BeEquivalentTo(new { NameMayBeTaken = true });
        CreateResult.Of(Error(409, "CONFLICT")).Should().BeEquivalentTo(new { NameMayBeTaken = true });
        CreateResult.Of(Error(400, "POD_QUOTA_LIMIT")).Should().BeEquivalentTo(new { NameMayBeTaken = false });
        CreateResult.Of(Error(401, "ACCESS_ERROR")).Should().BeEquivalentTo(new { NameMayBeTaken = false });
    }
}
