using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator;
using JdCloudSimulator.Inspection;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The operator process (production timings, 15 cloud calls/s) is SIGKILLed at random instants, 20 times, while 50
/// resources of 3 pods roll out: half by an image change in place (maxUnavailable 1, maxSurge 0), half by an az
/// change that needs new pods (maxUnavailable 0, maxSurge 1). Every phase takes a moment, so kills land between a
/// checkpoint and its call, between a call and its status write, and mid-phase. At the end every pod runs the new
/// revision, each resource has exactly its 3 live pods, none leaked, and the simulator's phase record shows that the
/// availability bound held at every instant.
/// </summary>
public sealed class RolloutCrashTests : IAsyncLifetime
{
    private const int Resources = 50, PodsEach = 3, Kills = 20;
    private static readonly TimeSpan Phase = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromMinutes(8);
    private ControllerHarness _h = null!;

    public async Task InitializeAsync() => _h = await ControllerHarness.StartAsync("ctl-rollkill", new SimulatorSettings
    {
        BootDelay = Phase, DeleteDelay = Phase, StopDelay = Phase, StartDelay = Phase, RebuildDelay = Phase, ResizeDelay = Phase,
    });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static bool InPlace(string name) => int.Parse(name[^3..]) % 2 == 0;

    [Fact]
    public Task Killed_twenty_times_while_50_resources_roll_out_every_pod_ends_updated_within_its_bounds() => FaultSeed.RunAsync(async random =>
    {
        var fleet = new Fleet(_h, Enumerable.Range(1, Resources).ToDictionary(i => $"rk-{i:D3}", _ => PodsEach));
        await Parallel.ForEachAsync(fleet.Desired.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) => await _h.CreateAsync(New(name)));
        Dictionary<string, IReadOnlyList<string>> before;
        using (var first = OperatorProcess.Start(_h.Namespace, _h.Simulator.BaseUrl))
        {
            await WaitAsync(() => fleet.WaitForAllReadyAsync(ConvergeLimit), first);
            before = (await fleet.ListAsync()).ToDictionary(r => r.Metadata.Name, r => (IReadOnlyList<string>)r.Status!.PodIds!);
            await first.KillAsync();
        }

        var since = _h.Simulator.State.PhaseChanges().Last().Sequence;
        var generations = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        await Parallel.ForEachAsync(fleet.Desired.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) =>
            generations[name] = (await _h.EditAsync(name, Change(name))).Metadata.Generation!.Value);

        for (var kill = 1; kill <= Kills; kill++)
        {
            using var process = OperatorProcess.Start(_h.Namespace, _h.Simulator.BaseUrl);
            var last = LastCall();
            await Eventually.Until(() => LastCall() > last || process.HasExited, $"kill {kill}: the restarted operator calls the cloud", StartLimit);
            process.HasExited.Should().BeFalse($"kill {kill}: the operator must be running when it is killed; it said: {process.Output}");
            await Task.Delay(random.Next(0, 1500));
            await process.KillAsync();
        }

        // Not asserted (it depends on timing), but shown when run by hand: how far the kills let the rollout get.
        var unfinished = (await fleet.ListAsync()).Count(r => !Updated(r, generations[r.Metadata.Name]));
        var inFlight = (await fleet.ListAsync()).Sum(r => r.Status?.Pods?.Count(p => p.Operation is not null) ?? 0);
        Console.WriteLine($"after {Kills} kills: {unfinished} of {Resources} resources still rolling out, {inFlight} pod operations in flight");

        using var final = OperatorProcess.Start(_h.Namespace, _h.Simulator.BaseUrl);
        await WaitAsync(() => Eventually.Until(async () => (await fleet.ListAsync()).All(r => Updated(r, generations[r.Metadata.Name])),
            "every resource Ready with every pod on its new revision", ConvergeLimit), final);

        foreach (var resource in await fleet.ListAsync()) AssertRolledOut(resource, before[resource.Metadata.Name], since);
    });

    private JdCloudPod New(string name)
    {
        var pod = _h.NewPod(name, PodsEach);
        pod.Spec.UpdateStrategy = new UpdateStrategySpec
        {
            RollingUpdate = InPlace(name)
                ? new RollingUpdateSpec { MaxUnavailable = 1, MaxSurge = 0 }
                : new RollingUpdateSpec { MaxUnavailable = 0, MaxSurge = 1 },
        };
        return pod;
    }

    private static Action<JdCloudPodSpec> Change(string name) => InPlace(name)
        ? spec => spec.PodSpec!.Containers![0].Image = "nginx:1.28"
        : spec => spec.PodSpec!.Az = "cn-north-1b";

    private static bool Updated(JdCloudPod r, long generation) =>
        ControllerHarness.IsReady(r) && r.Metadata.Generation == generation && r.Status!.UpdatedCount == PodsEach
        && r.Status.PodIds!.Count == PodsEach && r.Status.Rollout is null;

    private void AssertRolledOut(JdCloudPod resource, IReadOnlyList<string> before, long since)
    {
        var name = resource.Metadata.Name;
        var recorded = resource.Status!.PodIds!;
        var ours = _h.Simulator.State.Pods().Where(p => Owner(p.Name) == name).ToList();
        ours.Where(p => p.Exists).Select(p => p.PodId).Should().BeEquivalentTo(recorded, $"{name}: exactly its recorded pods live, none leaked");
        resource.Status.Pods!.Should().OnlyContain(p => p.Revision == resource.Status.UpdateRevision && p.Operation == null, name);
        if (InPlace(name))
        {
            recorded.Should().BeEquivalentTo(before, $"{name}: updated in place, same pods");
            ours.Should().HaveCount(PodsEach, $"{name}: no pod created for an in-place update");
        }
        else
        {
            recorded.Should().NotIntersectWith(before, $"{name}: an az change needs new pods");
            ours.Where(p => p.Exists).Should().OnlyContain(p => p.Az == "cn-north-1b", name);
        }
        var floor = InPlace(name) ? PodsEach - 1 : PodsEach;
        var counts = PhaseTimeline.Counts(_h.Simulator.State.PhaseChanges().Where(c => Owner(c.Name) == name)).Where(c => c.Sequence > since).ToList();
        counts.Min(c => c.Running).Should().BeGreaterThanOrEqualTo(floor, $"{name}: never more than maxUnavailable pods below maxCount running");
    }

    /// <summary>The resource a cloud pod belongs to: rk-NNN, or rk-NNN-k.</summary>
    private static string Owner(string podName) => podName.Length > 6 ? podName[..6] : podName;

    private long LastCall() => _h.Simulator.State.Calls.Snapshot().LastOrDefault()?.Sequence ?? 0;

    private static async Task WaitAsync(Func<Task> wait, OperatorProcess process)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the operator said: {process.Output}", e);
        }
    }
}
