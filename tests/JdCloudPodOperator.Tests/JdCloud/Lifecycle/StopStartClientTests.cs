using JdCloudPodOperator.JdCloud;
using JdCloudSimulator;
using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.JdCloud.Lifecycle;

public class StopStartClientTests : PodClientLifecycleTest
{
    [Fact]
    public async Task StopPod_stops_a_running_pod_and_reports_false_once_it_is_stopping_or_stopped()
    {
        var podId = await RunningPodAsync("web");

        (await Client.StopPodAsync(podId)).Should().BeTrue();

        (await PhaseAsync(podId)).Should().Be("stopping");
        (await Client.StopPodAsync(podId)).Should().BeFalse("already stopping");
        Clock.Advance(Delay);
        (await Client.StopPodAsync(podId)).Should().BeFalse("already stopped");
        (await PhaseAsync(podId)).Should().Be("stopped");
        State.PhaseChanges(podId).Count(c => c.Phase == JdCloudSimulator.Pods.PodPhase.Stopping).Should().Be(1);
    }

    [Fact]
    public async Task StartPod_starts_a_stopped_pod_and_reports_false_once_it_is_starting_or_running()
    {
        var podId = await StoppedPodAsync("web");

        (await Client.StartPodAsync(podId)).Should().BeTrue();

        (await PhaseAsync(podId)).Should().Be("starting");
        (await Client.StartPodAsync(podId)).Should().BeFalse("already starting");
        Clock.Advance(Delay);
        (await Client.StartPodAsync(podId)).Should().BeFalse("already running");
    }

    [Fact]
    public async Task StopPod_on_a_pending_pod_is_Busy_after_the_retries_with_the_phase_observed()
    {
        var podId = await PendingPodAsync("web");

        var stop = async () => await Client.StopPodAsync(podId);

        var error = (await stop.Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(JdCloudErrorKind.Busy);
        error.ObservedPhase.Should().Be("pending");
        error.Status.Should().Be("FAILED_PRECONDITION");
        error.Message.Should().Contain($"pod {podId} is pending, busy with another task");
        Calls("stopPod").Should().Be(Attempts, "FAILED_PRECONDITION on a state-changing call is retried");
    }

    [Fact]
    public async Task StartPod_on_a_stopping_pod_is_Busy()
    {
        var podId = await RunningPodAsync("web");
        await Client.StopPodAsync(podId);

        var start = async () => await Client.StartPodAsync(podId);

        (await start.Should().ThrowAsync<JdCloudApiException>()).Which.Should().Match<JdCloudApiException>(e =>
            e.Kind == JdCloudErrorKind.Busy && e.ObservedPhase == "stopping");
        Clock.Advance(Delay);
        (await Client.StartPodAsync(podId)).Should().BeTrue("busy was only for a while");
    }

    [Fact]
    public async Task Stop_and_start_on_a_pod_in_error_are_WrongPhase_and_not_retried()
    {
        var podId = await RunningPodAsync("web");
        State.FailPod(podId);

        var stop = async () => await Client.StopPodAsync(podId);
        var start = async () => await Client.StartPodAsync(podId);

        var stopError = (await stop.Should().ThrowAsync<JdCloudApiException>()).Which;
        stopError.Kind.Should().Be(JdCloudErrorKind.WrongPhase);
        stopError.ObservedPhase.Should().Be("error");
        stopError.IsRetryable.Should().BeFalse();
        stopError.Message.Should().EndWith($"pod {podId} is error; stopPod needs a running pod (WrongPhase)");
        (await start.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.WrongPhase);
        Calls("stopPod").Should().Be(1);
        Calls("startPod").Should().Be(1);
    }

    [Fact]
    public async Task A_failing_image_lets_startPod_succeed_and_the_pod_end_in_error()
    {
        State.Configure(s => s with { FailingImages = ["nginx:broken"] });
        var podId = await StoppedPodAsync("web");
        await Client.RebuildPodAsync(podId, [new() { Name = "app", Image = "nginx:broken" }]);
        Clock.Advance(Delay);

        (await Client.StartPodAsync(podId)).Should().BeTrue();
        Clock.Advance(Delay);

        var pod = await Client.DescribePodAsync(podId);
        pod!.Phase.Should().Be("error");
        pod.PodStatus!.Reason.Should().Be("ErrImagePull");
        (await Client.GetContainerLogsAsync(podId, "app")).Should().Contain("failed to pull image \"nginx:broken\"");
    }

    [Fact]
    public async Task Rate_limits_and_outages_on_stopPod_are_retried_to_one_stop()
    {
        var podId = await RunningPodAsync("web");
        State.Faults.Script("stopPod", FaultKind.RateLimit);
        State.Faults.Script("stopPod", FaultKind.Unavailable);
        State.Faults.Script("stopPod", FaultKind.InternalError);

        (await Client.StopPodAsync(podId)).Should().BeTrue();

        State.Calls.Snapshot("stopPod").Select(c => c.Status).Should().Equal(429, 503, 500, 200);
        State.PhaseChanges(podId).Count(c => c.Phase == JdCloudSimulator.Pods.PodPhase.Stopping).Should().Be(1);
    }

    [Fact]
    public async Task A_lost_stopPod_answer_is_retried_and_reads_as_already_stopping()
    {
        var podId = await RunningPodAsync("web");
        State.Faults.Script("stopPod", FaultKind.LostResponse);

        (await Client.StopPodAsync(podId)).Should().BeFalse("the first attempt stopped the pod; its answer was lost");

        (await PhaseAsync(podId)).Should().Be("stopping");
        State.PhaseChanges(podId).Count(c => c.Phase == JdCloudSimulator.Pods.PodPhase.Stopping).Should().Be(1, "stopped once");
    }

    [Fact]
    public async Task The_stop_and_start_bodies_repeat_regionId_and_podId()
    {
        var podId = await RunningPodAsync("web");

        await Client.StopPodAsync(podId);

        var call = State.Calls.Snapshot("stopPod").Single();
        (call.Method, call.Path).Should().Be(("POST", $"/v1/regions/cn-north-1/pods/{podId}%3AstopPod"));
        call.Body.Should().Be($$"""{"regionId":"cn-north-1","podId":"{{podId}}"}""");
    }
}

/// <summary>The other reading of the wrong-phase status: FAILED_PRECONDITION, which the pipeline first retries as busy.</summary>
public class WrongPhaseAsFailedPreconditionTests : PodClientLifecycleTest
{
    protected override SimulatorSettings Settings => base.Settings with { WrongPhaseStatus = "FAILED_PRECONDITION" };

    [Fact]
    public async Task A_wrong_phase_answered_as_FAILED_PRECONDITION_still_reads_as_WrongPhase_after_bounded_retries()
    {
        var podId = await RunningPodAsync("web");
        State.FailPod(podId);

        var stop = async () => await Client.StopPodAsync(podId);

        (await stop.Should().ThrowAsync<JdCloudApiException>()).Which.Should().Match<JdCloudApiException>(e =>
            e.Kind == JdCloudErrorKind.WrongPhase && e.ObservedPhase == "error" && e.Status == "FAILED_PRECONDITION");
        Calls("stopPod").Should().Be(Attempts);
        (await Client.StopPodAsync(await StoppedPodAsync("other"))).Should().BeFalse("already stopped, whatever the status");
    }
}
