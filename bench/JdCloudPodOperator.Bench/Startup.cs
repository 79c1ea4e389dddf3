using System.Globalization;

namespace JdCloudPodOperator.Bench;

/// <summary>
/// Start to /readyz, sampled: one start on the fresh cluster, then restarts after a graceful stop (as a rolling
/// update restarts a pod: the webhook configurations exist, the lease was released). One start decides little: one
/// binary read 188 to 1,843 ms at a load of 6-13 (docs/performance.md, "Memory and start-up"), and the first start shares the cores
/// with an API server that has just started itself. The figure is the median of BENCH_STARTS (default 7) starts,
/// with the fastest, the slowest and the first beside it, and the median CPU time the operator used until ready.
/// </summary>
public static class Startup
{
    public static readonly int Starts = int.TryParse(Environment.GetEnvironmentVariable("BENCH_STARTS"), out var n) && n > 0 ? n : 7;

    public const string Figure = "operator.startup_to_ready";

    /// <summary>Starts the operator (it stays up); measures start-up unless this run already has the figure.</summary>
    public static async Task StartAsync(Cluster cluster, BenchResults results)
    {
        if (results.All.Any(r => r.Name == Figure))
        {
            await cluster.StartOperatorAsync();
            return;
        }
        var samples = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < Starts; i++)
        {
            if (i > 0) await cluster.StopOperatorGracefullyAsync();
            var (load, at) = (Processes.LoadAverage(), DateTime.UtcNow);
            var took = (await cluster.StartOperatorAsync()).TotalMilliseconds;
            // CPU holds under load where wall time does not; the wall-clock start lines up with the operator log.
            cpu.Add(Processes.CpuTime(cluster.Operator!).TotalMilliseconds);
            Console.WriteLine($"  start {i + 1} at {at:HH:mm:ss.fff}: {took:0} ms to /readyz, {cpu[^1]:0} ms CPU (load {load.ToString(CultureInfo.InvariantCulture)})");
            samples.Add(took);
        }
        var sorted = samples.Order().ToList();
        results.Add(BenchResult.Of(Figure, sorted[sorted.Count / 2], "ms"));
        results.Add(BenchResult.Of(Figure + ".min", sorted[0], "ms"));
        results.Add(BenchResult.Of(Figure + ".max", sorted[^1], "ms"));
        results.Add(BenchResult.Of(Figure + ".first", samples[0], "ms"));
        results.Add(BenchResult.Of("operator.startup_cpu", cpu.Order().ElementAt(cpu.Count / 2), "ms"));
    }
}
