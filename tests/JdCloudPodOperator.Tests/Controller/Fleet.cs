using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// Many JdCloudPods at once, and the fault tests' end-state check: the simulator's record of every pod it ever created
/// is exactly what the resources want, each pod recorded by exactly one resource, all running, none orphaned.
/// </summary>
public sealed class Fleet(ControllerHarness h, IReadOnlyDictionary<string, int> desired)
{
    /// <summary>Resource name → spec.maxCount.</summary>
    public IReadOnlyDictionary<string, int> Desired => desired;

    public int TotalPods => desired.Values.Sum();

    /// <summary>Creates <paramref name="count"/> resources named prefix-NNN with maxCount 1..<paramref name="maxCount"/>.</summary>
    public static async Task<Fleet> CreateAsync(ControllerHarness h, string prefix, int count, Random random, int maxCount = 1)
    {
        var desired = Enumerable.Range(1, count).ToDictionary(i => $"{prefix}-{i:D3}", _ => random.Next(1, maxCount + 1));
        await Parallel.ForEachAsync(desired, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (r, _) => await h.CreateAsync(h.NewPod(r.Key, r.Value)));
        return new Fleet(h, desired);
    }

    public async Task<IReadOnlyList<JdCloudPod>> ListAsync() =>
        (await h.Resources.ListAsync(h.Namespace)).Items.Where(r => desired.ContainsKey(r.Metadata.Name)).ToList();

    public async Task WaitForAllReadyAsync(TimeSpan limit)
    {
        IReadOnlyList<JdCloudPod> last = [];
        try
        {
            await Eventually.Until(async () => (last = await ListAsync()).Count == desired.Count && last.All(IsReady),
                $"all {desired.Count} resources Ready with their pods running", limit);
        }
        catch (TimeoutException e)
        {
            var notReady = last.Where(r => !IsReady(r)).Take(5).Select(r => $"{r.Metadata.Name}: {k8s.KubernetesJson.Serialize(r.Status)}");
            throw new TimeoutException($"{e.Message}; {last.Count(r => !IsReady(r))} of {last.Count} not Ready, e.g. {string.Join("; ", notReady)}", e);
        }
    }

    public async Task WaitForAllGoneAsync(TimeSpan limit)
    {
        IReadOnlyList<JdCloudPod> last = [];
        try
        {
            await Eventually.Until(async () => (last = await ListAsync()).Count == 0, $"all {desired.Count} resources deleted", limit);
        }
        catch (TimeoutException e)
        {
            var left = last.Take(5).Select(r => $"{r.Metadata.Name}: {k8s.KubernetesJson.Serialize(r.Status)}");
            throw new TimeoutException($"{e.Message}; {last.Count} left (finalizer stuck?), e.g. {string.Join("; ", left)}", e);
        }
    }

    private bool IsReady(JdCloudPod r) =>
        ControllerHarness.IsReady(r) && r.Status!.PodIds?.Count == desired[r.Metadata.Name] && r.Status.Pods!.All(p => p.Phase == "running");

    /// <summary>Every pod ever created is recorded by exactly one resource, as many as it wants, all running.</summary>
    public async Task AssertExactlyTheDesiredPodsAsync()
    {
        var resources = await ListAsync();
        var recorded = resources.SelectMany(r => (r.Status?.PodIds ?? []).Select(id => (Resource: r.Metadata.Name, PodId: id))).ToList();
        recorded.Select(x => x.PodId).Should().OnlyHaveUniqueItems("no pod is recorded by two resources");
        foreach (var r in resources)
            r.Status!.PodIds.Should().HaveCount(desired[r.Metadata.Name], $"{r.Metadata.Name} records spec.maxCount pods");

        var everCreated = h.Simulator.State.Pods().Where(p => desired.ContainsKey(OwnerName(p.Name))).ToList();
        everCreated.Should().HaveCount(TotalPods, "the cloud created exactly the desired pods, never a duplicate");
        everCreated.Select(p => p.PodId).Should().BeEquivalentTo(recorded.Select(x => x.PodId), "no orphan: every pod created is recorded");
        everCreated.Should().OnlyContain(p => p.Phase == JdCloudSimulator.Pods.PodPhase.Running, "every pod is running");
        foreach (var (resource, podId) in recorded)
            OwnerName(everCreated.Single(p => p.PodId == podId).Name).Should().Be(resource, $"{podId} carries its resource's name");
    }

    /// <summary>No pod of these resources is left in the cloud.</summary>
    public void AssertNoPodLeaked()
    {
        var everCreated = h.Simulator.State.Pods().Where(p => desired.ContainsKey(OwnerName(p.Name))).ToList();
        everCreated.Should().NotBeEmpty();
        everCreated.Where(p => p.Exists).Select(p => $"{p.PodId} ({p.Name}, {p.Phase})").Should().BeEmpty("every pod is deleted");
    }

    /// <summary>The resource a cloud pod belongs to: prefix-NNN, or prefix-NNN-k for a pod of several.</summary>
    private string OwnerName(string podName) =>
        desired.ContainsKey(podName) ? podName : podName.LastIndexOf('-') is var i and > 0 ? podName[..i] : podName;
}
