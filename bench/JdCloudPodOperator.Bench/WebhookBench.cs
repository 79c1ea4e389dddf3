using System.Diagnostics;
using System.Net;
using System.Text.Json;
using JdCloudPodOperator.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JdCloudPodOperator.Bench;

/// <summary>
/// Figure 1: AdmissionReview round trips over TLS on loopback against the operator's own webhook hosting (the
/// Kestrel listener, certificate and endpoint of `run`). The floor is a second endpoint on the same listener that
/// reads the body and answers a constant AdmissionReview without parsing or validating anything.
/// </summary>
public static class WebhookBench
{
    private const string FloorPath = "/floor";

    public static async Task RunAsync(string root, bool quick, BenchResults results)
    {
        await using var server = await StartServerAsync();
        var baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        int[] levels = quick ? [1, 8, 32] : [1, 4, 16, 64];
        var duration = TimeSpan.FromSeconds(quick ? 2 : 5);
        foreach (var (label, pod) in new[] { ("minimal", BenchPods.Minimal(root)), ("largest", BenchPods.Largest(root)) })
        {
            var body = BenchPods.AdmissionReview(pod);
            Console.WriteLine($"webhook, {label} pod ({body.Length} bytes per review)");
            await ExpectAllowedAsync(baseUrl, body);
            // Tiered JIT: code run once per review reaches its optimised tier only after some calls.
            await LoadAsync(baseUrl + AdmissionWebhookEndpoint.Path, body, 2, TimeSpan.FromSeconds(quick ? 3 : 6));
            await LoadAsync(baseUrl + FloorPath, body, 2, TimeSpan.FromSeconds(1));
            foreach (var concurrency in levels)
            {
                var review = await LoadAsync(baseUrl + AdmissionWebhookEndpoint.Path, body, concurrency, duration);
                var floor = await LoadAsync(baseUrl + FloorPath, body, concurrency, duration);
                var name = $"webhook.{label}.c{concurrency}";
                results.Add(BenchResult.Of(name + ".p50", review.Percentile(0.50), "ms", floor.Percentile(0.50)));
                results.Add(BenchResult.Of(name + ".p99", review.Percentile(0.99), "ms", floor.Percentile(0.99)));
                results.Add(BenchResult.Of(name + ".throughput", review.PerSecond, "reviews/s", floor.PerSecond));
                results.Add(BenchResult.Of(name + ".cpu_per_request", review.CpuMicroseconds, "us", floor.CpuMicroseconds));
            }
        }
    }

    private static async Task<WebApplication> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.AddAdmissionWebhook(o => (o.Address, o.Port) = (IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapAdmissionWebhook();
        var constant = JsonSerializer.SerializeToUtf8Bytes(new
        {
            apiVersion = "admission.k8s.io/v1", kind = "AdmissionReview",
            response = new { uid = "705ab4f5-6393-11e8-b7cc-42010a800002", allowed = true },
        });
        app.MapPost(FloorPath, async (HttpContext context) =>
        {
            // Read the whole body as the real endpoint does; only the parsing and validating are left out.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(constant, context.RequestAborted);
        });
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        // The API server keeps connections to a webhook alive; so do we.
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { DefaultRequestVersion = HttpVersion.Version11, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task ExpectAllowedAsync(string baseUrl, byte[] body)
    {
        using var client = Client(1);
        using var response = await client.PostAsync(baseUrl + AdmissionWebhookEndpoint.Path, Content(body));
        var text = await response.Content.ReadAsStringAsync();
        using var answer = JsonDocument.Parse(text);
        if (!answer.RootElement.GetProperty("response").GetProperty("allowed").GetBoolean())
            throw new InvalidOperationException("the webhook rejected the benchmark pod: " + text);
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    /// <summary>
    /// <paramref name="concurrency"/> callers in a closed loop for <paramref name="duration"/> after a warm-up of a
    /// quarter of it (connections open, JIT done); latencies of the measured part only. Also the process's CPU time
    /// per round trip (client and server, both in this process): unlike throughput and latency, it hardly moves when
    /// other jobs load the cores, so it compares builds on a busy machine; review minus floor is the server's extra work.
    /// </summary>
    private static async Task<Load> LoadAsync(string url, byte[] body, int concurrency, TimeSpan duration)
    {
        using var client = Client(concurrency);
        var clock = Stopwatch.StartNew();
        var warm = duration / 4;
        var end = warm + duration;
        var cpuAtWarm = Task.Delay(warm).ContinueWith(_ => Environment.CpuUsage.TotalTime);
        var perCaller = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (clock.Elapsed < end)
            {
                var start = clock.Elapsed;
                using var response = await client.PostAsync(url, Content(body));
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url} answered {response.StatusCode}");
                if (start >= warm) latencies.Add((clock.Elapsed - start).TotalMilliseconds);
            }
            return latencies;
        })));
        var cpu = Environment.CpuUsage.TotalTime - await cpuAtWarm;
        var all = perCaller.SelectMany(l => l).Order().ToArray();
        return new Load(all, all.Length / duration.TotalSeconds, cpu.TotalMicroseconds / all.Length);
    }

    private sealed record Load(double[] SortedMilliseconds, double PerSecond, double CpuMicroseconds)
    {
        public double Percentile(double p) => SortedMilliseconds[Math.Min(SortedMilliseconds.Length - 1, (int)(p * SortedMilliseconds.Length))];
    }
}
