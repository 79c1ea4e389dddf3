using System.Diagnostics;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Bench;

/// <summary>
/// Figures 3, 4 and 5 on a real API server: N JdCloudPods applied at once until all are Ready (against a floor that
/// issues the same cloud calls and status writes directly), the operator's memory and start-up, and the latency of
/// one resource from apply to Ready beyond the simulator's boot time.
/// </summary>
public static class ReconcileBench
{
    // etcd data on tmpfs; BENCH_WORK gives runs of several worktrees on one machine each its own folder.
    internal static readonly string Work = Environment.GetEnvironmentVariable("BENCH_WORK") is { Length: > 0 } work ? work : "/dev/shm/jdpod-bench";

    public static async Task RunAsync(string root, bool quick, BenchResults results)
    {
        int[] sizes = Sizes(quick);
        var minimal = BenchPods.Minimal(root);
        foreach (var n in sizes)
        {
            Console.WriteLine($"reconcile, N = {n}");
            await using var cluster = await Cluster.StartAsync(root, Path.Combine(Work, $"n{n}"));
            await Startup.StartAsync(cluster, results);
            await using var services = CloudServices(cluster);
            var client = services.GetRequiredService<PodClientFactory>().Create(new JdCloudCredentials(Cluster.AccessKey, Cluster.SecretKey), minimal.Spec.RegionId!);
            await WarmUpAsync(cluster, client, minimal);
            var writes = await ThroughputAsync(cluster, minimal, n, results);
            if (n == 1000 || (quick && n == sizes[^1])) await MemoryAsync(cluster, $"n{n}", results);
            if (n == sizes[0]) await LatencyAsync(cluster, minimal, LatencySamples(quick), results);
            // The operator stays up: its webhook admits the floor's resources too, and it reconciles only its own namespace.
            await FloorAsync(cluster, client, minimal, n, writes, results);
            results.Save();
        }
    }

    /// <summary>BENCH_N=1000,5000 runs only those sizes (the first one also measures startup and latency).</summary>
    private static int[] Sizes(bool quick) => Environment.GetEnvironmentVariable("BENCH_N") is { Length: > 0 } only
        ? only.Split(',').Select(int.Parse).ToArray()
        : quick ? [100, 500] : [100, 1000, 5000];

    private static TimeSpan Timeout(int n) => TimeSpan.FromSeconds(60 + n * 0.3);

    private static IEnumerable<JdCloudPod> Resources(JdCloudPod template, string prefix, int n, string ns) =>
        Enumerable.Range(0, n).Select(i => BenchPods.Named(template, $"{prefix}-{i:D5}", ns));

