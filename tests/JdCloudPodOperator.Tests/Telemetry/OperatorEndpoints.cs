using System.Text;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Certificates;
using JdCloudPodOperator.Tests.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JdCloudPodOperator.Tests.Telemetry;

/// <summary>The HTTP side of a running operator host: its health/metrics URL and its webhook, trusted by its CA.</summary>
internal sealed class OperatorEndpoints : IDisposable
{
    public OperatorEndpoints(WebApplication app)
    {
        var urls = app.Urls.Select(u => new Uri(u)).ToList();
        HealthUrl = urls.Single(u => u.Scheme == "http");
        WebhookUrl = new Uri(urls.Single(u => u.Scheme == "https"), AdmissionWebhookEndpoint.Path);
        Webhook = WebhookServer.TrustingOnly(app.Services.GetRequiredService<ServingCertificate>().CaBundlePem);
    }

    public Uri HealthUrl { get; }
    public Uri WebhookUrl { get; }
    public HttpClient Webhook { get; }
    public HttpClient Plain { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await Plain.GetAsync(new Uri(HealthUrl, path));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends one AdmissionReview; true when it was allowed.</summary>
    public async Task<bool> ReviewAsync(System.Text.Json.Nodes.JsonNode review)
    {
        using var response = await Webhook.PostAsync(WebhookUrl, new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return answer["response"]!["allowed"]!.GetValue<bool>();
    }

    public void Dispose()
    {
        Webhook.Dispose();
        Plain.Dispose();
    }
}
