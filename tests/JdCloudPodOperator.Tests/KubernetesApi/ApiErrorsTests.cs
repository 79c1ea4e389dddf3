using System.Net;
using JdCloudPodOperator.KubernetesApi;
using k8s.Autorest;

namespace JdCloudPodOperator.Tests.KubernetesApi;

public class ApiErrorsTests
{
    [Fact]
    public void Describe_quotes_the_api_servers_status_message_after_the_status_code()
    {
        var e = Failure(HttpStatusCode.Forbidden, """{"kind":"Status","status":"Failure","message":"secrets \"x\" is forbidden: User \"u\" cannot get resource \"secrets\"","reason":"Forbidden","code":403}""");

        ApiErrors.Describe(e).Should().Be("HTTP 403 Forbidden: secrets \"x\" is forbidden: User \"u\" cannot get resource \"secrets\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("upstream connect error")]
    [InlineData("""{"kind":"Status","message":7}""")]
    [InlineData("""["message"]""")]
    public void Describe_gives_the_status_code_alone_when_the_body_has_no_status_message(string body)
    {
        ApiErrors.Describe(Failure(HttpStatusCode.ServiceUnavailable, body)).Should().Be("HTTP 503 ServiceUnavailable");
    }

    [Fact]
    public void Describe_bounds_the_quoted_message_at_its_limit_and_no_further()
    {
        var atLimit = new string('a', ApiErrors.MaxMessageLength);
        ApiErrors.Describe(Failure(HttpStatusCode.Conflict, $$"""{"message":"{{atLimit}}"}""")).Should().Be("HTTP 409 Conflict: " + atLimit);

        var past = Failure(HttpStatusCode.Conflict, $$"""{"message":"{{atLimit}}b"}""");
        ApiErrors.Describe(past).Should().Be("HTTP 409 Conflict: " + atLimit + "...");
    }

    [Fact]
    public void Describe_of_any_other_failure_is_its_message()
    {
        ApiErrors.Describe(new HttpRequestException("Connection refused (127.0.0.1:6443)")).Should().Be("Connection refused (127.0.0.1:6443)");
    }

    private static HttpOperationException Failure(HttpStatusCode code, string body) =>
        new($"Operation returned an invalid status code '{code}'")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), body),
        };
}
