using System.Net;
using JdCloudSimulator;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator;

public class SimulatorLifecycleTests : SimulatorTest
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Delete = TimeSpan.FromSeconds(10);

    protected override SimulatorOptions Options => new() { Settings = new SimulatorSettings { BootDelay = Boot, DeleteDelay = Delete } };

    [Fact]
    public async Task A_new_pod_is_pending_until_the_boot_delay_has_passed_then_running()
    {
        var podId = (await CreateAsync(PodBodies.Create("booting"))).Single();
        var pending = await DescribeAsync(podId);
        pending["podStatus"]!["phase"]!.GetValue<string>().Should().Be("pending");
        pending["podStatus"]!["podIP"]!.GetValue<string>().Should().BeEmpty();
        pending["podStatus"]!["conditions"]![0]!["status"]!.GetValue<string>().Should().Be("False");

        Clock.Advance(Boot - TimeSpan.FromSeconds(1));
        (await PhaseAsync(podId)).Should().Be("pending");
        Clock.Advance(TimeSpan.FromSeconds(1));

        var running = await DescribeAsync(podId);
        running["podStatus"]!["phase"]!.GetValue<string>().Should().Be("running");
        running["podStatus"]!["conditions"]![0]!["status"]!.GetValue<string>().Should().Be("True");
        running["podStatus"]!["podIP"]!.GetValue<string>().Should().Be(running["privateIpAddress"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_transient_pod_is_FAILED_PRECONDITION()
    {
        var podId = (await CreateAsync(PodBodies.Create("busy"))).Single();

        var whilePending = await Client.DeleteAsync($"{Pods}/{podId}");

        whilePending.Status.Should().Be(HttpStatusCode.BadRequest);
        whilePending.ErrorStatus.Should().Be("FAILED_PRECONDITION");
        Clock.Advance(Boot);
        (await Client.DeleteAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.OK);
        (await Client.DeleteAsync($"{Pods}/{podId}")).ErrorStatus.Should().Be("FAILED_PRECONDITION", "the pod is deleting");
    }

    [Fact]
    public async Task A_deleted_pod_is_deleting_then_gone_with_404_and_absent_from_describePods()
    {
        var podId = (await CreateAsync(PodBodies.Create("short-lived"))).Single();
        Clock.Advance(Boot);

        (await Client.DeleteAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.OK);
        (await PhaseAsync(podId)).Should().Be("deleting");
        (await Client.GetAsync(Pods)).Result["totalCount"]!.GetValue<int>().Should().Be(1);
        Clock.Advance(Delete);

        var gone = await Client.GetAsync($"{Pods}/{podId}");
        gone.Status.Should().Be(HttpStatusCode.NotFound);
        gone.ErrorStatus.Should().Be("NOT_FOUND");
        (await Client.GetAsync(Pods)).Result["totalCount"]!.GetValue<int>().Should().Be(0);
        (await Client.DeleteAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.NotFound);
        Sim.State.Pod(podId)!.History.Select(h => h.Phase).Should().Equal(PodPhase.Pending, PodPhase.Running, PodPhase.Deleting, PodPhase.Gone);
    }

    [Fact]
    public async Task A_pod_told_to_fail_is_in_error_and_can_be_deleted()
    {
        var podId = (await CreateAsync(PodBodies.Create("doomed"))).Single();

        Sim.State.FailPod(podId, "disk attach failed");

        var pod = await DescribeAsync(podId);
        pod["podStatus"]!["phase"]!.GetValue<string>().Should().Be("error");
        pod["podStatus"]!["message"]!.GetValue<string>().Should().Be("disk attach failed");
        Clock.Advance(Boot);
        (await PhaseAsync(podId)).Should().Be("error", "the boot scheduled before the failure no longer applies");
        (await Client.DeleteAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_a_boot_failure_rate_of_one_every_pod_ends_in_error_and_optionally_is_removed()
    {
        Sim.State.Configure(s => s with { BootFailureRate = 1, ErroredPodLifetime = TimeSpan.FromMinutes(5) });
        var podId = (await CreateAsync(PodBodies.Create("unlucky"))).Single();

        Clock.Advance(Boot);
        (await PhaseAsync(podId)).Should().Be("error");
        Clock.Advance(TimeSpan.FromMinutes(5));

        (await Client.GetAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.NotFound);
        Sim.State.Pod(podId)!.Phase.Should().Be(PodPhase.Gone);
    }

    [Fact]
    public async Task A_pod_removed_out_of_band_is_gone_at_once_and_frees_its_name()
    {
        var podId = (await CreateAsync(PodBodies.Create("drifted"))).Single();

        Sim.State.RemovePod(podId);

        (await Client.GetAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await CreateAsync(PodBodies.Create("drifted"))).Should().ContainSingle();
    }

    [Fact]
    public async Task A_clientToken_still_returns_its_pod_after_the_pod_is_gone()
    {
        var podId = (await CreateAsync(PodBodies.Create("remembered", clientToken: "tok-1"))).Single();
        Sim.State.RemovePod(podId);

        (await CreateAsync(PodBodies.Create("remembered", clientToken: "tok-1"))).Should().Equal(podId);
    }
}
