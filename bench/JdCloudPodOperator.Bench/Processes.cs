using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace JdCloudPodOperator.Bench;

/// <summary>Child processes of the benchmark: scripts run to completion, and servers whose output goes to a log file.</summary>
public static class Processes
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, string? input = null)
    {
        var info = Info(file, args, env);
        info.RedirectStandardInput = input is not null;
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{output}");
        return output;
    }

    /// <summary>Starts a server; its output is appended to <paramref name="log"/>.</summary>
    public static Process Start(string file, IEnumerable<string> args, string log, IDictionary<string, string>? env = null)
    {
        var process = Process.Start(Info(file, args, env))!;
        var writer = TextWriter.Synchronized(new StreamWriter(log, append: true, Encoding.UTF8) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<string> WaitForLineAsync(string log, string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (File.Exists(log))
            {
                using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var match = regex.Match(await new StreamReader(stream).ReadToEndAsync());
                if (match.Success) return match.Value;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"no line matching '{pattern}' in {log} after {timeout}");
    }

    public static void Stop(Process? process)
    {
        if (process is null || process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>The machine's 1-minute load average: other work on the machine shows in every figure.</summary>
    public static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Resident set size in MiB (VmRSS, or VmHWM for the peak) from /proc.</summary>
    public static double MemoryMiB(Process process, string field = "VmRSS")
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>User and system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static ProcessStartInfo Info(string file, IEnumerable<string> args, IDictionary<string, string>? env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in env ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return info;
    }
}
