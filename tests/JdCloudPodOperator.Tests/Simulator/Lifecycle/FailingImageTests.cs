using System.Net.Http.Json;
using JdCloudSimulator;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

public class FailingImageTests : PodCallTest
{
    [Fact]
    public async Task A_pod_created_with_a_failing_image_ends_in_error_and_others_run()
    {
        Sim.State.Configure(s => s with { FailingImages = ["nginx:broken"] });
        var broken = PodBodies.PodSpec("broken");
        broken["containers"]![0]!["image"] = "nginx:broken";
        var brokenId = (await CreateAsync(PodBodies.Create(broken))).Single();
        var fineId = (await CreateAsync(PodBodies.Create("fine"))).Single();

        Clock.Advance(Delay);

        var pod = await DescribeAsync(brokenId);
        pod["podStatus"]!["phase"]!.GetValue<string>().Should().Be("error");
        pod["podStatus"]!["reason"]!.GetValue<string>().Should().Be("ErrImagePull");
        pod["podStatus"]!["message"]!.GetValue<string>().Should().Be("container nginx: failed to pull image \"nginx:broken\"");
        (await PhaseAsync(fineId)).Should().Be("running");
        var logs = await Client.GetAsync($"{Pods}/{brokenId}/containers/nginx:getContainerLogs");
        logs.Result["logs"]!["content"]!.GetValue<string>().Should().Contain("failed to pull image \"nginx:broken\"");
    }

    /// <summary>docs/jdcloud-api.md, Models: a container that never started is waiting, never terminated.</summary>
    [Fact]
    public async Task The_container_whose_image_failed_is_waiting_with_ErrImagePull_and_its_sibling_never_started()
    {
        Sim.State.Configure(s => s with { FailingImages = ["nginx:broken"] });
        var spec = PodBodies.PodSpec("broken");
        var containers = spec["containers"]!.AsArray();
        containers[0]!["image"] = "nginx:broken";
        var sidecar = containers[0]!.DeepClone();
        sidecar["name"] = "sidecar";
        sidecar["image"] = "busybox:1.36";
        containers.Add(sidecar);
        var podId = (await CreateAsync(PodBodies.Create(spec))).Single();
        Clock.Advance(Delay);

        var states = (await DescribeAsync(podId))["containers"]!.AsArray().Select(c => c!["containerStatus"]!["state"]!).ToList();

        states.Should().AllSatisfy(state => state.AsObject().Select(s => s.Key).Should().Equal("waiting"));
        states[0]["waiting"]!["reason"]!.GetValue<string>().Should().Be("ErrImagePull");
        states[0]["waiting"]!["message"]!.GetValue<string>().Should().Be("container nginx: failed to pull image \"nginx:broken\"");
        states[1]["waiting"]!["reason"]!.GetValue<string>().Should().Be("ContainerCreating");
        (await Client.GetAsync($"{Pods}/{podId}/containers/nginx")).Result["container"]!["containerStatus"]!["state"]!["waiting"]!["reason"]!
            .GetValue<string>().Should().Be("ErrImagePull", "describeContainer reads the same state");
    }

    [Fact]
    public async Task A_pod_that_failed_for_another_reason_reports_its_containers_terminated()
    {
        var podId = await RunningPodAsync("web");
        Sim.State.FailPod(podId);

        var state = (await DescribeAsync(podId))["containers"]![0]!["containerStatus"]!["state"]!;

        state["waiting"].Should().BeNull();
        state["terminated"]!["exitCode"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task A_stopped_pod_rebuilt_with_a_failing_image_stays_stopped_then_fails_to_start()
    {
        var podId = await StoppedPodAsync("web");
        using var http = new HttpClient { BaseAddress = Sim.BaseUrl };
        (await http.PutAsJsonAsync("_sim/settings", new { failingImages = new[] { "nginx:9.9-typo" } })).EnsureSuccessStatusCode();

        await OkAsync(podId, "rebuild", Rebuild(Container("nginx", "nginx:9.9-typo")));
        Clock.Advance(Delay);
        (await PhaseAsync(podId)).Should().Be("stopped", "the rebuild itself succeeds");
        await OkAsync(podId, "startPod");
        (await PhaseAsync(podId)).Should().Be("starting");
        Clock.Advance(Delay);

        (await PhaseAsync(podId)).Should().Be("error");
        (await DescribeAsync(podId))["containers"]![0]!["containerStatus"]!["state"]!["waiting"]!["reason"]!.GetValue<string>()
            .Should().Be("ErrImagePull", "the rebuilt container never started again");
        Sim.State.Pod(podId)!.History.Select(h => h.Phase).Should().EndWith([PodPhase.Stopped, PodPhase.Starting, PodPhase.Error]);
        await ShouldRefuseAsync(podId, "startPod", "INVALID_ARGUMENT");
        await ShouldRefuseAsync(podId, "stopPod", "INVALID_ARGUMENT");
        await ShouldRefuseAsync(podId, "rebuild", "INVALID_ARGUMENT", Rebuild(Container("nginx", "nginx:1.25")));
        (await Client.DeleteAsync($"{Pods}/{podId}")).Status.Should().Be(System.Net.HttpStatusCode.OK, "a pod in error can only be deleted");
    }

    [Fact]
    public async Task An_image_is_failing_only_when_named_exactly()
    {
        Sim.State.Configure(s => s with { FailingImages = ["nginx:broken"] });
        var spec = PodBodies.PodSpec("near-miss");
        spec["containers"]![0]!["image"] = "nginx:broken2";

        var podId = (await CreateAsync(PodBodies.Create(spec))).Single();
        Clock.Advance(Delay);

        (await PhaseAsync(podId)).Should().Be("running");
    }
}

public class LifecycleCommandLineTests
{
    [Fact]
    public void Parses_the_lifecycle_options()
    {
        var options = SimulatorCommandLine.Parse(
            ["--stop-delay", "1s", "--start-delay", "2s", "--rebuild-delay", "3s", "--resize-delay", "4s",
             "--failing-image", "nginx:broken", "--failing-image", "redis:none", "--wrong-phase-status", "FAILED_PRECONDITION"]).Options!;

        var s = options.Settings;
        (s.StopDelay, s.StartDelay, s.RebuildDelay, s.ResizeDelay).Should().Be(
            (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)));
        s.FailingImages.Should().Equal("nginx:broken", "redis:none");
        s.WrongPhaseStatus.Should().Be("FAILED_PRECONDITION");
        SimulatorCommandLine.Help.Should().Contain("--failing-image").And.Contain("--stop-delay");
    }

    [Fact]
    public void Instant_zeroes_every_phase_delay()
    {
        var settings = SimulatorCommandLine.Parse(["--stop-delay", "5s", "--instant"]).Options!.Settings;

        new[] { settings.BootDelay, settings.DeleteDelay, settings.StopDelay, settings.StartDelay, settings.RebuildDelay, settings.ResizeDelay }
            .Should().AllBeEquivalentTo(TimeSpan.Zero);
        SimulatorSettings.Instant.Should().Be(settings with { FailingImages = SimulatorSettings.Instant.FailingImages });
        new SimulatorSettings().StopDelay.Should().BePositive("the normal mode has delays");
    }

    [Theory]
    [InlineData("--stop-delay", "soon")]
    [InlineData("--failing-image")]
    public void Rejects_bad_lifecycle_options(params string[] args) =>
        SimulatorCommandLine.Parse(args).Error.Should().Contain(args[0]);
}
