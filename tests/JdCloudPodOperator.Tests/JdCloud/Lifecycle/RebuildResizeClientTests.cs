using System.Text.Json.Nodes;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Models;
using JdCloudSimulator;
using JdCloudSimulator.Faults;
using SimPhase = JdCloudSimulator.Pods.PodPhase;

namespace JdCloudPodOperator.Tests.JdCloud.Lifecycle;

public class RebuildResizeClientTests : PodClientLifecycleTest
{
    private static readonly ContainerSpec Desired = new()
    {
        Name = "app", Image = "nginx:1.27", Command = ["nginx"], Args = ["-g", "daemon off;"], Env = [new EnvSpec { Name = "MODE", Value = "blue" }],
        Tty = false, WorkingDir = "/srv", ReadinessProbe = new ProbeSpec { TcpSocket = new TcpSocketSpec { Port = 80 } },
        Resources = new ResourceRequestsSpec { Requests = new RequestSpec { Cpu = "2" } }, SystemDisk = new CloudDiskSpec { DiskType = "ssd.io1", SizeGB = 100 },
    };

    [Fact]
    public async Task RebuildPod_on_a_stopped_pod_applies_every_rebuild_field_and_leaves_it_stopped()
    {
        var podId = await StoppedPodAsync("web");

        await Client.RebuildPodAsync(podId, [RebuildContainerSpec.From(Desired)]);

        (await PhaseAsync(podId)).Should().Be(PodPhase.Rebuilding);
        Clock.Advance(Delay);
        var pod = await Client.DescribePodAsync(podId);
        pod!.Phase.Should().Be("stopped");
        var app = pod.Containers!.Single();
        (app.Image, app.WorkingDir, app.Tty).Should().Be(("nginx:1.27", "/srv", false));
        app.Command.Should().Equal("nginx");
        app.Args.Should().Equal("-g", "daemon off;");
        app.Env!.Single().Value.Should().Be("blue");
        app.ReadinessProbe!.TcpSocket!.Port.Should().Be(80);
        app.Resources.Should().BeNull("rebuild carries no resources: the pod's own (none) stay");
        var body = JsonNode.Parse(State.Calls.Snapshot("rebuildPod").Single().Body)!;
        body["containers"]![0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(
            ["name", "image", "command", "args", "env", "tty", "workingDir", "readinessProbe"], "only RebuildContainerSpec's fields are sent");
        body["podId"]!.GetValue<string>().Should().Be(podId);
    }

    [Fact]
    public async Task RebuildPod_on_a_running_pod_is_WrongPhase_and_on_a_rebuilding_one_Busy()
    {
        var running = await RunningPodAsync("running");
        var rebuild = async () => await Client.RebuildPodAsync(running, [new() { Name = "app", Image = "nginx:1.27" }]);
        (await rebuild.Should().ThrowAsync<JdCloudApiException>()).Which.Should().Match<JdCloudApiException>(e =>
            e.Kind == JdCloudErrorKind.WrongPhase && e.ObservedPhase == "running" && e.Message.EndsWith("rebuildPod needs a stopped pod (WrongPhase)"));
        Calls("rebuildPod").Should().Be(1);

        var stopped = await StoppedPodAsync("stopped");
        await Client.RebuildPodAsync(stopped, [new() { Name = "app", Image = "nginx:1.27" }]);
        var again = async () => await Client.RebuildPodAsync(stopped, [new() { Name = "app", Image = "nginx:1.28" }]);
        (await again.Should().ThrowAsync<JdCloudApiException>()).Which.Should().Match<JdCloudApiException>(e =>
            e.Kind == JdCloudErrorKind.Busy && e.ObservedPhase == "rebuilding");
    }

    [Fact]
    public async Task An_invalid_rebuild_is_InvalidArgument_naming_the_field_with_the_phase_observed()
    {
        var podId = await StoppedPodAsync("web");

        var rebuild = async () => await Client.RebuildPodAsync(podId, [new() { Name = "app", Image = "nginx:1.27", WorkingDir = "relative" }]);

        var error = (await rebuild.Should().ThrowAsync<JdCloudApiException>()).Which;
        error.Kind.Should().Be(JdCloudErrorKind.InvalidArgument);
        error.ObservedPhase.Should().Be("stopped");
        error.Details.Should().ContainSingle().Which["field"].Should().Be("containers[0].workingDir");
    }

    [Fact]
    public async Task RebuildPod_refuses_bad_arguments_before_calling()
    {
        var podId = await StoppedPodAsync("web");

        await FluentActions.Awaiting(() => Client.RebuildPodAsync(podId, [])).Should().ThrowAsync<ArgumentException>().WithMessage("containers must name*");
        await FluentActions.Awaiting(() => Client.RebuildPodAsync(podId, [new() { Image = "x:1" }])).Should().ThrowAsync<ArgumentException>().WithMessage("containers[0].name is required*");
        await FluentActions.Awaiting(() => Client.RebuildPodAsync(podId, [new() { Name = "app", Image = "a:1" }, new() { Name = "app", Image = "b:1" }]))
            .Should().ThrowAsync<ArgumentException>().WithMessage("containers[1].name \"app\" is listed twice*");
        await FluentActions.Awaiting(() => Client.RebuildPodAsync(podId, [new() { Name = "app" }])).Should().ThrowAsync<ArgumentException>().WithMessage("containers[0].image is required*");
        Calls("rebuildPod").Should().Be(0);
    }

    [Fact]
    public async Task ResizePod_on_a_stopped_pod_changes_the_type_and_resources_and_leaves_it_stopped()
    {
        var podId = await StoppedPodAsync("web");
        var resources = new ResourceRequestsSpec { Requests = new RequestSpec { Cpu = "1500m", MemoryMB = "4096" }, Limits = new RequestSpec { Cpu = "2" } };

        await Client.ResizePodAsync(podId, "g.n2.large", [new ContainerResourceSpec { Name = "app", Resources = resources }]);

        (await PhaseAsync(podId)).Should().Be(PodPhase.Resizing);
        Clock.Advance(Delay);
        var pod = await Client.DescribePodAsync(podId);
        (pod!.Phase, pod.InstanceType).Should().Be(("stopped", "g.n2.large"));
        pod.Containers!.Single().Resources!.Requests!.Cpu.Should().Be("1500m");
        var body = JsonNode.Parse(State.Calls.Snapshot("resizePod").Single().Body)!;
        body["containerResources"]![0]!["resources"]!["limits"]!["cpu"]!.GetValue<string>().Should().Be("2");
    }

    [Fact]
    public async Task ResizePod_to_the_current_type_is_SameInstanceType_and_on_a_running_pod_WrongPhase()
    {
        var stopped = await StoppedPodAsync("stopped");
        var same = async () => await Client.ResizePodAsync(stopped, "g.n2.medium");
        (await same.Should().ThrowAsync<JdCloudApiException>()).Which.Should().Match<JdCloudApiException>(e =>
            e.Kind == JdCloudErrorKind.SameInstanceType && e.ObservedPhase == "stopped" && !e.IsRetryable);

        var running = await RunningPodAsync("running");
        var resize = async () => await Client.ResizePodAsync(running, "g.n2.large");
        (await resize.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.WrongPhase);
        var sameWhileRunning = async () => await Client.ResizePodAsync(running, "g.n2.medium");
        (await sameWhileRunning.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.WrongPhase, "the phase comes first");
    }

    [Fact]
    public async Task ResizePod_to_a_type_that_does_not_exist_or_too_small_for_the_requests_is_InvalidArgument()
    {
        var podId = await StoppedPodAsync("web");

        var unknown = async () => await Client.ResizePodAsync(podId, "x.n9.huge");
        var tooSmall = async () => await Client.ResizePodAsync(podId, "g.n2.large",
            [new ContainerResourceSpec { Name = "app", Resources = new ResourceRequestsSpec { Requests = new RequestSpec { Cpu = "3" } } }]);

        (await unknown.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.InvalidArgument);
        (await tooSmall.Should().ThrowAsync<JdCloudApiException>()).Which.ErrorMessage.Should().Contain("must fit instance type g.n2.large");
        await FluentActions.Awaiting(() => Client.ResizePodAsync(podId, " ")).Should().ThrowAsync<ArgumentException>();
    }
}

/// <summary>Instant phases: a lost answer's retry meets the pod already past the intermediate phase.</summary>
public class InstantRetryClientTests : PodClientLifecycleTest
{
    protected override SimulatorSettings Settings => SimulatorSettings.Instant;

