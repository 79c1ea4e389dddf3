using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator;
using JdCloudSimulator.Faults;
using JdCloudSimulator.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// podSpec and runState changes on the real API server with the simulator: every phase takes a little while, so the
/// rollout's bounds can be read from the simulator's record of every phase change afterwards.
/// </summary>
public sealed class RolloutTests : IAsyncLifetime
{
    private const string BrokenImage = "nginx:broken";
    private static readonly TimeSpan Phase = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan RolloutLimit = TimeSpan.FromSeconds(90);
    private ControllerHarness _h = null!;
    private WebApplication _operator = null!;

    public async Task InitializeAsync()
    {
        _h = await ControllerHarness.StartAsync("ctl-rollout", ControllerHarness.EveryPhase(Phase) with { FailingImages = [BrokenImage] });
        _operator = await _h.StartOperatorAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_image_change_is_made_in_place_with_at_most_max_unavailable_pods_down()
    {
        var ids = await ReadyAsync("inplace", 3, unavailable: "1", surge: "0");
        var since = LastChange();
        var calls = LastCall();

        var edited = await _h.EditAsync("inplace", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");
        var done = await UpdatedAsync("inplace", edited, 3);

        done.Status!.PodIds.Should().Equal(ids, "an in-place update keeps every pod");
        (await ImagesAsync(ids)).Should().AllBe("nginx:1.28");
        var counts = Timeline(c => ids.Contains(c.PodId), since);
        counts.Should().NotBeEmpty();
        counts.Max(c => c.NotRunning).Should().Be(1, "one pod at a time is stopped, rebuilt and started");
        counts.Min(c => c.Running).Should().Be(2);
        foreach (var operation in new[] { "stopPod", "rebuildPod", "startPod" })
            Calls(operation, ids).Should().Be(3, $"one {operation} per pod");
        Calls("createPods", null, calls).Should().Be(0);
        await _h.WaitForEventAsync("inplace", EventReasons.Updated, "in place");
    }

    [Fact]
    public async Task A_change_that_needs_new_pods_keeps_max_count_running_and_deletes_every_old_pod()
    {
        var ids = await ReadyAsync("replace", 3, unavailable: "0", surge: "1");
        var since = LastChange();

        var edited = await _h.EditAsync("replace", s => s.PodSpec!.Az = "cn-north-1b");
        var done = await UpdatedAsync("replace", edited, 3);

        var now = done.Status!.PodIds!;
        now.Should().HaveCount(3).And.NotIntersectWith(ids, "an az change needs new pods");
        // Ready comes once the old pods' deletion is accepted; the cloud takes a moment (DeleteDelay) to remove them.
        await Eventually.Until(() => _h.LiveCloudPods("replace").Count == now.Count, "the old pods' deletion to finish", ControllerHarness.Limit,
            () => string.Join(", ", _h.LiveCloudPods("replace").Select(p => $"{p.PodId} {p.Phase}")));
        _h.LiveCloudPods("replace").Select(p => p.PodId).Should().BeEquivalentTo(now, "every old pod is deleted, nothing leaked");
        _h.LiveCloudPods("replace").Should().OnlyContain(p => p.Az == "cn-north-1b");
        bool Ours(PhaseChangeRecord c) => c.Name.StartsWith("replace", StringComparison.Ordinal);
        Timeline(Ours, since).Min(c => c.Running).Should().BeGreaterThanOrEqualTo(3, "maxUnavailable 0: never fewer than maxCount running");
        MostNotLeaving(_h.Simulator.State.PhaseChanges().Where(Ours), since).Should().Be(4, "maxSurge 1: one pod above maxCount, besides old pods on their way out");
        await _h.WaitForEventAsync("replace", EventReasons.Replaced, ids[0]);
    }

    [Fact]
    public async Task A_bad_image_stalls_at_the_deadline_and_reverting_the_spec_recovers()
    {
        // The deadline counts from the last step that made progress; 10 s leaves the failing start room on a busy machine.
        var ids = await ReadyAsync("bad", 2, unavailable: "1", surge: "0", deadline: 10);

        var broken = await _h.EditAsync("bad", s => s.PodSpec!.Containers![0].Image = BrokenImage);
        var stalled = await _h.WaitForAsync("bad", p => ControllerHarness.Condition(p, Conditions.Stalled) is { Status: "True" } c
            && c.Reason == Reasons.ProgressDeadlineExceeded && c.ObservedGeneration == broken.Metadata.Generation, "Stalled: ProgressDeadlineExceeded", RolloutLimit);

        ControllerHarness.Condition(stalled, Conditions.Stalled)!.Message.Should().Contain("in error").And.Contain("ErrImagePull");
        Calls("startPod", ids).Should().Be(1, "the pod that failed holds the rollout: no other pod is taken down");
        stalled.Status!.Pods!.Count(p => p.Phase == "running").Should().Be(1);
        await _h.WaitForEventAsync("bad", Reasons.ProgressDeadlineExceeded);

        var reverted = await _h.EditAsync("bad", s => s.PodSpec!.Containers![0].Image = "nginx:1.27");
        var recovered = await UpdatedAsync("bad", reverted, 2);
        recovered.Status!.PodIds.Should().Contain(ids.Where(id => _h.Simulator.State.Pod(id)!.Exists), "the pod that never changed is kept");
        (await ImagesAsync(recovered.Status.PodIds!)).Should().AllBe("nginx:1.27");
        ControllerHarness.Condition(recovered, Conditions.Stalled)!.Status.Should().Be("False");
    }

    [Fact]
    public async Task A_description_change_goes_through_modifyPodAttribute_without_stopping_any_pod()
    {
        var ids = await ReadyAsync("words", 2, unavailable: "0", surge: "1");

        var edited = await _h.EditAsync("words", s => s.PodSpec!.Description = "serves the shop front");
        var done = await UpdatedAsync("words", edited, 2);

        done.Status!.PodIds.Should().Equal(ids);
        Calls("modifyPodAttribute", ids).Should().Be(2);
        (Calls("stopPod", ids), Calls("startPod", ids), Calls("rebuildPod", ids)).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task A_resize_whose_answer_was_lost_is_found_applied_and_the_pod_runs_on_the_new_type()
    {
        var ids = await ReadyAsync("bigger", 1, unavailable: "1", surge: "0");
        // The first resizePod is carried out and its answer dropped: the client's retry is refused as "same type".
        _h.Simulator.State.Faults.Script("resizePod", FaultKind.LostResponse);

        var edited = await _h.EditAsync("bigger", s => s.PodSpec!.InstanceType = "g.n2.large");
        var done = await UpdatedAsync("bigger", edited, 1);

        done.Status!.PodIds.Should().Equal(ids, "a resize keeps the pod");
        var pod = _h.Simulator.State.Pod(ids[0])!;
        (pod.InstanceType, pod.Phase).Should().Be(("g.n2.large", JdCloudSimulator.Pods.PodPhase.Running));
        _h.Simulator.State.Calls.Snapshot("resizePod").Should().Contain(c => c.Fault == FaultKind.LostResponse)
            .And.Contain(c => c.Status == 400, "the retry met the type the lost attempt had set");
    }

    [Fact]
    public async Task Run_state_stopped_stops_every_pod_and_running_starts_them_again()
    {
        var ids = await ReadyAsync("sleep", 2, unavailable: "0", surge: "1");

        var stopped = await _h.EditAsync("sleep", s => s.RunState = RunStates.Stopped);
        var asleep = await _h.WaitForAsync("sleep", p => ControllerHarness.IsReady(p) && p.Metadata.Generation == stopped.Metadata.Generation,
            "Ready with every pod stopped", RolloutLimit);
        asleep.Status!.Phase.Should().Be(Phases.Stopped);
        ControllerHarness.Condition(asleep, Conditions.Ready)!.Reason.Should().Be(Reasons.AllPodsStopped);
        ids.Select(id => _h.Simulator.State.Pod(id)!.Phase).Should().AllBeEquivalentTo(JdCloudSimulator.Pods.PodPhase.Stopped, "stopPod keeps every pod");

        var running = await _h.EditAsync("sleep", s => s.RunState = RunStates.Running);
        var awake = await UpdatedAsync("sleep", running, 2);
        awake.Status!.PodIds.Should().Equal(ids);
        (Calls("stopPod", ids), Calls("startPod", ids), Calls("deletePod", ids)).Should().Be((2, 2, 0));
    }

    [Fact]
    public async Task Under_the_never_strategy_a_change_that_got_past_the_webhook_stalls_without_touching_a_pod()
    {
        var ids = await ReadyAsync("frozen", 1, unavailable: "1", surge: "0");
        await _h.EditAsync("frozen", s => s.UpdateStrategy!.Type = UpdateStrategyTypes.Never);

        // This harness registers no webhook, as if it had been bypassed.
        var edited = await _h.EditAsync("frozen", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");
        var stalled = await _h.WaitForAsync("frozen", p => ControllerHarness.Condition(p, Conditions.Stalled) is { Status: "True", Reason: Reasons.UpdateStrategyNever } c
            && c.ObservedGeneration == edited.Metadata.Generation, "Stalled: UpdateStrategyNever", RolloutLimit);

        stalled.Status!.PodIds.Should().Equal(ids);
        (Calls("stopPod", ids), Calls("deletePod", ids)).Should().Be((0, 0));
    }

    [Fact]
    public async Task Pausing_scaling_and_deleting_keep_working_in_the_middle_of_a_rollout()
    {
        var ids = await ReadyAsync("midway", 3, unavailable: "1", surge: "0");
        _h.Simulator.State.Configure(s => s with { RebuildDelay = TimeSpan.FromSeconds(2) });

        await _h.EditAsync("midway", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");
        await _h.WaitForAsync("midway", p => p.Status!.Pods!.Any(x => x.Operation is not null), "an operation in flight", RolloutLimit);
        await _h.PatchAsync("midway", "{\"metadata\":{\"annotations\":{\"" + Annotations.Paused + "\":\"true\"}}}");
        var paused = await _h.WaitForAsync("midway", p => p.Status!.Phase == Phases.Paused, "Paused", RolloutLimit);
        paused.Status!.Pods!.Should().Contain(p => p.Operation != null, "a paused rollout keeps its operations recorded");

        await _h.PatchAsync("midway", "{\"metadata\":{\"annotations\":{\"" + Annotations.Paused + "\":null}},\"spec\":{\"maxCount\":2}}");
        var scaled = await _h.GetAsync("midway");
        var done = await UpdatedAsync("midway", scaled!, 2);
        done.Status!.PodIds.Should().BeSubsetOf(ids, "scaling down mid-rollout deletes a pod, the others are updated in place");
        (await ImagesAsync(done.Status.PodIds!)).Should().AllBe("nginx:1.28");

        await _h.EditAsync("midway", s => s.PodSpec!.Containers![0].Image = "nginx:1.29");
        await _h.WaitForAsync("midway", p => p.Status!.Pods!.Any(x => x.Operation is not null), "an operation in flight", RolloutLimit);
        await _h.DeleteAsync("midway");
        await _h.WaitForGoneAsync("midway");
        _h.LiveCloudPods("midway").Should().BeEmpty();
    }

    [Fact]
    public async Task Orphaning_in_the_middle_of_an_update_first_starts_the_pod_it_stopped()
    {
        var pod = _h.NewPod("orphan", 2, deletionPolicy: "Orphan");
        pod.Spec.UpdateStrategy = new UpdateStrategySpec { RollingUpdate = new RollingUpdateSpec { MaxUnavailable = 1, MaxSurge = 0 } };
        await _h.CreateAsync(pod);
        var ids = (await _h.WaitForReadyAsync("orphan", 2, RolloutLimit)).Status!.PodIds!;
        _h.Simulator.State.Configure(s => s with { RebuildDelay = TimeSpan.FromSeconds(2) });

        await _h.EditAsync("orphan", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");
        await _h.WaitForAsync("orphan", p => p.Status!.Pods!.Any(x => x.Operation?.Steps?[0] is PodSteps.Rebuild or PodSteps.Start), "a pod stopped for its update", RolloutLimit);
        await _h.DeleteAsync("orphan");
        await _h.WaitForGoneAsync("orphan");

        await Eventually.Until(() => ids.All(id => _h.Simulator.State.Pod(id)!.Phase == JdCloudSimulator.Pods.PodPhase.Running),
            "every orphaned pod runs", RolloutLimit);
    }

    /// <summary>Creates a resource with these bounds and waits until it is Ready; its pod IDs.</summary>
    private async Task<IReadOnlyList<string>> ReadyAsync(string name, int pods, string unavailable, string surge, int? deadline = null)
    {
        var pod = _h.NewPod(name, pods);
        pod.Spec.UpdateStrategy = new UpdateStrategySpec
        {
            RollingUpdate = new RollingUpdateSpec { MaxUnavailable = unavailable, MaxSurge = surge }, ProgressDeadlineSeconds = deadline,
        };
        await _h.CreateAsync(pod);
        return (await _h.WaitForReadyAsync(name, pods, RolloutLimit)).Status!.PodIds!;
    }

    /// <summary>Waits until every pod runs the edited spec's revision.</summary>
    private Task<JdCloudPod> UpdatedAsync(string name, JdCloudPod edited, int pods) =>
        _h.WaitForAsync(name, p => ControllerHarness.IsReady(p) && p.Metadata.Generation == edited.Metadata.Generation
            && p.Status!.UpdatedCount == pods && p.Status.PodIds!.Count == pods && p.Status.Rollout is null,
            $"every pod updated for generation {edited.Metadata.Generation}", RolloutLimit);

    private long LastChange() => _h.Simulator.State.PhaseChanges().LastOrDefault()?.Sequence ?? 0;

    private long LastCall() => _h.Simulator.State.Calls.Snapshot().LastOrDefault()?.Sequence ?? 0;

    /// <summary>Successful calls of <paramref name="operation"/> on these pods (null: any), after call <paramref name="after"/>.</summary>
    private int Calls(string operation, IReadOnlyCollection<string>? podIds, long after = 0) =>
        _h.Simulator.State.Calls.Snapshot(operation).Count(c => c.Status == 200 && c.Sequence > after && (podIds is null || podIds.Contains(c.PodId ?? "")));

    /// <summary>Running and not running pods after each change since <paramref name="since"/>, counted from every pod's first change.</summary>
    private IReadOnlyList<PhaseCount> Timeline(Func<PhaseChangeRecord, bool> ours, long since) =>
        [.. PhaseTimeline.Counts(_h.Simulator.State.PhaseChanges().Where(ours)).Where(c => c.Sequence > since)];

    /// <summary>The most pods that existed at once after change <paramref name="since"/>, not counting those being deleted.</summary>
    private static int MostNotLeaving(IEnumerable<PhaseChangeRecord> changes, long since)
    {
        var phases = new Dictionary<string, JdCloudSimulator.Pods.PodPhase>();
        var most = 0;
        foreach (var change in changes.OrderBy(c => c.Sequence))
        {
            phases[change.PodId] = change.Phase;
            if (change.Sequence > since)
                most = Math.Max(most, phases.Values.Count(p => p is not (JdCloudSimulator.Pods.PodPhase.Deleting or JdCloudSimulator.Pods.PodPhase.Gone)));
        }
        return most;
    }

    /// <summary>The first container's image of each pod, as describePods reports it.</summary>
    private async Task<IReadOnlyList<string?>> ImagesAsync(IEnumerable<string> podIds)
    {
        var client = _operator.Services.GetRequiredService<PodClientFactory>()
            .Create(new JdCloudCredentials(_h.Simulator.Options.AccessKey, _h.Simulator.Options.SecretKey), "cn-north-1");
        return [.. (await client.DescribePodsByIdsAsync(podIds)).Select(p => p.Containers?.FirstOrDefault()?.Image)];
    }
}
