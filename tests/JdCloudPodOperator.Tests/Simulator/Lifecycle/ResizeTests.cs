using System.Text.Json.Nodes;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

public class ResizeTests : PodCallTest
{
    /// <summary>g.n2.medium is 1 CPU / 4096 MB, g.n2.large 2 CPU / 8192 MB.</summary>
    private static JsonObject Spec(string instanceType = "g.n2.medium", JsonObject? nginxResources = null)
    {
        var spec = PodBodies.PodSpec("web", instanceType: instanceType);
        var nginx = spec["containers"]![0]!.AsObject();
        nginx["resources"] = nginxResources ?? Resources("250m", "1024", null, null);
        var sidecar = nginx.DeepClone().AsObject();
        sidecar["name"] = "sidecar";
        sidecar["resources"] = Resources("500m", "1024", null, null);
        spec["containers"]!.AsArray().Add(sidecar);
        return spec;
    }

    private static JsonObject Resources(string? cpu, string? memory, string? cpuLimit, string? memoryLimit)
    {
        var resources = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu, ["memoryMB"] = memory } };
        if (cpuLimit is not null || memoryLimit is not null) resources["limits"] = new JsonObject { ["cpu"] = cpuLimit, ["memoryMB"] = memoryLimit };
        return resources;
    }

    private static JsonObject Resize(string instanceType, params (string Name, JsonObject Resources)[] containers)
    {
        var body = new JsonObject { ["instanceType"] = instanceType };
        if (containers.Length > 0)
            body["containerResources"] = new JsonArray([.. containers.Select(c => new JsonObject { ["name"] = c.Name, ["resources"] = c.Resources })]);
        return body;
    }

    [Fact]
    public async Task Resize_needs_a_stopped_pod_and_another_type_and_leaves_the_pod_stopped()
    {
        var podId = await RunningPodAsync("web", Spec());
        await ShouldRefuseAsync(podId, "resize", "INVALID_ARGUMENT", Resize("g.n2.large"));
        await OkAsync(podId, "stopPod");
        Clock.Advance(Delay);
        var same = await CallAsync(podId, "resize", Resize("g.n2.medium"));
        same.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        same.Message.Should().Be("instanceType: Invalid value: \"g.n2.medium\": must differ from the pod's current instance type");

        await OkAsync(podId, "resize", Resize("g.n2.large"));

        (await PhaseAsync(podId)).Should().Be("resizing");
        await ShouldRefuseAsync(podId, "resize", "FAILED_PRECONDITION", Resize("g.n2.xlarge"));
        Clock.Advance(Delay);
        var pod = await DescribeAsync(podId);
        pod["podStatus"]!["phase"]!.GetValue<string>().Should().Be("stopped", "a resized pod is left stopped");
        pod["instanceType"]!.GetValue<string>().Should().Be("g.n2.large");
        Sim.State.Pod(podId)!.History.Select(h => h.Phase).Should().EndWith([PodPhase.Stopped, PodPhase.Resizing, PodPhase.Stopped]);
        (await CallAsync(podId, "resize", Resize("g.n2.large"))).Message.Should().Contain("must differ", "the new type is now the current one");
    }

    [Fact]
    public async Task Resize_needs_a_type_offered_in_the_region_and_in_stock_in_the_pod_zone()
    {
        var podId = await StoppedPodAsync("web", Spec());
        (await CallAsync(podId, "resize", Resize("x.n9.huge"))).Message.Should().StartWith("instanceType: Unsupported value: \"x.n9.huge\"");
        (await CallAsync(podId, "resize", Resize(""))).Message.Should().Be("instanceType: Required value");
        Sim.State.EditWorld(w => w.SetInStock("g.n2.large", "cn-north-1a", false));
        (await CallAsync(podId, "resize", Resize("g.n2.large"))).Message.Should().Be("instanceType: Invalid value: \"g.n2.large\": is sold out in zone cn-north-1a");

        Sim.State.EditWorld(w => w.SetInStock("g.n2.large", "cn-north-1a", true));

        await OkAsync(podId, "resize", Resize("g.n2.large"));
    }

    [Fact]
    public async Task The_requests_of_all_containers_together_must_fit_the_new_type()
    {
        var podId = await StoppedPodAsync("web", Spec());

        var over = await CallAsync(podId, "resize", Resize("g.n2.large", ("nginx", Resources("1501m", "7168", null, null))));
        over.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        over.Message.Should().Contain("requests together (2001m CPU, 8192 MB) must fit instance type g.n2.large (2 CPU, 8192 MB)");
        (await CallAsync(podId, "resize", Resize("g.n2.large", ("nginx", Resources("1500m", "7169", null, null))))).Message
            .Should().Contain("(2000m CPU, 8193 MB)");

        await OkAsync(podId, "resize", Resize("g.n2.large", ("nginx", Resources("1500m", "7Gi", null, null))));
        Clock.Advance(Delay);
        var nginx = (await DescribeAsync(podId))["containers"]![0]!;
        nginx["resources"]!["requests"]!["cpu"]!.GetValue<string>().Should().Be("1500m");
        nginx["resources"]!["requests"]!["memoryMB"]!.GetValue<string>().Should().Be("7Gi");
    }

    [Fact]
    public async Task No_container_limit_may_exceed_the_new_type()
    {
        var podId = await StoppedPodAsync("web", Spec());

        (await CallAsync(podId, "resize", Resize("g.n2.large", ("nginx", Resources(null, null, "2001m", null))))).Message
            .Should().Contain("container nginx's limits must not exceed instance type g.n2.large (2 CPU, 8192 MB)");
        (await CallAsync(podId, "resize", Resize("g.n2.large", ("nginx", Resources(null, null, null, "8193"))))).ErrorStatus
            .Should().Be("INVALID_ARGUMENT");

        await OkAsync(podId, "resize", Resize("g.n2.large", ("nginx", Resources(null, null, "2", "8192"))));
        Clock.Advance(Delay);
        var nginx = (await DescribeAsync(podId))["containers"]![0]!["resources"]!;
        nginx["limits"]!["cpu"]!.GetValue<string>().Should().Be("2");
        nginx["requests"]!["cpu"]!.GetValue<string>().Should().Be("250m", "a request left out keeps its value");
    }

    [Fact]
    public async Task A_limit_left_out_that_was_the_old_types_size_becomes_the_new_types_and_others_stay()
    {
        var podId = await StoppedPodAsync("web", Spec(nginxResources: Resources("250m", "1024", "1", "2048")));

        await OkAsync(podId, "resize", Resize("g.n2.large"));
        Clock.Advance(Delay);

        var limits = (await DescribeAsync(podId))["containers"]![0]!["resources"]!["limits"]!;
        limits["cpu"]!.GetValue<string>().Should().Be("2", "1 CPU was all of g.n2.medium");
        limits["memoryMB"]!.GetValue<string>().Should().Be("2048", "2048 MB was less than g.n2.medium's 4096");
    }

    [Fact]
    public async Task Moving_down_is_refused_when_the_old_requests_do_not_fit_the_smaller_type()
    {
        var podId = await StoppedPodAsync("web", Spec("g.n2.large", Resources("600m", "1024", null, null)));

        var answer = await CallAsync(podId, "resize", Resize("g.n2.medium"));

        answer.Message.Should().StartWith("instanceType: Invalid value: \"g.n2.medium\": the containers' requests together (1100m CPU, 2048 MB)");
        await OkAsync(podId, "resize", Resize("g.n2.medium", ("nginx", Resources("500m", null, null, null))));
    }

    [Theory]
    [InlineData("""[{"name":"db","resources":{}}]""", "containerResources[0].name: Not found: \"db\"")]
    [InlineData("""[{"resources":{}}]""", "containerResources[0].name: Required value")]
    [InlineData("""[{"name":"nginx"}]""", "containerResources[0].resources: Required value")]
    [InlineData("""[{"name":"nginx","resources":{}},{"name":"nginx","resources":{}}]""", "containerResources[1].name: Duplicate value: \"nginx\"")]
    [InlineData("""[{"name":"nginx","resources":{"requests":{"cpu":"lots"}}}]""", "containerResources[0].resources.requests.cpu: Invalid value: \"lots\"")]
    [InlineData("""[{"name":"nginx","resources":{"limits":{"memoryMB":"1T"}}}]""", "containerResources[0].resources.limits.memoryMB: Invalid value: \"1T\"")]
    public async Task ContainerResources_must_name_each_container_once_with_readable_amounts(string items, string message)
    {
        var podId = await StoppedPodAsync("web", Spec());

        var answer = await Client.SendAsync(HttpMethod.Post, $"{Pods}/{podId}:resize", $$"""{"instanceType":"g.n2.large","containerResources":{{items}}}""");

        answer.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        answer.Message.Should().StartWith(message);
    }
}
