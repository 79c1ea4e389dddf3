using System.Net;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Tests.Controller;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Telemetry;

/// <summary>/healthz runs the liveness checks (the watch loop), /readyz the readiness ones (cache synced, webhook).</summary>
public sealed class ProbeTests() : HarnessTest("tel-probe")
{
    [Fact]
    public async Task A_running_operator_is_live_with_its_watch_and_ready_with_its_cache_and_webhook()
    {
        using var http = new OperatorEndpoints(await _h.StartOperatorAsync());

        (int, string) ready = default;
        await Eventually.Until(async () => (ready = await http.GetAsync("/readyz")).Item1 == 200, "/readyz is 200", ControllerHarness.Limit);
        var live = await http.GetAsync("/healthz");

        live.Status.Should().Be(200);
        live.Body.Should().StartWith("Healthy").And.Contain("JdCloudPod-watch: Healthy").And.NotContain("cache");
        ready.Item2.Should().Contain("JdCloudPod-cache: Healthy").And.Contain("webhook: Healthy").And.NotContain("watch");
    }

    [Fact]
    public async Task An_operator_that_cannot_reach_the_api_server_is_neither_ready_nor_after_the_silence_limit_live()
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"unreachable-{Guid.NewGuid():N}.kubeconfig");
        var text = await File.ReadAllTextAsync(ControlPlane.Shared.KubeconfigPath);
        await File.WriteAllTextAsync(kubeconfig, System.Text.RegularExpressions.Regex.Replace(text, @"server: \S+", "server: https://127.0.0.1:1"));
        await using var app = OperatorHost.Build(new OperatorHostOptions
        {
            HealthAddress = IPAddress.Loopback, HealthPort = 0, Kubeconfig = kubeconfig,
            Webhook = o => (o.Address, o.Port) = (IPAddress.Loopback, 0),
            Controller = new ControllerHostSettings
            {
                // A watch that hears nothing for three watch timeouts is stuck; 3 x 200 ms here.
                Runtime = o =>
                {
                    o.LeaderElection.Enabled = false;
                    o.Watch.Namespaces = [_h.Namespace];
                    o.Watch.WatchTimeout = TimeSpan.FromMilliseconds(200);
                },
            },
        });
        await app.StartAsync();
        using var http = new OperatorEndpoints(app);
        try
        {
            var ready = await http.GetAsync("/readyz");
            ready.Status.Should().Be(503);
            ready.Body.Should().Contain("JdCloudPod-cache: Unhealthy - JdCloudPod cache not synced yet");

            (int Status, string Body) live = default;
            await Eventually.Until(async () => (live = await http.GetAsync("/healthz")).Status == 503, "/healthz is 503", ControllerHarness.Limit);
            live.Body.Should().StartWith("Unhealthy").And.Contain("JdCloudPod-watch: Unhealthy").And.Contain("last error");
        }
        finally
        {
            await app.StopAsync();
            File.Delete(kubeconfig);
        }
    }
}
