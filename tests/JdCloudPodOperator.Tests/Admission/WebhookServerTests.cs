using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Certificates;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>The webhook over real HTTPS (Kestrel on 127.0.0.1, self-signed CA), plus the probe endpoints.</summary>
public class WebhookServerTests : WebhookServerTest
{
    [Fact]
    public async Task Review_over_tls_answers_an_admission_review()
    {
        var pod = ValidPod("over-tls");
        pod.Spec()["maxCount"] = "x";

        using var response = await Post(Request("CREATE", pod, uid: "tls-1").ToJsonString());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var review = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        review["response"]!["uid"]!.GetValue<string>().Should().Be("tls-1");
        review["response"]!["allowed"]!.GetValue<bool>().Should().BeFalse();
        review["response"]!["status"]!["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("spec.maxCount");
    }

    [Fact]
    public async Task Not_json_is_400_with_a_plain_message()
    {
        using var response = await Post("{\"apiVersion\":");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("bad AdmissionReview: request body is not valid JSON");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_the_limit_is_400_whether_or_not_its_length_is_announced(bool announced)
    {
        var huge = new byte[AdmissionWebhookEndpoint.MaxBodyBytes + 1];
        Array.Fill(huge, (byte)' ');
        HttpContent content = announced ? new ByteArrayContent(huge) : new StreamContent(new UnannouncedLength(huge));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Server.Client.PostAsync(Server.Endpoint, content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"exceeds the limit of {AdmissionWebhookEndpoint.MaxBodyBytes} bytes");
    }

    [Fact]
    public async Task Body_at_the_limit_is_read()
    {
        var review = Encoding.UTF8.GetBytes(Request("CREATE", ValidPod()).ToJsonString());
        var padded = new byte[AdmissionWebhookEndpoint.MaxBodyBytes];
        Array.Fill(padded, (byte)' ');
        review.CopyTo(padded, 0);

        using var content = new ByteArrayContent(padded);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Server.Client.PostAsync(Server.Endpoint, content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Certificate_is_valid_for_localhost_too()
    {
        var url = new UriBuilder(Server.Endpoint) { Host = "localhost" }.Uri;

        using var response = await Server.Client.PostAsync(url, new StringContent(Request("CREATE", ValidPod()).ToJsonString(), Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_trusting_another_ca_refuses_the_certificate()
    {
        var (_, otherCa) = WebhookCertificateAuthority.Issue(["127.0.0.1"], DateTimeOffset.UtcNow);
        using var client = WebhookServer.TrustingOnly(otherCa);

        var act = () => client.PostAsync(Server.Endpoint, new StringContent("{}"));

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Webhook_is_not_served_over_plain_http()
    {
        using var client = new HttpClient();
        using var response = await client.PostAsync(new Uri(Server.HealthUrl, AdmissionWebhookEndpoint.Path),
            new StringContent(Request("CREATE", ValidPod()).ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probes_answer_healthy(string path)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(Server.HealthUrl, path));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("Healthy");
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Metrics_and_probes_answer_on_the_health_port_only_never_on_the_webhook_port(string path)
    {
        using var plain = new HttpClient();
        using var onHealthPort = await plain.GetAsync(new Uri(Server.HealthUrl, path));
        using var onWebhookPort = await Server.Client.GetAsync(new Uri(Server.WebhookUrl, path));

        onHealthPort.StatusCode.Should().Be(HttpStatusCode.OK);
        onWebhookPort.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await onWebhookPort.Content.ReadAsStringAsync()).Should().NotContain("jdcloudpod_").And.NotContain("Healthy");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task Json_content_types_are_reviewed(string contentType)
    {
        using var response = await PostAs(contentType);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task Other_content_types_are_415_with_the_reason(string? contentType)
    {
        using var response = await PostAs(contentType);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("Content-Type must be application/json, not ");
    }

    private async Task<HttpResponseMessage> PostAs(string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Request("CREATE", ValidPod()).ToJsonString()));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using (content) return await Server.Client.PostAsync(Server.Endpoint, content);
    }

    private Task<HttpResponseMessage> Post(string body) =>
        Server.Client.PostAsync(Server.Endpoint, new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>A stream that hides its length, so the body goes out chunked without Content-Length.</summary>
    private sealed class UnannouncedLength(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
