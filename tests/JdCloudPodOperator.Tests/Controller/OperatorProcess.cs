using System.Diagnostics;
using System.Text;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The operator as a separate OS process (`jdcloud-pod-operator run`, production timings), watching one namespace
/// and calling a simulator, so a test can SIGKILL it at any instant. Its output is kept for failure messages.
/// </summary>
public sealed class OperatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OperatorProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>Resident set size now (VmRSS), in bytes.</summary>
    public long ResidentBytes =>
        long.Parse(File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    /// <summary>Every line written so far (standard output and error).</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static OperatorProcess Start(string ns, Uri cloudEndpoint) => Start(
    [
        "--namespace", ns, "--webhook-port", "0", "--health-port", "0", "--log-level", "Warning", "--jdcloud-endpoint", cloudEndpoint.ToString(),
    ]);

    /// <summary>`run` against the shared control plane, on 127.0.0.1, without leader election, plus <paramref name="args"/>.</summary>
    public static OperatorProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "jdcloud-pod-operator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { exe, "run", "--kubeconfig", ControlPlane.Shared.KubeconfigPath, "--leader-elect", "false", "--address", "127.0.0.1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var running = new OperatorProcess(Process.Start(start)!);
        running._process.OutputDataReceived += (_, e) => running.Append(e.Data);
        running._process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>SIGKILL: no shutdown hook runs, in-flight calls are cut wherever they are.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output) _output.AppendLine(line);
    }
}
