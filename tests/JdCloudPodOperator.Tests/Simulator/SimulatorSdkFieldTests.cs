using System.Net;
using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>The simulator with the PodSpec fields of the newer SDKs: tags to filter by, groups, IPv6, more NICs.</summary>
public class SimulatorSdkFieldTests : SimulatorTest
{
    private async Task<List<string>> IdsAsync(string query) =>
        (await Client.GetAsync($"{Pods}?{query}")).Result["pods"]!.AsArray().Select(p => p!["podId"]!.GetValue<string>()).ToList();

    private static JsonObject Tagged(string name, params (string Key, string Value)[] tags)
    {
        var spec = PodBodies.PodSpec(name);
        spec["userTags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
        return spec;
    }

    [Fact]
    public async Task DescribePods_filters_by_tag_key_and_several_values()
    {
        var a = await CreateAsync(PodBodies.Create(Tagged("a", ("jdcloudpod.io/owner", "uid-a"), ("team", "web")), maxCount: 2));
        var b = await CreateAsync(PodBodies.Create(Tagged("b", ("jdcloudpod.io/owner", "uid-b"))));
        await CreateAsync(PodBodies.Create(Tagged("c", ("jdcloudpod.io/owner", "uid-c"))));
        await CreateAsync(PodBodies.Create("untagged"));

        (await IdsAsync("tags.1.key=jdcloudpod.io/owner&tags.1.values.1=uid-a&tags.1.values.2=uid-b")).Should().BeEquivalentTo([.. a, .. b]);
        (await IdsAsync("tags.1.key=jdcloudpod.io/owner&tags.1.values.1=uid-a&tags.2.key=team&tags.2.values.1=web")).Should().BeEquivalentTo(a);
        (await IdsAsync("tags.1.key=team&tags.1.values.1=db")).Should().BeEmpty();
        (await IdsAsync("tags.1.key=team")).Should().BeEquivalentTo(a, "a tag filter without values matches the key");
        var described = await DescribeAsync(b.Single());
        described["tags"]!.AsArray().Select(t => (t!["key"]!.GetValue<string>(), t["value"]!.GetValue<string>()))
            .Should().Equal(("jdcloudpod.io/owner", "uid-b"));
    }

    [Fact]
    public async Task An_availability_group_places_the_pod_and_is_a_filter()
    {
        var spec = PodBodies.PodSpec("grouped");
        spec.Remove("az");
        spec["agId"] = "ag-web";
        spec["resourceGroupId"] = "rg-1";

        var id = (await CreateAsync(PodBodies.Create(spec))).Single();

        var pod = await DescribeAsync(id);
        pod["az"]!.GetValue<string>().Should().Be("cn-north-1a", "the group's zone");
        pod["ag"]!["id"]!.GetValue<string>().Should().Be("ag-web");
        pod["resourceGroupId"]!.GetValue<string>().Should().Be("rg-1");
        (await IdsAsync("filters.1.name=agId&filters.1.values.1=ag-web")).Should().Equal(id);
        var unknown = PodBodies.PodSpec("ungrouped");
        unknown["agId"] = "group-x";
        (await Client.PostAsync(Pods, PodBodies.Create(unknown))).Message.Should().Contain("no such availability group");
    }

    [Fact]
    public async Task IPv6_addresses_are_assigned_as_asked()
    {
        var explicitSpec = PodBodies.PodSpec("v6-explicit");
        PodBodies.Nic(explicitSpec)["ipv6Address"] = "2400:da00::10";
        var counted = PodBodies.PodSpec("v6-counted");
        PodBodies.Nic(counted)["ipv6AddressCount"] = 2;

        var one = (await CreateAsync(PodBodies.Create(explicitSpec))).Single();
        var two = (await CreateAsync(PodBodies.Create(counted))).Single();

        static IEnumerable<string> V6(JsonNode pod) =>
            pod["primaryNetworkInterface"]!["networkInterface"]!["ipv6Addresses"]!.AsArray().Select(a => a!["ipv6Address"]!.GetValue<string>());
        V6(await DescribeAsync(one)).Should().Equal("2400:da00::10");
        V6(await DescribeAsync(two)).Should().HaveCount(2).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Secondary_interfaces_obey_the_world_rules()
    {
        var spec = PodBodies.PodSpec("two-nics");
        spec["secondaryNetworkInterfaces"] = new JsonArray(new JsonObject
        {
            ["networkInterface"] = new JsonObject { ["subnetId"] = "subnet-isolated", ["securityGroups"] = new JsonArray("sg-default") },
        });

        var answer = await Client.PostAsync(Pods, PodBodies.Create((JsonObject)spec.DeepClone()));

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Contain("podSpec.secondaryNetworkInterfaces[0].networkInterface.securityGroups[0]");
        spec["secondaryNetworkInterfaces"]![0]!["networkInterface"]!["securityGroups"] = new JsonArray("sg-isolated");
        (await CreateAsync(PodBodies.Create(spec))).Should().ContainSingle();
    }

    [Fact]
    public async Task A_system_disk_is_a_cloud_disk_only()
    {
        var spec = PodBodies.PodSpec("local-disk");
        spec["containers"]![0]!["systemDisk"]!["category"] = "local";

        var answer = await Client.PostAsync(Pods, PodBodies.Create((JsonObject)spec.DeepClone()));

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Message.Should().Contain("podSpec.containers[0].systemDisk.category").And.Contain("supported values: \"cloud\"");
        spec["containers"]![0]!["systemDisk"]!["category"] = "cloud";
        (await CreateAsync(PodBodies.Create(spec))).Should().ContainSingle();
    }

    [Fact]
    public async Task A_config_file_volume_with_a_sub_path_mount_and_an_init_container_are_created()
    {
        var spec = PodBodies.PodSpec("with-conf");
        spec["volumes"] = new JsonArray(new JsonObject { ["name"] = "conf", ["configFile"] = new JsonObject { ["name"] = "web-conf" } });
        var containers = spec["containers"]!.AsArray();
        containers[0]!["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "conf", ["mountPath"] = "/etc/web", ["subPath"] = "app.conf" });
        containers.Add(new JsonObject
        {
            ["name"] = "init", ["type"] = "init", ["imageCacheId"] = "imc-1",
            ["systemDisk"] = new JsonObject { ["diskType"] = "ssd.gp1", ["sizeGB"] = 20 },
        });

        var id = (await CreateAsync(PodBodies.Create(spec))).Single();

        var pod = await DescribeAsync(id);
        pod["containers"]![1]!["type"]!.GetValue<string>().Should().Be("init");
        pod["containers"]![0]!["volumeMounts"]![0]!["subPath"]!.GetValue<string>().Should().Be("app.conf");
    }
}
