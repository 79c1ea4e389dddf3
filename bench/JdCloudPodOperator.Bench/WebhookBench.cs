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
            using (var warm = Client(2))
            {
                await SliceAsync(warm, baseUrl + AdmissionWebhookEndpoint.Path, body, 2, TimeSpan.FromSeconds(quick ? 3.75 : 7.5));
                await SliceAsync(warm, baseUrl + FloorPath, body, 2, TimeSpan.FromSeconds(1.25));
            }
            foreach (var concurrency in levels)
            {
                var (review, floor) = await LoadPairAsync(baseUrl + AdmissionWebhookEndpoint.Path, baseUrl + FloorPath, body, concurrency, duration);
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
    /// Review and floor in alternating slices (<see cref="Slices"/> each, <paramref name="duration"/> in all per
    /// endpoint), each endpoint with its own warm client. Other jobs on the machine load the cores unevenly over a
    /// run: measured one after the other, the floor's CPU per round trip moved by ±10% between runs with the same
    /// code, more than the review's own extra; interleaved, both see the same machine.
    /// </summary>
    private static async Task<(Load Review, Load Floor)> LoadPairAsync(string reviewUrl, string floorUrl, byte[] body, int concurrency, TimeSpan duration)
    {
        using var reviewClient = Client(concurrency);
        using var floorClient = Client(concurrency);
        // Connections open and JIT done before anything is measured.
        await SliceAsync(reviewClient, reviewUrl, body, concurrency, duration / 4);
        await SliceAsync(floorClient, floorUrl, body, concurrency, duration / 4);
        var review = new Load();
        var floor = new Load();
        for (var slice = 0; slice < Slices; slice++)
        {
            review.Add(await SliceAsync(reviewClient, reviewUrl, body, concurrency, duration / Slices));
            floor.Add(await SliceAsync(floorClient, floorUrl, body, concurrency, duration / Slices));
        }
        return (review, floor);
    }

    private const int Slices = 5;

    /// <summary>
    /// <paramref name="concurrency"/> callers in a closed loop for <paramref name="duration"/>: latencies of the
    /// round trips started in it, and the process's CPU time until the last one ended (client and server, both in
    /// this process). Unlike throughput and latency, the CPU time per round trip hardly moves when other jobs load
    /// the cores, so it compares builds on a busy machine; review minus floor is the server's extra work.
    /// </summary>
    private static async Task<Slice> SliceAsync(HttpClient client, string url, byte[] body, int concurrency, TimeSpan duration)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var perCaller = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                using var response = await client.PostAsync(url, Content(body));
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url} answered {response.StatusCode}");
                latencies.Add((clock.Elapsed - start).TotalMilliseconds);
            }
            return latencies;
        })));
        return new Slice([.. perCaller.SelectMany(l => l)], duration, Environment.CpuUsage.TotalTime - cpu);
    }

    private sealed record Slice(double[] Milliseconds, TimeSpan Duration, TimeSpan Cpu);

    /// <summary>One endpoint's slices together: round trips per second of measured time, CPU per round trip.</summary>
    private sealed class Load
    {
        private readonly List<double> milliseconds = [];
        private TimeSpan duration, cpu;

        public void Add(Slice slice)
        {
            milliseconds.AddRange(slice.Milliseconds);
            duration += slice.Duration;
            cpu += slice.Cpu;
        }

        public double PerSecond => milliseconds.Count / duration.TotalSeconds;

        public double CpuMicroseconds => cpu.TotalMicroseconds / milliseconds.Count;

        public double Percentile(double p)
        {
            milliseconds.Sort();
            return milliseconds[Math.Min(milliseconds.Count - 1, (int)(p * milliseconds.Count))];
        }
    }
}
