using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JdCloudPodOperator.Tests.Controller;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudPodOperator.Tests.Install;
using JdCloudPodOperator.Tests.Runtime;
using JdCloudPodOperator.Admission;
using Xunit.Abstractions;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>
/// The operator as its own process (`run`, JSON logs, and a 384 MiB GC heap limit, below the Deployment's 512 Mi),
/// with a real API server; requests go straight to its webhook port over TLS, as anything in the cluster could send
/// them.
/// </summary>
public sealed class HostileOperator : IAsyncLifetime
{
    public OperatorProcess Process { get; private set; } = null!;
    public Uri Webhook { get; private set; } = null!;
    public Uri Health { get; private set; } = null!;

    /// <summary>A hostile client checks no certificate.</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    }) { Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        await Crds.EnsureInstalledAsync();
        var ns = await ControlPlane.Shared.CreateNamespaceAsync("hostile");
        var ports = await FreePorts.TakeAsync(2);
        var (webhookPort, healthPort) = (ports[0], ports[1]);
        Webhook = new Uri($"https://127.0.0.1:{webhookPort}{AdmissionWebhookEndpoint.Path}");
        Health = new Uri($"http://127.0.0.1:{healthPort}");
        Process = OperatorProcess.Start(
            ["--namespace", ns, "--webhook-port", $"{webhookPort}", "--health-port", $"{healthPort}", "--log-level", "Information", "--log-format", "Json"],
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x18000000" });
        await Eventually.Until(async () =>
        {
            try
            {
                using var ready = await Client.GetAsync(new Uri(Health, "/readyz"));
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the operator process answers /readyz", TimeSpan.FromMinutes(2));
    }

    public async Task<(HttpStatusCode Status, int Bytes, string Text)> PostAsync(byte[] body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await Client.PostAsync(Webhook, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, bytes.Length, Encoding.UTF8.GetString(bytes));
    }

    public async Task<string> MetricsAsync() => await Client.GetStringAsync(new Uri(Health, "/metrics"));

    public Task DisposeAsync()
    {
        Client.Dispose();
        Process?.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class HostileWebhookTests(HostileOperator op, ITestOutputHelper output) : IClassFixture<HostileOperator>
{
    private const int MaxAnswerBytes = 64 * 1024;
    private const int MaxLogLineChars = 16 * 1024;

    [Fact]
    public async Task Hostile_reviews_get_a_bounded_denial_or_400_a_bounded_log_and_no_memory_growth()
    {
        (await op.PostAsync(Encoding.UTF8.GetBytes(Request("CREATE", ValidPod()).ToJsonString()))).Status.Should().Be(HttpStatusCode.OK);
        var before = op.Process.ResidentBytes;
        var oneMegabyte = BoundedReviewTests.WrongTypeLabels(68_000);
        var eightMegabytes = BoundedReviewTests.WrongTypeLabels(480_000);
        var tenMegabytes = BoundedReviewTests.WrongTypeLabels(620_000);
        tenMegabytes.Length.Should().BeGreaterThan(AdmissionWebhookEndpoint.MaxBodyBytes);

        var answers = new List<(string What, HttpStatusCode Status, int Bytes, string Text)>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (what, body) in new[] { ("1 MB", oneMegabyte), ("8 MB", eightMegabytes), ("10 MB", tenMegabytes) })
            {
                var (status, bytes, text) = await op.PostAsync(body);
                answers.Add((what, status, bytes, text));
            }
        }
        var after = op.Process.ResidentBytes;

        op.Process.HasExited.Should().BeFalse();
        foreach (var (what, status, bytes, text) in answers)
        {
            output.WriteLine($"{what}: HTTP {(int)status}, answer {bytes} bytes");
            bytes.Should().BeLessThan(MaxAnswerBytes, what);
            if (what == "10 MB")
            {
                status.Should().Be(HttpStatusCode.BadRequest);
                text.Should().Contain("exceeds the limit");
                continue;
            }
            status.Should().Be(HttpStatusCode.OK, $"{what}: {text[..Math.Min(text.Length, 300)]}");
            var response = JsonNode.Parse(text)!["response"]!;
            response["allowed"]!.GetValue<bool>().Should().BeFalse();
            response["status"]!["message"]!.GetValue<string>().Should().MatchRegex(@", and \d+ more\]$");
        }
        var longest = op.Process.Lines.Max(l => l.Length);
        output.WriteLine($"RSS {before / 1048576} MB -> {after / 1048576} MB; longest log line {longest} characters");
        longest.Should().BeLessThan(MaxLogLineChars);
        op.Process.Lines.Should().Contain(l => l.Contains("Denied CREATE")).And.Contain(l => l.Contains("Refused admission request (too_large)"));
        // Generous: the heap limit alone holds the process to 384 MiB; before, one 8 MB review took it to 1.7 GB.
        (after - before).Should().BeLessThan(256L * 1024 * 1024);
    }

    [Fact]
    public async Task Five_thousand_reviews_with_random_operations_make_at_most_five_operation_series()
    {
        var random = new Random(15);
        for (var i = 0; i < 5000; i++)
        {
            var review = Request(new string(Enumerable.Range(0, 8).Select(_ => (char)('A' + random.Next(26))).ToArray()), null);
            review["request"]!.AsObject().Remove("object");
            (await op.PostAsync(Encoding.UTF8.GetBytes(review.ToJsonString()))).Status.Should().Be(HttpStatusCode.OK);
        }
        (await op.PostAsync("{"u8.ToArray())).Status.Should().Be(HttpStatusCode.BadRequest);
        (await op.PostAsync(new byte[AdmissionWebhookEndpoint.MaxBodyBytes + 1])).Status.Should().Be(HttpStatusCode.BadRequest);
        (await op.PostAsync("{}"u8.ToArray(), "text/plain")).Status.Should().Be(HttpStatusCode.UnsupportedMediaType);

        string metrics = "";
        await Eventually.Until(async () => (metrics = await op.MetricsAsync()).Contains("unsupported_media_type"), "the refusal counted", TimeSpan.FromSeconds(60));

        var series = metrics.Split('\n').Where(l => l.StartsWith("jdcloudpod_webhook_duration_seconds_count{", StringComparison.Ordinal)).ToList();
        output.WriteLine(string.Join('\n', series));
        series.Count.Should().BeLessThanOrEqualTo(5);
        series.Select(l => Regex.Match(l, "k8s_admission_operation=\"([^\"]*)\"").Groups[1].Value).Distinct()
            .Should().BeSubsetOf(["CREATE", "UPDATE", "DELETE", "CONNECT", "other"]);
        metrics.Should().NotContain("otel_metric_overflow");
        metrics.Should().Contain("jdcloudpod_webhook_refusal=\"malformed\"").And.Contain("jdcloudpod_webhook_refusal=\"unsupported_media_type\"")
            .And.Contain("jdcloudpod_webhook_refusal=\"too_large\"");
    }
}
