using System.Net;
using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

public class AttributeAndElasticIpTests : PodCallTest
{
    private static JsonObject Description(string text) => new() { ["description"] = text };

    [Fact]
    public async Task ModifyPodAttribute_changes_the_description_at_once_without_a_phase_change()
    {
        var podId = await RunningPodAsync("web");
        var changes = Sim.State.Pod(podId)!.History.Count;

        await OkAsync(podId, "modifyPodAttribute", Description("blue 蓝"), HttpMethod.Patch);

        var pod = await DescribeAsync(podId);
        pod["description"]!.GetValue<string>().Should().Be("blue 蓝");
        pod["name"]!.GetValue<string>().Should().Be("web");
        Sim.State.Pod(podId)!.History.Should().HaveCount(changes);
        await OkAsync(podId, "modifyPodAttribute", Description(""), HttpMethod.Patch);
        (await DescribeAsync(podId))["description"]!.GetValue<string>().Should().BeEmpty();
    }

    [Fact]
    public async Task ModifyPodAttribute_takes_256_characters_and_refuses_257()
    {
        var podId = await RunningPodAsync("web");

        await OkAsync(podId, "modifyPodAttribute", Description(new string('说', 256)), HttpMethod.Patch);
        var tooLong = await CallAsync(podId, "modifyPodAttribute", Description(new string('d', 257)), HttpMethod.Patch);

        tooLong.ErrorStatus.Should().Be("INVALID_ARGUMENT");
        tooLong.Message.Should().Be("description: Too long: may have at most 256 characters (has 257)");
    }

    [Fact]
    public async Task ModifyPodAttribute_without_a_description_changes_nothing_and_never_renames()
    {
        // docs/jdcloud-pod-lifecycle.md, modifyPodAttribute: one optional field, description.
        var podId = await RunningPodAsync("web");
        await OkAsync(podId, "modifyPodAttribute", Description("kept"), HttpMethod.Patch);

        await OkAsync(podId, "modifyPodAttribute", [], HttpMethod.Patch);
        await OkAsync(podId, "modifyPodAttribute", new JsonObject { ["regionId"] = "cn-north-1", ["podId"] = podId, ["description"] = null }, HttpMethod.Patch);
        (await DescribeAsync(podId))["description"]!.GetValue<string>().Should().Be("kept");
        (await CallAsync(podId, "modifyPodAttribute", new JsonObject { ["name"] = "web2", ["description"] = "x" }, HttpMethod.Patch)).Message
            .Should().Be("name: Forbidden: a pod's name cannot be changed; only description can");
        (await DescribeAsync(podId))["name"]!.GetValue<string>().Should().Be("web");
    }

    [Fact]
    public async Task ModifyPodAttribute_is_accepted_in_every_phase_as_no_phase_requirement_is_stated()
    {
        var podId = (await CreateAsync(PodBodies.Create("web"))).Single();
        await OkAsync(podId, "modifyPodAttribute", Description("pending"), HttpMethod.Patch);
        Clock.Advance(Delay);
        await OkAsync(podId, "stopPod");
        await OkAsync(podId, "modifyPodAttribute", Description("stopping"), HttpMethod.Patch);
        Clock.Advance(Delay);
        await OkAsync(podId, "modifyPodAttribute", Description("stopped"), HttpMethod.Patch);
        Sim.State.FailPod(podId);
        await OkAsync(podId, "modifyPodAttribute", Description("failed"), HttpMethod.Patch);
        (await DescribeAsync(podId))["description"]!.GetValue<string>().Should().Be("failed");
    }

    [Fact]
    public async Task AssociateElasticIp_binds_one_EIP_to_the_primary_IP_and_disassociate_unbinds_it()
    {
        var podId = await RunningPodAsync("web");

        await OkAsync(podId, "associateElasticIp", ElasticIp("fip-aaaa000001"));

        var pod = await DescribeAsync(podId);
        pod["elasticIp"]!["elasticIpId"]!.GetValue<string>().Should().Be("fip-aaaa000001");
        var address = pod["elasticIp"]!["elasticIpAddress"]!.GetValue<string>();
        pod["primaryNetworkInterface"]!["networkInterface"]!["primaryIp"]!["elasticIpAddress"]!.GetValue<string>().Should().Be(address);
        await OkAsync(podId, "disassociateElasticIp", ElasticIp("fip-aaaa000001"));
        (await DescribeAsync(podId))["elasticIp"].Should().BeNull();
        await OkAsync(podId, "associateElasticIp", ElasticIp("fip-aaaa000001"));
        (await DescribeAsync(podId))["elasticIp"]!["elasticIpAddress"]!.GetValue<string>().Should().Be(address, "the EIP itself was kept");
    }