    [Fact]
    public async Task A_lost_rebuild_answer_is_retried_and_the_repeated_rebuild_is_harmless()
    {
        var podId = (await Client.CreatePodsAsync(Spec("web"), 1, null)).PodIds!.Single();
        await Client.StopPodAsync(podId);
        State.Faults.Script("rebuildPod", FaultKind.LostResponse);

        await Client.RebuildPodAsync(podId, [new() { Name = "app", Image = "nginx:1.27" }]);

        State.PhaseChanges(podId).Count(c => c.Phase == SimPhase.Rebuilding).Should().Be(2, "rebuilt by the lost attempt and again by the retry");
        var pod = await Client.DescribePodAsync(podId);
        (pod!.Phase, pod.Containers!.Single().Image).Should().Be(("stopped", "nginx:1.27"));
    }

    [Fact]
    public async Task A_lost_resize_answer_reads_as_SameInstanceType_which_then_means_it_applied()
    {
        var podId = (await Client.CreatePodsAsync(Spec("web"), 1, null)).PodIds!.Single();
        await Client.StopPodAsync(podId);
        State.Faults.Script("resizePod", FaultKind.LostResponse);

        var resize = async () => await Client.ResizePodAsync(podId, "g.n2.large");

        (await resize.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.SameInstanceType);
        (await Client.DescribePodAsync(podId))!.InstanceType.Should().Be("g.n2.large");
        State.PhaseChanges(podId).Count(c => c.Phase == SimPhase.Resizing).Should().Be(1);
    }
}
