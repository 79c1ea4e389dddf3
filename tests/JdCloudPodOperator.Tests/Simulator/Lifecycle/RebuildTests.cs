using System.Text.Json.Nodes;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

public class RebuildTests : PodCallTest
{
    /// <summary>Two containers, a data volume mounted by the first, and a command the rebuild will leave out.</summary>
    private static JsonObject TwoContainers(string name)
    {
        var spec = PodBodies.PodSpec(name);
        var web = spec["containers"]![0]!.AsObject();
        web["command"] = new JsonArray("nginx", "-g", "daemon off;");
        web["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "500m", ["memoryMB"] = "1024" } };
        web["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "data", ["mountPath"] = "/data" });
        var sidecar = web.DeepClone().AsObject();
        sidecar["name"] = "sidecar";
        sidecar["image"] = "busybox:1.36";
        sidecar.Remove("volumeMounts");
        spec["containers"]!.AsArray().Add(sidecar);
        spec["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = "data", ["jdcloudDisk"] = new JsonObject { ["diskType"] = "ssd.gp1", ["sizeGB"] = 20, ["fsType"] = "xfs" },
        });
        return spec;
    }

    [Fact]
    public async Task Rebuild_needs_a_stopped_pod_and_leaves_it_stopped_with_the_new_containers()
    {
        var podId = await RunningPodAsync("web", TwoContainers("web"));
        var ip = (await DescribeAsync(podId))["privateIpAddress"]!.GetValue<string>();
        await ShouldRefuseAsync(podId, "rebuild", "INVALID_ARGUMENT", Rebuild(Container("nginx", "nginx:1.27")));
        await OkAsync(podId, "stopPod");
        Clock.Advance(Delay);

        await OkAsync(podId, "rebuild", Rebuild(Container("nginx", "nginx:1.27")));

        (await PhaseAsync(podId)).Should().Be("rebuilding");
        (await DescribeAsync(podId))["containers"]![0]!["image"]!.GetValue<string>().Should().Be("nginx:1.25", "the new containers take effect when the rebuild is done");
        await ShouldRefuseAsync(podId, "rebuild", "FAILED_PRECONDITION", Rebuild(Container("nginx", "nginx:1.27")));
        await ShouldRefuseAsync(podId, "startPod", "FAILED_PRECONDITION");
        Clock.Advance(Delay);
        var pod = await DescribeAsync(podId);
        pod["podStatus"]!["phase"]!.GetValue<string>().Should().Be("stopped", "a rebuilt pod is left stopped");
        pod["privateIpAddress"]!.GetValue<string>().Should().Be(ip);
        var nginx = pod["containers"]![0]!;
        nginx["image"]!.GetValue<string>().Should().Be("nginx:1.27");
        nginx["command"].Should().BeNull("a field left out takes the image's default, not the old value");
        nginx["volumeMounts"].Should().BeNull();
        nginx["resources"]!["requests"]!["cpu"]!.GetValue<string>().Should().Be("500m", "rebuild has no resources field");
        nginx["systemDisk"]!["sizeGB"]!.GetValue<int>().Should().Be(20);
        pod["containers"]![1]!["image"]!.GetValue<string>().Should().Be("busybox:1.36", "a container left out keeps its spec");
        pod["volumes"]!.AsArray().Should().ContainSingle("data volumes stay");
        Sim.State.Pod(podId)!.History.Select(h => h.Phase).Should().EndWith([PodPhase.Stopped, PodPhase.Rebuilding, PodPhase.Stopped]);
    }

    [Fact]
    public async Task Rebuild_sets_every_field_of_RebuildContainerSpec()
    {
        var podId = await StoppedPodAsync("web", TwoContainers("web"));
        var full = JsonNode.Parse("""
            {"name":"nginx","image":"registry.example.com/web/nginx:2","command":["/bin/web"],"args":["--port","80"],
             "env":[{"name":"MODE","value":"blue"}],"secret":"regcred","tty":true,"workingDir":"/srv",
             "livenessProbe":{"tcpSocket":{"port":80}},"readinessProbe":{"httpGet":{"port":80,"path":"/ready"}},
             "volumeMounts":[{"name":"data","mountPath":"/var/data","readOnly":true}]}
            """)!.AsObject();

        await OkAsync(podId, "rebuild", Rebuild(full));
        Clock.Advance(Delay);

        var nginx = (await DescribeAsync(podId))["containers"]![0]!.AsObject();
        foreach (var (field, value) in full) JsonNode.DeepEquals(nginx[field], value).Should().BeTrue($"{field} is {value?.ToJsonString()}, got {nginx[field]?.ToJsonString()}");
    }

    [Theory]
    [InlineData("""{"containers":[]}""", "containers: Required value")]
    [InlineData("""{}""", "containers: Required value")]
    [InlineData("""{"containers":[{"containerName":"nginx","image":"nginx:2"}]}""", "containers[0].name: Required value: name the container to rebuild (the 2019 key containerName is not accepted)")]
    [InlineData("""{"containers":[{"name":"db","image":"postgres:16"}]}""", "containers[0].name: Not found: \"db\": must name one of the pod's containers (nginx, sidecar); rebuildPod cannot add containers")]
    [InlineData("""{"containers":[{"name":"nginx","image":"a:1"},{"name":"nginx","image":"b:1"}]}""", "containers[1].name: Duplicate value: \"nginx\"")]
    [InlineData("""{"containers":[{"name":"sidecar"}]}""", "containers[0].image: Required value")]
    [InlineData("""{"containers":[{"name":"sidecar","image":"busybox:2","volumeMounts":[{"name":"logs","mountPath":"/logs"}]}]}""", "containers[0].volumeMounts[0].name: Not found: \"logs\": must be the name of one of podSpec.volumes")]
    [InlineData("""{"containers":[{"name":"sidecar","image":"busybox:2","env":[{"name":"BAD-NAME"}]}]}""", "containers[0].env[0].name: Invalid value")]
    public async Task Rebuild_refuses_a_body_that_does_not_fit_the_pod_naming_the_field(string body, string message)
    {
        var podId = await StoppedPodAsync("web", TwoContainers("web"));

        var answer = await Client.SendAsync(HttpMethod.Post, $"{Pods}/{podId}:rebuild", body);

        answer.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        answer.Message.Should().StartWith(message);
        (await PhaseAsync(podId)).Should().Be("stopped");
    }

    [Fact]
    public async Task Rebuild_takes_an_image_of_639_characters_and_refuses_640()
    {
        var podId = await StoppedPodAsync("web");
        // Every part within its own limit (registry 255, repository 256, tag 128): only the total decides.
        static string Image(int length) => new string('r', length - 389) + ".io/" + new string('b', 256) + ":" + new string('t', 128);

        await ShouldRefuseAsync(podId, "rebuild", "INVALID_ARGUMENT", Rebuild(Container("nginx", Image(640))));
        await OkAsync(podId, "rebuild", Rebuild(Container("nginx", Image(639))));
        Clock.Advance(Delay);
        (await DescribeAsync(podId))["containers"]![0]!["image"]!.GetValue<string>().Should().HaveLength(639);
    }

    [Fact]
    public async Task A_repeated_rebuild_with_the_same_containers_ends_in_the_same_spec()
    {
        var podId = await StoppedPodAsync("web");
        await OkAsync(podId, "rebuild", Rebuild(Container("nginx", "nginx:1.27")));
        Clock.Advance(Delay);

        await OkAsync(podId, "rebuild", Rebuild(Container("nginx", "nginx:1.27")));
        Clock.Advance(Delay);

        (await DescribeAsync(podId))["containers"]![0]!["image"]!.GetValue<string>().Should().Be("nginx:1.27");
        (await PhaseAsync(podId)).Should().Be("stopped");
    }
}
