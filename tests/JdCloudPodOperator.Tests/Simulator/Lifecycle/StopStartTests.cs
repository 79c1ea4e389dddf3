using System.Net;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

public class StopStartTests : PodCallTest
{
    [Fact]
    public async Task StopPod_moves_a_running_pod_through_stopping_to_stopped_when_the_stop_delay_has_passed()
    {
        var podId = await RunningPodAsync("web");
        var ip = (await DescribeAsync(podId))["privateIpAddress"]!.GetValue<string>();

        (await OkAsync(podId, "stopPod")).Result.AsObject().Should().BeEmpty();

        (await PhaseAsync(podId)).Should().Be("stopping");
        Clock.Advance(Delay - TimeSpan.FromSeconds(1));
        (await PhaseAsync(podId)).Should().Be("stopping");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var stopped = await DescribeAsync(podId);
        stopped["podStatus"]!["phase"]!.GetValue<string>().Should().Be("stopped");
        stopped["podStatus"]!["conditions"]![0]!["status"]!.GetValue<string>().Should().Be("False");
        stopped["privateIpAddress"]!.GetValue<string>().Should().Be(ip, "a stopped pod keeps its IP");
        stopped["containers"]![0]!["containerStatus"]!["state"]!["terminated"].Should().NotBeNull();
    }

    [Fact]
    public async Task StartPod_moves_a_stopped_pod_through_starting_to_running_when_the_start_delay_has_passed()
    {
        var podId = await StoppedPodAsync("web");

        await OkAsync(podId, "startPod");

        (await PhaseAsync(podId)).Should().Be("starting");
        (await DescribeAsync(podId))["containers"]![0]!["containerStatus"]!["state"]!["waiting"]!["reason"]!.GetValue<string>()
            .Should().Be("ContainerCreating");
        Clock.Advance(Delay - TimeSpan.FromSeconds(1));
        (await PhaseAsync(podId)).Should().Be("starting");
        Clock.Advance(TimeSpan.FromSeconds(1));
        (await PhaseAsync(podId)).Should().Be("running");
        Sim.State.Pod(podId)!.History.Select(h => h.Phase).Should().Equal(
            PodPhase.Pending, PodPhase.Running, PodPhase.Stopping, PodPhase.Stopped, PodPhase.Starting, PodPhase.Running);
    }

    [Fact]
    public async Task StopPod_needs_a_running_pod_busy_in_a_transient_phase_and_wrong_in_another_stable_one()
    {
        var podId = (await CreateAsync(PodBodies.Create("web"))).Single();
        await ShouldRefuseAsync(podId, "stopPod", "FAILED_PRECONDITION"); // pending
        Clock.Advance(Delay);
        await OkAsync(podId, "stopPod");
        await ShouldRefuseAsync(podId, "stopPod", "FAILED_PRECONDITION"); // stopping
        Clock.Advance(Delay);
        await ShouldRefuseAsync(podId, "stopPod", "INVALID_ARGUMENT"); // stopped
        Sim.State.FailPod(podId);
        await ShouldRefuseAsync(podId, "stopPod", "INVALID_ARGUMENT"); // error
    }

    [Fact]
    public async Task StartPod_needs_a_stopped_pod_busy_in_a_transient_phase_and_wrong_in_another_stable_one()
    {
        var podId = await RunningPodAsync("web");
        await ShouldRefuseAsync(podId, "startPod", "INVALID_ARGUMENT"); // running
        await OkAsync(podId, "stopPod");
        await ShouldRefuseAsync(podId, "startPod", "FAILED_PRECONDITION"); // stopping
        Clock.Advance(Delay);
        await OkAsync(podId, "startPod");
        await ShouldRefuseAsync(podId, "startPod", "FAILED_PRECONDITION"); // starting
        Sim.State.FailPod(podId);
        await ShouldRefuseAsync(podId, "startPod", "INVALID_ARGUMENT"); // error
    }

    [Fact]
    public async Task DeletePod_takes_a_stopped_pod_and_is_busy_in_every_new_intermediate_phase()
    {
        var stopped = await StoppedPodAsync("stopped");
        var busy = await StoppedPodAsync("busy");
        await OkAsync(busy, "rebuild", Rebuild(Container("nginx", "nginx:1.27")));
        (await Client.DeleteAsync($"{Pods}/{busy}")).ErrorStatus.Should().Be("FAILED_PRECONDITION", "rebuilding");
        Clock.Advance(Delay);
        await OkAsync(busy, "startPod");
        (await Client.DeleteAsync($"{Pods}/{busy}")).ErrorStatus.Should().Be("FAILED_PRECONDITION", "starting");

        (await Client.DeleteAsync($"{Pods}/{stopped}")).Status.Should().Be(HttpStatusCode.OK);
        (await PhaseAsync(stopped)).Should().Be("deleting");
    }

    [Fact]
    public async Task A_wrong_phase_answers_the_configured_status()
    {
        Sim.State.Configure(s => s with { WrongPhaseStatus = "FAILED_PRECONDITION" });
        var podId = await RunningPodAsync("web");

        var answer = await CallAsync(podId, "startPod");

        answer.ErrorStatus.Should().Be("FAILED_PRECONDITION");
        answer.Message.Should().Be($"pod {podId} is running: startPod needs a stopped pod");
    }

    [Theory]
    [InlineData("stopPod", "POST")]
    [InlineData("startPod", "POST")]
    [InlineData("rebuild", "POST")]
    [InlineData("resize", "POST")]
    [InlineData("modifyPodAttribute", "PATCH")]
    [InlineData("associateElasticIp", "POST")]
    [InlineData("disassociateElasticIp", "POST")]
    public async Task Every_call_on_an_unknown_pod_is_404_and_takes_only_its_method(string action, string method)
    {
        var unknown = await CallAsync("pod-unknown0000", action, method: new HttpMethod(method));
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.ErrorStatus.Should().Be("NOT_FOUND");

        var podId = await RunningPodAsync("web");
        var wrongMethod = await CallAsync(podId, action, method: method == "POST" ? HttpMethod.Patch : HttpMethod.Post);
        wrongMethod.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task An_unknown_action_is_no_API()
    {
        var podId = await RunningPodAsync("web");

        (await CallAsync(podId, "reboot")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Calls_on_a_pod_need_a_valid_signature_and_accept_the_colon_raw_or_encoded()
    {
        var podId = await RunningPodAsync("web");

        var unsigned = await Client.SendAsync(HttpMethod.Post, $"{Pods}/{podId}:stopPod", "{}", new Signing { OmitAuthorization = true });
        unsigned.Status.Should().Be(HttpStatusCode.Unauthorized);
        unsigned.ErrorStatus.Should().Be("ACCESS_ERROR");
        var v3Encoded = await Client.SendAsync(HttpMethod.Post, $"{Pods}/{podId}%3AstopPod", "{}", new Signing { Version = JdCloudPodOperator.JdCloud.Signing.JdCloudSignatureVersion.V3 });
        v3Encoded.Status.Should().Be(HttpStatusCode.OK, v3Encoded.ToString());
        Sim.State.Calls.Snapshot("stopPod").Select(c => c.Status).Should().Equal(401, 200);
    }
}