    [Fact]
    public async Task A_pod_holds_one_EIP_and_an_EIP_serves_one_pod()
    {
        var first = await RunningPodAsync("first");
        var second = await RunningPodAsync("second");
        await OkAsync(first, "associateElasticIp", ElasticIp("fip-aaaa000001"));

        (await CallAsync(first, "associateElasticIp", ElasticIp("fip-bbbb000002"))).Message
            .Should().Be($"elasticIpId: Invalid value: \"fip-bbbb000002\": pod {first} already has elastic IP fip-aaaa000001 on its primary NIC; a pod holds one");
        (await CallAsync(first, "associateElasticIp", ElasticIp("fip-aaaa000001"))).ErrorStatus.Should().Be("INVALID_ARGUMENT");
        (await CallAsync(second, "associateElasticIp", ElasticIp("fip-aaaa000001"))).Message
            .Should().Be($"elasticIpId: Invalid value: \"fip-aaaa000001\": is bound to pod {first}");
        (await CallAsync(second, "disassociateElasticIp", ElasticIp("fip-aaaa000001"))).Message
            .Should().Be($"elasticIpId: Invalid value: \"fip-aaaa000001\": pod {second} has no elastic IP");
        await OkAsync(second, "associateElasticIp", ElasticIp("fip-bbbb000002"));
        (await CallAsync(second, "disassociateElasticIp", ElasticIp("fip-aaaa000001"))).Message
            .Should().Be($"elasticIpId: Invalid value: \"fip-aaaa000001\": is not the elastic IP of pod {second} (fip-bbbb000002)");
    }

    [Fact]
    public async Task EIP_calls_need_an_elasticIpId_that_exists_in_any_phase_of_the_pod()
    {
        var podId = (await CreateAsync(PodBodies.Create("web"))).Single();
        (await CallAsync(podId, "associateElasticIp", [])).Message.Should().Be("elasticIpId: Required value");
        (await CallAsync(podId, "associateElasticIp", ElasticIp("eip-unknown"))).Message
            .Should().Be("elasticIpId: Not found: \"eip-unknown\": no such elastic IP in region cn-north-1");

        // Pending: no phase requirement is stated (docs/jdcloud-pod-lifecycle.md, Preconditions).
        await OkAsync(podId, "associateElasticIp", ElasticIp("fip-aaaa000001"));
    }

    [Fact]
    public async Task Deleting_a_pod_frees_its_EIP_for_another_pod()
    {
        var spec = PodBodies.PodSpec("with-eip");
        spec["elasticIp"] = new JsonObject { ["bandwidthMbps"] = 10 };
        var first = await RunningPodAsync("with-eip", spec);
        var eip = (await DescribeAsync(first))["elasticIp"]!["elasticIpId"]!.GetValue<string>();
        var second = await RunningPodAsync("second");
        (await CallAsync(second, "associateElasticIp", ElasticIp(eip))).Message.Should().Contain($"is bound to pod {first}");

        (await Client.DeleteAsync($"{Pods}/{first}")).Status.Should().Be(HttpStatusCode.OK);
        Clock.Advance(Delay);

        await OkAsync(second, "associateElasticIp", ElasticIp(eip));
    }

    [Theory]
    [InlineData("?deletePrimaryNetworkInterfaceAllElasticIp=true", false)]
    [InlineData("?deletePrimaryNetworkInterfaceAllElasticIp=false", true)]
    [InlineData("", true)]
    public async Task Deleting_a_pod_deletes_its_EIP_only_with_deletePrimaryNetworkInterfaceAllElasticIp(string query, bool kept)
    {
        var spec = PodBodies.PodSpec("with-eip");
        spec["elasticIp"] = new JsonObject { ["bandwidthMbps"] = 10 };
        var podId = await RunningPodAsync("with-eip", spec);
        var eip = (await DescribeAsync(podId))["elasticIp"]!["elasticIpId"]!.GetValue<string>();

        (await Client.DeleteAsync($"{Pods}/{podId}{query}")).Status.Should().Be(HttpStatusCode.OK);
        Clock.Advance(Delay);

        var exists = false;
        Sim.State.EditWorld(w => exists = w.Regions["cn-north-1"].ElasticIps.ContainsKey(eip));
        exists.Should().Be(kept);
    }
}