    /// <summary>Applies N at once and waits for all Ready; returns the operator's writes to JdCloudPods (the floor repeats as many).</summary>
    private static async Task<int> ThroughputAsync(Cluster cluster, JdCloudPod template, int n, BenchResults results)
    {
        var callsBefore = await cluster.SimulatorCallsAsync();
        var writesBefore = await cluster.WritesAsync();
        var readsBefore = await cluster.ReadsAsync();
        var passesBefore = await cluster.OperatorReconcilesAsync();
        var cpuBefore = Processes.CpuTime(cluster.Operator!);
        var (elapsed, ready) = await ApplyUntilReadyAsync(cluster, Resources(template, "p", n, Cluster.OperatorNamespace), n);
        await Timeline.SaveAsync($"n{n}", cluster.SimulatorUrl);
        var calls = Delta(await cluster.SimulatorCallsAsync(), callsBefore);
        var writes = Delta(await cluster.WritesAsync(), writesBefore);
        var reads = Delta(await cluster.ReadsAsync(), readsBefore);
        var passes = await cluster.OperatorReconcilesAsync() - passesBefore;
        var cpu = Processes.CpuTime(cluster.Operator!) - cpuBefore;
        var podWrites = (int)writes.Where(w => w.Key.StartsWith("jdcloudpods", StringComparison.Ordinal)).Sum(w => w.Value) - n; // minus our creates
        var allWrites = writes.Values.Sum() - n;
        var name = $"reconcile.n{n}";
        if (ready < n) Console.WriteLine($"  only {ready} of {n} were Ready within {Timeout(n)}");
        results.Add(BenchResult.Of(name + ".ready", ready, "resources"));
        results.Add(BenchResult.Of(name + ".time_to_all_ready", elapsed.TotalSeconds, "s"));
        results.Add(BenchResult.Of(name + ".createPods_per_resource", calls.GetValueOrDefault("createPods") / (double)n, "calls"));
        results.Add(BenchResult.Of(name + ".describePods_calls", calls.GetValueOrDefault("describePods"), "calls"));
        results.Add(BenchResult.Of(name + ".describePods_per_100_resources", calls.GetValueOrDefault("describePods") * 100.0 / n, "calls"));
        results.Add(BenchResult.Of(name + ".k8s_writes_per_resource", allWrites / n, "writes"));
        results.Add(BenchResult.Of(name + ".jdcloudpod_writes_per_resource", podWrites / (double)n, "writes"));
        // The writes that grow with the resources (theirs and their Events), without the Lease renewals and the API
        // server's own endpoints, which grow with the run's length.
        results.Add(BenchResult.Of(name + ".object_writes_per_resource", (podWrites + writes.GetValueOrDefault("events")) / n, "writes"));
        // The operator's reads (its JdCloudPod and the credentials Secret, each pass); the floor makes none.
        results.Add(BenchResult.Of(name + ".k8s_reads_per_resource", reads.Where(r => r.Key is "jdcloudpods" or "secrets").Sum(r => r.Value) / n, "reads"));
        if (passes is { } p) results.Add(BenchResult.Of(name + ".reconciles_per_resource", p / n, "passes"));
        // The operator's CPU (watch, passes, webhook reviews of the applies) per resource: a figure that load from
        // other jobs moves far less than the time to all Ready.
        results.Add(BenchResult.Of(name + ".operator_cpu_per_resource", cpu.TotalMilliseconds / n, "ms"));
        Console.WriteLine("  writes: " + string.Join(", ", writes.Where(w => w.Value > 0).Select(w => $"{w.Key} {w.Value}")));
        Console.WriteLine("  cloud calls: " + string.Join(", ", calls.Select(c => $"{c.Key} {c.Value}")));
        return podWrites;
    }

    internal static async Task<(TimeSpan Elapsed, int Ready)> ApplyUntilReadyAsync(Cluster cluster, IEnumerable<JdCloudPod> pods, int n)
    {
        var watching = new TaskCompletionSource();
        var clock = new Stopwatch();
        var first = pods.First().Metadata;
        var wait = cluster.WaitReadyAsync(first.NamespaceProperty, first.Name.Split('-')[0] + "-", n, Timeout(n), watching.SetResult);
        await watching.Task;
        clock.Start();
        await cluster.ApplyAsync(pods);
        var ready = await wait;
        return (clock.Elapsed, ready);
    }

    /// <summary>RSS, peak and anonymous RSS as operator.rss.{state} etc., after 10 s of steady state.</summary>
    internal static async Task MemoryAsync(Cluster cluster, string state, BenchResults results)
    {
        // Steady state: every resource Ready and polled; let a few poll rounds and a GC pass.
        await Task.Delay(TimeSpan.FromSeconds(10));
        results.Add(BenchResult.Of($"operator.rss.{state}", Processes.MemoryMiB(cluster.Operator!), "MiB"));
        results.Add(BenchResult.Of($"operator.peak_rss.{state}", Processes.MemoryMiB(cluster.Operator!, "VmHWM"), "MiB"));
        // RSS counts the mapped framework assemblies (RssFile) and the JIT's double-mapped code (RssShmem), shared
        // and reclaimable; the process's own memory, what grows with the resources managed, is RssAnon.
        results.Add(BenchResult.Of($"operator.rss_anon.{state}", Processes.MemoryMiB(cluster.Operator!, "RssAnon"), "MiB"));
    }

