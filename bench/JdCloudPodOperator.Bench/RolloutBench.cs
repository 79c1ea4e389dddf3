using System.Diagnostics;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace JdCloudPodOperator.Bench;

/// <summary>
/// Figure 6: 100 resources of 3 pods, an image change rolled through in place (maxUnavailable 1, maxSurge 0; the
/// simulator answers instantly): time from the edits until every resource is Ready on the new revision, and the cloud
/// calls per updated pod (the target: exactly one stop, one rebuild and one start, describes batched). Floor: the same
/// stop, rebuild and start calls issued directly through the same client on 300 pods created for it, one pod after the
/// other within each group of 3 (what maxUnavailable 1 allows), 16 groups at a time.
/// </summary>
public static class RolloutBench
{
    private const int Resources = 100, PodsEach = 3, Parallel = 16;
    private const string Image = "nginx:1.28";
    private static readonly string[] Steps = ["stopPod", "rebuildPod", "startPod"];
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(string root, BenchResults results)
    {
        Console.WriteLine($"rollout, {Resources} resources x {PodsEach} pods");
        await using var cluster = await Cluster.StartAsync(root, Path.Combine(ReconcileBench.Work, "rollout"));
        await cluster.StartOperatorAsync();
        var template = BenchPods.Minimal(root);
        template.Spec.MaxCount = PodsEach;
        template.Spec.UpdateStrategy = new UpdateStrategySpec { RollingUpdate = new RollingUpdateSpec { MaxUnavailable = 1, MaxSurge = 0 } };
        var names = Enumerable.Range(0, Resources).Select(i => $"roll-{i:D5}").ToList();
        await cluster.ApplyAsync(names.Select(n => BenchPods.Named(template, n, Cluster.OperatorNamespace)));
        if (await cluster.WaitReadyAsync(Cluster.OperatorNamespace, "roll-", Resources, Limit) < Resources)
            throw new TimeoutException("the resources did not become Ready");

        var before = await cluster.SimulatorCallCountsAsync();
        var clock = Stopwatch.StartNew();
        var patch = new V1Patch($$"""[{"op":"replace","path":"/spec/podSpec/containers/0/image","value":"{{Image}}"}]""", V1Patch.PatchType.JsonPatch);
        await System.Threading.Tasks.Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (name, ct) =>
            await cluster.Api.CustomObjects.PatchNamespacedCustomObjectAsync(patch, JdCloudPod.Group, JdCloudPod.Version,
                Cluster.OperatorNamespace, JdCloudPod.Plural, name, cancellationToken: ct));
        var updated = await cluster.WaitReadyAsync(Cluster.OperatorNamespace, "roll-", Resources, Limit, done: RolledOut);
        var elapsed = clock.Elapsed;
        var calls = (await cluster.SimulatorCallCountsAsync()).ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key));
        if (updated < Resources) Console.WriteLine($"  only {updated} of {Resources} were updated within {Limit}");
        Console.WriteLine("  cloud calls: " + string.Join(", ", calls.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}")));

        const int pods = Resources * PodsEach;
        results.Add(BenchResult.Of("rollout.n100x3.updated", updated, "resources"));
        results.Add(BenchResult.Of("rollout.n100x3.time_to_all_updated", elapsed.TotalSeconds, "s", await FloorAsync(cluster, template)));
        foreach (var step in Steps) results.Add(BenchResult.Of($"rollout.n100x3.{step}_per_pod", calls.GetValueOrDefault(step) / (double)pods, "calls"));
        results.Add(BenchResult.Of("rollout.n100x3.describePods_calls", calls.GetValueOrDefault("describePods"), "calls"));
        results.Add(BenchResult.Of("rollout.n100x3.cloud_calls_per_pod", calls.Values.Sum() / (double)pods, "calls", Steps.Length));
        results.Save();
    }

    /// <summary>Ready for the edited generation with every pod on its revision and nothing in flight.</summary>
    private static bool RolledOut(JdCloudPod pod) =>
        pod.Status is { } status && status.ObservedGeneration == pod.Metadata.Generation && status.UpdatedCount == PodsEach && status.Rollout is null;

    /// <summary>The floor's time in seconds: stop, rebuild, start, pod after pod in each group, groups in parallel.</summary>
    private static async Task<double> FloorAsync(Cluster cluster, JdCloudPod template)
    {
        await using var services = new ServiceCollection().AddLogging().AddJdCloudPodClient(o =>
        {
            o.BaseUrl = cluster.SimulatorUrl;
            o.RateLimitPerSecond = Cluster.CloudRateLimit;
        }).BuildServiceProvider();
        var client = services.GetRequiredService<PodClientFactory>().Create(new JdCloudCredentials(Cluster.AccessKey, Cluster.SecretKey), template.Spec.RegionId!);
        var spec = BenchPods.Clone(template.Spec.PodSpec!);
        spec.Name = "floor";
        var groups = new List<IReadOnlyList<string>>();
        for (var g = 0; g < Resources; g++) groups.Add((await client.CreatePodsAsync(spec, PodsEach, $"floor-{g}")).PodIds!);
        var containers = spec.Containers!.Select(c => { var copy = BenchPods.Clone(c); copy.Image = Image; return copy; })
            .Select(JdCloud.Models.RebuildContainerSpec.From).ToList();

        var clock = Stopwatch.StartNew();
        await System.Threading.Tasks.Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (group, ct) =>
        {
            foreach (var podId in group)
            {
                await client.StopPodAsync(podId, ct);
                await client.RebuildPodAsync(podId, containers, ct);
                await client.StartPodAsync(podId, ct);
            }
        });
        return clock.Elapsed.TotalSeconds;
    }
}
