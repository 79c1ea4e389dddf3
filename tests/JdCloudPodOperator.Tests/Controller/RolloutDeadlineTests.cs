using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// Rollouts against time that is not theirs to spend (docs/rollout.md, "The progress deadline"): a pause longer than
/// the deadline, a pod the cloud is slow to start (it counts once it comes up), and a replaced pod that holds the
/// spec's pinned address until its deletion ends.
/// </summary>
public sealed class RolloutDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Phase = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private ControllerHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await ControllerHarness.StartAsync("ctl-deadline", ControllerHarness.EveryPhase(Phase));
        // A stalled rollout is looked at again after this (5 minutes in the product).
        await _h.StartOperatorAsync(tune: s => s.Controller.TerminalRetryDelay = TimeSpan.FromSeconds(2));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_pause_longer_than_the_deadline_lets_the_rollout_carry_on_when_it_ends()
    {
        // Each pod's update takes ~4 s, well inside the deadline even on a busy machine; the pause is longer than it.
        await ReadyAsync("paused", pods: 2, deadlineSeconds: 12);
        _h.Simulator.State.Configure(s => s with { RebuildDelay = TimeSpan.FromSeconds(4) });
        var edited = await _h.EditAsync("paused", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");
        await _h.WaitForAsync("paused", p => p.Status!.Pods!.Any(x => x.Operation is not null), "an operation in flight", Limit);

        await SetPausedAsync("paused", "true");
        await _h.WaitForAsync("paused", p => p.Status!.Phase == Phases.Paused && p.Status.Rollout?.Paused == true, "the rollout's clock stopped", Limit);
        await Task.Delay(TimeSpan.FromSeconds(15)); // longer than the deadline
        await SetPausedAsync("paused", null);

        var done = await _h.WaitForAsync("paused", p => ControllerHarness.IsReady(p) && p.Status!.UpdatedCount == 2 && p.Status.Rollout is null,
            "every pod updated after the pause", Limit);
        done.Metadata.Generation.Should().Be(edited.Metadata.Generation);
        (await _h.EventsAsync("paused")).Should().NotContain(e => e.Reason == Reasons.ProgressDeadlineExceeded, "time paused is not time without progress");
        foreach (var podId in done.Status!.PodIds!)
            (await _h.DescribeCloudPodAsync(podId))!.Containers![0].Image.Should().Be("nginx:1.28");
    }

    [Fact]
    public async Task A_pod_the_cloud_starts_after_the_deadline_lifts_the_stall()
    {
        await ReadyAsync("slow", pods: 1, deadlineSeconds: 8);
        _h.Simulator.State.Configure(s => s with { StartDelay = TimeSpan.FromSeconds(20) });
        var starts = _h.Simulator.State.Calls.Snapshot("startPod").Count;
        await _h.EditAsync("slow", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");
        await Eventually.Until(() => _h.Simulator.State.Calls.Snapshot("startPod").Count > starts, "startPod sent", Limit);

        await _h.WaitForAsync("slow", p => ControllerHarness.Condition(p, Conditions.Stalled)?.Status == "True", "stalled while the pod starts", Limit);
        var done = await _h.WaitForAsync("slow", p => ControllerHarness.IsReady(p) && p.Status!.UpdatedCount == 1 && p.Status.Rollout is null,
            "Ready once the pod runs", Limit);

        ControllerHarness.Condition(done, Conditions.Stalled)!.Status.Should().Be("False");
        done.Status!.Pods!.Should().OnlyContain(p => p.Operation == null, "the finished operation is cleared");
        (await _h.DescribeCloudPodAsync(done.Status.PodIds![0]))!.Containers![0].Image.Should().Be("nginx:1.28");
    }

    [Fact]
    public async Task A_pod_with_a_pinned_address_is_replaced_once_the_old_one_has_let_it_go()
    {
        var pod = _h.NewPod("pinned", 1);
        pod.Spec.PodSpec!.PrimaryNetworkInterface!.NetworkInterface!.PrimaryIpAddress = "10.0.0.200";
        await _h.CreateAsync(pod);
        var old = (await _h.WaitForReadyAsync("pinned", 1, Limit)).Status!.PodIds![0];
        _h.Simulator.State.Configure(s => s with { DeleteDelay = TimeSpan.FromSeconds(6) });
        var creates = _h.Simulator.State.Calls.Snapshot("createPods").Count;

        var edited = await _h.EditAsync("pinned", s => s.PodSpec!.Hostname = "pinned-two"); // a change that needs a new pod
        await _h.WaitForAsync("pinned", p => ControllerHarness.Condition(p, Conditions.Ready)?.Reason == Reasons.WaitingForRelease,
            "the wait for the old pod said in status", Limit);
        var done = await _h.WaitForAsync("pinned", p => ControllerHarness.IsReady(p) && p.Status!.ObservedGeneration == edited.Metadata.Generation
            && p.Status.UpdatedCount == 1 && p.Status.Rollout is null, "replaced", Limit);

        done.Status!.PodIds.Should().ContainSingle().Which.Should().NotBe(old);
        (await _h.DescribeCloudPodAsync(done.Status.PodIds![0]))!.PrivateIpAddress.Should().Be("10.0.0.200");
        _h.Simulator.State.Calls.Snapshot("createPods").Skip(creates).Should().OnlyContain(c => c.Status == 200,
            "the new pod is asked for only once the old one no longer holds the address");
    }

    private async Task ReadyAsync(string name, int pods, int deadlineSeconds)
    {
        var pod = _h.NewPod(name, pods);
        pod.Spec.UpdateStrategy = new UpdateStrategySpec
        {
            RollingUpdate = new RollingUpdateSpec { MaxUnavailable = 1, MaxSurge = 0 }, ProgressDeadlineSeconds = deadlineSeconds,
        };
        await _h.CreateAsync(pod);
        await _h.WaitForReadyAsync(name, pods, Limit);
    }

    private Task SetPausedAsync(string name, string? value) =>
        _h.PatchAsync(name, "{\"metadata\":{\"annotations\":{\"" + Annotations.Paused + "\":" + (value is null ? "null" : $"\"{value}\"") + "}}}");
}