    /// <summary>
    /// Samples of the apply-to-Ready latency: each is one poll's phase against the pod's boot (the wait for the next
    /// poll is anywhere within one poll interval), so 5 gave medians from 54 to 151 ms with the same code; 15 (9 in the quick mode,
    /// about 25 s) make the median steady. Odd, so the median is a sample.
    /// </summary>
    internal static int LatencySamples(bool quick) => quick ? 9 : 15;

    /// <summary>One resource at a time with a pod boot time of 2 s: the rest is the operator's (and the API server's) share.</summary>
    internal static async Task LatencyAsync(Cluster cluster, JdCloudPod template, int samples, BenchResults results)
    {
        var boot = TimeSpan.FromSeconds(2);
        await cluster.ConfigureSimulatorAsync(new { bootDelay = boot.ToString() });
        var overheads = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var (elapsed, ready) = await ApplyUntilReadyAsync(cluster, [BenchPods.Named(template, $"latency{i}-0", Cluster.OperatorNamespace)], 1);
            if (ready != 1) throw new TimeoutException("a single resource did not become Ready");
            overheads.Add((elapsed - boot).TotalMilliseconds);
        }
        await cluster.ConfigureSimulatorAsync(new { bootDelay = TimeSpan.Zero.ToString() });
        // In the order applied: a first sample far above the others shows a cold path.
        Console.WriteLine("  apply-to-Ready minus boot (ms, in order applied): " + string.Join(", ", overheads.Select(o => o.ToString("0"))));
        overheads.Sort();
        results.Add(BenchResult.Of("apply_to_ready_minus_boot.median", overheads[overheads.Count / 2], "ms"));
        results.Add(BenchResult.Of("apply_to_ready_minus_boot.max", overheads[^1], "ms"));
    }

    /// <summary>
    /// The floor of figure 3: the same apply, then exactly one createPods per resource, describePods in batches of
    /// 100, and as many status patches as the operator wrote to JdCloudPods, issued directly (16 at a time, as the
    /// operator's 16 workers) through the same JD Cloud client, with no watch, queue or reconciler.
    /// </summary>
    private static async Task FloorAsync(Cluster cluster, PodClient client, JdCloudPod template, int n, int operatorWrites, BenchResults results)
    {
        var pods = Resources(template, "f", n, Cluster.FloorNamespace).ToList();
        var patchesPerResource = Math.Max(2, (int)Math.Round(operatorWrites / (double)n));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16 };
        var clock = Stopwatch.StartNew();
        await cluster.ApplyAsync(pods);
        var ids = new string[n];
        await Parallel.ForEachAsync(Enumerable.Range(0, n), parallel, async (i, ct) =>
        {
            var created = await client.CreatePodsAsync(pods[i].Spec.PodSpec!, 1, $"floor-{i}", ct);
            ids[i] = created.PodIds!.Single();
            Timeline.Mark(pods[i].Metadata.Name, "podIds");
            for (var p = 1; p < patchesPerResource; p++) await PatchStatusAsync(cluster, pods[i], ids[i], p, ready: false, ct);
            Timeline.Mark(pods[i].Metadata.Name, "patched");
        });
        var running = (await client.DescribePodsByIdsAsync(ids)).Count(p => p.PodStatus?.Phase == "running");
        if (running != n) throw new InvalidOperationException($"floor: {running} of {n} pods running");
        await Parallel.ForEachAsync(Enumerable.Range(0, n), parallel, async (i, ct) =>
        {
            await PatchStatusAsync(cluster, pods[i], ids[i], 0, ready: true, ct);
            Timeline.Mark(pods[i].Metadata.Name, "ready");
        });
        var elapsed = clock.Elapsed;
        await Timeline.SaveAsync($"n{n}.floor", null);
        var time = results.All.Single(r => r.Name == $"reconcile.n{n}.time_to_all_ready");
        results.Replace(BenchResult.Of(time.Name, time.Value, time.Unit, elapsed.TotalSeconds));
    }

    /// <summary>The floor's JD Cloud client (the operator's own client code, against the simulator).</summary>
    internal static ServiceProvider CloudServices(Cluster cluster) => new ServiceCollection().AddLogging().AddJdCloudPodClient(o =>
    {
        o.BaseUrl = cluster.SimulatorUrl;
        o.RateLimitPerSecond = Cluster.CloudRateLimit;
    }).BuildServiceProvider();

    /// <summary>
    /// Before the operator's timed apply, the paths both sides use run, so the floor (measured later, warm) and the
    /// operator start alike. Without it the operator's run paid for compiling them: the simulator (a JIT process
    /// started with the cluster) spent 4.1-4.6 s of CPU during the operator's run against 0.5 s during the floor's,
    /// 55% of it in the JIT (perf), and the bench's own apply and watch ~1.5 s more than warm (N = 1,000). With this
    /// and the simulator compiling each method once (Cluster.StartSimulatorAsync): 0.7-0.8 s. Pods and resources
    /// made here are outside both runs (the floor's namespace, names and tokens of their own; the counts are taken
    /// after).
    /// </summary>
    internal static async Task WarmUpAsync(Cluster cluster, PodClient client, JdCloudPod template)
    {
        const int count = 256;
        var pods = Resources(template, "w", count, Cluster.FloorNamespace).ToList();
        await cluster.ApplyAsync(pods.Take(64));
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            ids[i] = (await client.CreatePodsAsync(pods[i].Spec.PodSpec!, 1, $"warm-up-{i}", ct)).PodIds!.Single());
        // The client pages the IDs by 100, as the operator's batched polls are; rounds enough for the bench's own
        // (tiered) methods to become hot, which the runtime recompiles in the background shortly after.
        for (var round = 0; round < 10; round++) await client.DescribePodsByIdsAsync(ids);
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    /// <summary>
    /// A status patch of the operator's shape and size (the fields, three kstatus conditions, the pod's entry and its
    /// revision, about 1 KB), not a token one: the API server's CPU per write grows with the stored object (a status
    /// patch of a 2.35 KB JdCloudPod cost it 1.4x one of a 1.4 KB JdCloudPod, docs/performance.md, "Reconcile time"), and the
    /// product must write this status, so the floor writes as much.
    /// </summary>
    private static async Task PatchStatusAsync(Cluster cluster, JdCloudPod pod, string podId, int step, bool ready, CancellationToken ct)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var revision = "350c7151f2";
        var running = ready ? "1 of 1 cloud pods running" : "0 of 1 cloud pods running";
        var status = new
        {
            status = new
            {
                observedGeneration = 1,
                phase = ready ? "Running" : "Creating",
                podIds = new[] { podId },
                pods = new[] { new { podId, name = pod.Metadata.Name, phase = ready ? "running" : "pending", privateIpAddress = "10.3.0.2", ready, revision, message = ready ? "Running" : "Pending" } },
                requestedCount = 1,
                createdCount = 1,
                createAttempts = Math.Max(step, 1),
                updateRevision = revision,
                updatedCount = 1,
                revisions = new[] { new { name = revision, description = "74234e98af", containers = "20c5f89602", instanceType = "g.n2.medium", resources = "506f8b7b45", @fixed = "7b4b8873f3" } },
                conditions = new[]
                {
                    new { type = "Ready", status = ready ? "True" : "False", reason = ready ? "AllPodsRunning" : "PodsStarting", message = $"{running}: {podId}", observedGeneration = 1, lastTransitionTime = now },
                    new { type = "Reconciling", status = ready ? "False" : "True", reason = ready ? "Reconciled" : "Creating", message = running, observedGeneration = 1, lastTransitionTime = now },
                    new { type = "Stalled", status = "False", reason = "NotStalled", message = "not stalled", observedGeneration = 1, lastTransitionTime = now },
                },
            },
        };
        await cluster.Api.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(KubernetesJson.Serialize(status), V1Patch.PatchType.MergePatch),
            JdCloudPod.Group, JdCloudPod.Version, pod.Metadata.NamespaceProperty, "jdcloudpods", pod.Metadata.Name, cancellationToken: ct);
    }

    private static Dictionary<string, T> Delta<T>(Dictionary<string, T> after, Dictionary<string, T> before) where T : System.Numerics.INumber<T> =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key, T.Zero)!);
}
