using System.Diagnostics;
using System.Text.Json;
using JdCloudPodOperator.Tests.Controller;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator;

namespace JdCloudPodOperator.Tests.Telemetry;

/// <summary>`run --log-format json`: the real process writes one JSON object per line, with the trace of the reconcile.</summary>
public sealed class JsonLogTests() : HarnessTest("tel-log")
{
    private readonly List<string> _lines = [];

    [Fact]
    public async Task Log_lines_written_during_a_reconcile_are_json_with_the_trace_and_span_ids_and_no_secret()
    {
        await _h.CreateAsync(_h.NewPod("logged"));
        using var process = StartOperator("--log-format", "json", "--log-level", "Debug");
        try
        {
            await _h.WaitForReadyAsync("logged", 1);
            await Eventually.Until(() => Lines().Any(l => l.Contains("createPods")), "a log line about createPods", ControllerHarness.Limit);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var entries = Lines().Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        entries.Should().OnlyContain(e => Has(e, "timestamp") && Has(e, "level") && Has(e, "category") && Has(e, "message"),
            "every line is one JSON object");
        var traced = entries.Where(e => e.GetProperty("message").GetString()!.Contains("createPods") && Has(e, "traceId")).ToList();
        traced.Should().NotBeEmpty("the cloud client logs its calls inside the reconcile's span");
        traced[0].GetProperty("traceId").GetString().Should().MatchRegex("^[0-9a-f]{32}$").And.NotMatchRegex("^0+$");
        traced[0].GetProperty("spanId").GetString().Should().MatchRegex("^[0-9a-f]{16}$");
        string.Join('\n', Lines()).Should().NotContain(SimulatorOptions.DefaultAccessKey).And.NotContain(SimulatorOptions.DefaultSecretKey);
    }

    private static bool Has(JsonElement entry, string property) => entry.TryGetProperty(property, out _);

    private List<string> Lines()
    {
        lock (_lines) return [.. _lines];
    }

    private Process StartOperator(params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "jdcloud-pod-operator.dll"), "run",
                "--kubeconfig", ControlPlane.Shared.KubeconfigPath, "--namespace", _h.Namespace, "--leader-elect", "false",
                "--address", "127.0.0.1", "--webhook-port", "0", "--health-port", "0", "--jdcloud-endpoint", _h.Simulator.BaseUrl.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in extra) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
