using JdCloudPodOperator.JdCloud;
using Microsoft.Extensions.DependencyInjection;

namespace JdCloudPodOperator.Bench;

/// <summary>
/// The operator's memory and start-up on a real API server (section "memory"): start to /readyz, RSS idle, the
/// latency of one resource from apply to Ready (when the reconcile section has not measured them in this run), then
/// RSS with 10,000 resources Ready. Its own section: applying 10,000 takes minutes. BENCH_MEMORY_N=0 stops after the
/// idle figures (e.g. to compare builds with BENCH_OPERATOR).
/// </summary>
public static class MemoryBench
{
    public static readonly int Resources = int.TryParse(Environment.GetEnvironmentVariable("BENCH_MEMORY_N"), out var n) ? n : 10_000;

    public static async Task RunAsync(string root, BenchResults results)
    {
        Console.WriteLine($"memory, N = {Resources}");
        var minimal = BenchPods.Minimal(root);
        await using var cluster = await Cluster.StartAsync(root, Path.Combine(ReconcileBench.Work, "memory"));
        await Startup.StartAsync(cluster, results);
        await ReconcileBench.MemoryAsync(cluster, "idle", results);
        if (Resources == 0)
        {
            await HoldAsync(cluster);
            return;
        }
        if (!Has(results, "apply_to_ready_minus_boot.median")) await LatencyAsync(cluster, minimal, results);
        var pods = Enumerable.Range(0, Resources).Select(i => BenchPods.Named(minimal, $"m-{i:D5}", Cluster.OperatorNamespace));
        var (elapsed, ready) = await ReconcileBench.ApplyUntilReadyAsync(cluster, pods, Resources);
        results.Add(BenchResult.Of($"memory.n{Resources}.ready", ready, "resources"));
        results.Add(BenchResult.Of($"memory.n{Resources}.time_to_all_ready", elapsed.TotalSeconds, "s"));
        await ReconcileBench.MemoryAsync(cluster, $"n{Resources}", results);
        await HoldAsync(cluster);
    }

    /// <summary>
    /// The latency on a warm simulator, as the reconcile section measures it: the simulator compiles each method at
    /// its first call (Cluster.StartSimulatorAsync), and on a cold one the first sample took 0.5-0.9 s more than the
    /// others, all of it in the simulator's first describePods and createPods (docs/performance.md, "Memory and start-up").
    /// </summary>
    private static async Task LatencyAsync(Cluster cluster, Entities.JdCloudPod minimal, BenchResults results)
    {
        await using var services = ReconcileBench.CloudServices(cluster);
        var client = services.GetRequiredService<PodClientFactory>().Create(new JdCloudCredentials(Cluster.AccessKey, Cluster.SecretKey), minimal.Spec.RegionId!);
        await ReconcileBench.WarmUpAsync(cluster, client, minimal);
        await ReconcileBench.LatencyAsync(cluster, minimal, ReconcileBench.LatencySamples(quick: false), results);
    }

    /// <summary>BENCH_MEMORY_HOLD=seconds keeps the operator up after the reading, e.g. for a `dotnet-gcdump collect -p pid`.</summary>
    private static async Task HoldAsync(Cluster cluster)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("BENCH_MEMORY_HOLD"), out var seconds) || seconds <= 0) return;
        Console.WriteLine($"holding the operator (pid {cluster.Operator!.Id}) for {seconds} s");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
    }

    private static bool Has(BenchResults results, string name) => results.All.Any(r => r.Name == name);
}
