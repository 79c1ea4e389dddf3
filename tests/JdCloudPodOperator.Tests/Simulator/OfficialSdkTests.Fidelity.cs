using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>What the official SDKs send or expect that the simulator once got wrong: empty strings a Go caller sends
/// for unset fields, the V2 signer's header values, the InstanceType shape and the described disks.</summary>
public partial class OfficialSdkTests
{
    [Fact]
    public async Task An_empty_az_or_cfs_path_is_unset_and_an_empty_required_field_is_still_refused()
    {
        var grouped = GoStyle("go-grouped");
        grouped["agId"] = "ag-web";
        var cfs = GoStyle("go-cfs", az: "cn-north-1a");
        cfs["volumes"] = new JsonArray(new JsonObject { ["name"] = "shared", ["cfs"] = new JsonObject { ["mountTargetId"] = "mt-1", ["path"] = "" } });
        var noTarget = GoStyle("go-no-target", az: "cn-north-1a");
        noTarget["volumes"] = new JsonArray(new JsonObject { ["name"] = "shared", ["cfs"] = new JsonObject { ["mountTargetId"] = "", ["path"] = "" } });

        var answers = await OfficialSdk.CallAsync(Sim, Create(grouped), Create(cfs), Create(GoStyle("go-no-zone")), Create(noTarget));

        answers[0].Ok.Should().BeTrue(answers[0].ToString());
        answers[1].Ok.Should().BeTrue(answers[1].ToString());
        Sim.State.Pods().Select(p => (p.Name, p.Az)).Should().BeEquivalentTo([("go-grouped", "cn-north-1a"), ("go-cfs", "cn-north-1a")],
            "the group's zone for the pod with agId");
        (answers[2].Code, answers[2].Status).Should().Be((400, "INVALID_ARGUMENT"), answers[2].ToString());
        answers[2].Error!["message"]!.GetValue<string>().Should().Contain("podSpec.az").And.Contain("Required");
        (answers[3].Code, answers[3].Status).Should().Be((400, "INVALID_ARGUMENT"), answers[3].ToString());
        answers[3].Error!["message"]!.GetValue<string>().Should().Contain("podSpec.volumes[0].cfs.mountTargetId").And.NotContain(".cfs.path");

        static JsonObject GoStyle(string name, string az = "")
        {
            var spec = PodBodies.PodSpec(name);
            spec["az"] = az;
            return spec;
        }

        static SdkCall Create(JsonObject podSpec) => new("createPods", new JsonObject { ["podSpec"] = podSpec, ["maxCount"] = 1 });
    }

    [Fact]
    public async Task A_header_value_the_V2_signer_collapses_is_accepted()
    {
        var traced = new JsonObject { ["x-extra-header"] = new JsonObject { ["x-jdcloud-trace"] = "a  b" } };

        var answers = await OfficialSdk.CallAsync(Sim, new SdkCall("describePods", traced));

        answers[0].Ok.Should().BeTrue(answers[0].ToString());
        Sim.State.Calls.Snapshot("describePods").Single().SignatureVersion.Should().Be("V2");
    }

    [Fact]
    public async Task Instance_types_have_the_SDK_shape_and_a_zone_of_another_region_has_none()
    {
        static SdkCall InZones(params string[] zones) =>
            new("describeInstanceTypes", new JsonObject { ["filters"] = new JsonArray(ZoneFilter(zones), TypeFilter()) });

        var answers = await OfficialSdk.CallAsync(Sim, InZones("cn-north-1b"), InZones("cn-east-2a"), InZones("cn-east-2a", "cn-north-1a"));

        answers.Should().AllSatisfy(a => a.Ok.Should().BeTrue(a.ToString()));
        var type = answers[0].Result!["instanceTypes"]!.AsArray().Single()!.AsObject();
        type.Select(f => f.Key).Should().BeEquivalentTo(["family", "instanceType", "cpu", "memoryMB", "nicLimit", "desc", "state"]);
        Zones(type).Should().Equal("cn-north-1b");
        answers[1].Result!["instanceTypes"]!.AsArray().Should().BeEmpty("cn-east-2a is not a zone of cn-north-1");
        answers[1].Result!["totalCount"]!.GetValue<int>().Should().Be(0);
        Zones(answers[2].Result!["instanceTypes"]![0]!).Should().Equal("cn-north-1a");

        static JsonObject ZoneFilter(string[] zones) => new() { ["name"] = "az", ["values"] = new JsonArray([.. zones.Select(z => (JsonNode)z)]) };
        static JsonObject TypeFilter() => new() { ["name"] = "instanceTypes", ["values"] = new JsonArray("g.n2.medium") };
        static List<string> Zones(JsonNode type) => Ids(type["state"]!, "az");
    }
}
