using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The progress deadline against time that is not a rollout's fault (docs/rollout.md, "The progress deadline"): a
/// pause longer than the deadline, and a pod the cloud is slow to start, which counts once it comes up.
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
        await ReadyAsync("paused", pods: 2, deadlineSeconds: 6);
        _h.Simulator.State.Configure(s => s with { RebuildDelay = TimeSpan.FromSeconds(2) });
        var edited = await _h.EditAsync("paused", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");
        await _h.WaitForAsync("paused", p => p.Status!.Pods!.Any(x => x.Operation is not null), "an operation in flight", Limit);

        await SetPausedAsync("paused", "true");
        await _h.WaitForAsync("paused", p => p.Status!.Phase == Phases.Paused && p.Status.Rollout?.Paused == true, "the rollout's clock stopped", Limit);
        await Task.Delay(TimeSpan.FromSeconds(8)); // longer than the deadline
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
        await ReadyAsync("slow", pods: 1, deadlineSeconds: 3);
        _h.Simulator.State.Configure(s => s with { StartDelay = TimeSpan.FromSeconds(9) });
        await _h.EditAsync("slow", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");

        await _h.WaitForAsync("slow", p => ControllerHarness.Condition(p, Conditions.Stalled)?.Status == "True", "stalled while the pod starts", Limit);
        var done = await _h.WaitForAsync("slow", p => ControllerHarness.IsReady(p) && p.Status!.UpdatedCount == 1 && p.Status.Rollout is null,
            "Ready once the pod runs", Limit);

        ControllerHarness.Condition(done, Conditions.Stalled)!.Status.Should().Be("False");
        done.Status!.Pods!.Should().OnlyContain(p => p.Operation == null, "the finished operation is cleared");
        (await _h.DescribeCloudPodAsync(done.Status.PodIds![0]))!.Containers![0].Image.Should().Be("nginx:1.28");
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
