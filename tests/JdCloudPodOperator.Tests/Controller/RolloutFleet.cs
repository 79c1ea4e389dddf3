using System.Collections.Concurrent;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator.Inspection;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// Resources of 3 pods that all roll out at once: those with an even number by an image change in place
/// (maxUnavailable 1, maxSurge 0), the others by an az change that needs new pods (maxUnavailable 0, maxSurge 1).
/// <see cref="AssertRolledOutAsync"/> is the end-state check of the rollout fault and kill tests.
/// </summary>
public sealed class RolloutFleet(ControllerHarness h, Fleet fleet)
{
    public const int PodsEach = 3;
    private readonly ConcurrentDictionary<string, long> _generations = new();
    private Dictionary<string, IReadOnlyList<string>> _before = [];
    private long _since;

    public Fleet Fleet => fleet;

    public static async Task<RolloutFleet> CreateAsync(ControllerHarness h, string prefix, int count)
    {
        var fleet = new Fleet(h, Enumerable.Range(1, count).ToDictionary(i => $"{prefix}-{i:D3}", _ => PodsEach));
        await Parallel.ForEachAsync(fleet.Desired.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) =>
        {
            var pod = h.NewPod(name, PodsEach);
            pod.Spec.UpdateStrategy = new UpdateStrategySpec
            {
                RollingUpdate = InPlace(name)
                    ? new RollingUpdateSpec { MaxUnavailable = 1, MaxSurge = 0 }
                    : new RollingUpdateSpec { MaxUnavailable = 0, MaxSurge = 1 },
            };
            await h.CreateAsync(pod);
        });
        return new RolloutFleet(h, fleet);
    }

    public static bool InPlace(string name) => int.Parse(name[^3..]) % 2 == 0;

    /// <summary>Notes each resource's pods and edits every spec (all resources must be Ready).</summary>
    public async Task EditAllAsync()
    {
        _before = (await fleet.ListAsync()).ToDictionary(r => r.Metadata.Name, r => (IReadOnlyList<string>)r.Status!.PodIds!);
        _since = h.Simulator.State.PhaseChanges().Last().Sequence;
        await Parallel.ForEachAsync(fleet.Desired.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) =>
            _generations[name] = (await h.EditAsync(name, InPlace(name)
                ? spec => spec.PodSpec!.Containers![0].Image = "nginx:1.28"
                : spec => spec.PodSpec!.Az = "cn-north-1b")).Metadata.Generation!.Value);
    }

    /// <summary>Ready at the edited generation, every pod on its revision, no rollout left.</summary>
    public bool Updated(JdCloudPod r) =>
        ControllerHarness.IsReady(r) && r.Metadata.Generation == _generations[r.Metadata.Name] && r.Status!.UpdatedCount == PodsEach
        && r.Status.PodIds!.Count == PodsEach && r.Status.Rollout is null;

    public async Task WaitForAllUpdatedAsync(TimeSpan limit) =>
        await Eventually.Until(async () => (await fleet.ListAsync()).All(Updated), "every resource Ready with every pod on its new revision", limit);

    /// <summary>
    /// Every pod runs the new revision; each resource's live pods are exactly the ones it records (none leaked); the
    /// in-place ones kept their pods and created none, the others have new pods only; and the simulator's phase
    /// record shows, for every resource at every instant, at most maxUnavailable pods below maxCount running.
    /// </summary>
    public async Task AssertRolledOutAsync()
    {
        // A pod leaves status once its deletePod is accepted, so a resource can be Ready while one is still deleting.
        await Eventually.Until(() => !h.Simulator.State.Pods().Any(p => p.Phase == JdCloudSimulator.Pods.PodPhase.Deleting
            && fleet.Desired.ContainsKey(Owner(p.Name))), "every deletion the rollouts started has ended");
        var cloud = h.Simulator.State.Pods();
        var changes = h.Simulator.State.PhaseChanges();
        foreach (var resource in await fleet.ListAsync())
        {
            var name = resource.Metadata.Name;
            var recorded = resource.Status!.PodIds!;
            var ours = cloud.Where(p => Owner(p.Name) == name).ToList();
            var live = ours.Where(p => p.Exists).ToList();
            live.Select(p => p.PodId).Should().BeEquivalentTo(recorded, $"{name}: exactly its recorded pods live, none leaked");
            resource.Status.Pods!.Should().OnlyContain(p => p.Revision == resource.Status.UpdateRevision && p.Operation == null, name);
            if (InPlace(name))
            {
                recorded.Should().BeEquivalentTo(_before[name], $"{name}: updated in place, same pods");
                ours.Should().HaveCount(PodsEach, $"{name}: no pod created for an in-place update");
            }
            else
            {
                recorded.Should().NotIntersectWith(_before[name], $"{name}: an az change needs new pods");
                live.Should().OnlyContain(p => p.Az == "cn-north-1b", name);
            }
            var floor = InPlace(name) ? PodsEach - 1 : PodsEach;
            PhaseTimeline.Counts(changes.Where(c => Owner(c.Name) == name)).Where(c => c.Sequence > _since).Min(c => c.Running)
                .Should().BeGreaterThanOrEqualTo(floor, $"{name}: never more than maxUnavailable pods below maxCount running");
        }
    }

    /// <summary>The resource a cloud pod belongs to: prefix-NNN, or prefix-NNN-k.</summary>
    private string Owner(string podName) =>
        fleet.Desired.Keys.FirstOrDefault(name => podName == name || podName.StartsWith(name + "-", StringComparison.Ordinal)) ?? podName;
}
