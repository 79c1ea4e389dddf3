using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>Described disks (docs/jdcloud-api.md, Models): CloudDisk and JDCloudVolumeSource, with volume IDs.</summary>
public partial class OfficialSdkTests
{
    private const string VolumeIdPattern = "^vol-[a-z0-9]{10}$";

    [Fact]
    public async Task New_disks_are_described_with_their_own_volume_IDs_and_defaults_and_without_request_only_fields()
    {
        var spec = PodBodies.PodSpec("sdk-disks");
        spec["containers"]![0]!["systemDisk"] = new JsonObject { ["diskType"] = "ssd.gp1", ["sizeGB"] = 20, ["name"] = "root" };
        spec["volumes"] = new JsonArray(DataVolume("data", new JsonObject { ["fsType"] = "ext4", ["autoDelete"] = false }));
        var podIds = Ids((await OfficialSdk.CallOneAsync(Sim, "createPods", new JsonObject { ["podSpec"] = spec, ["maxCount"] = 2 })).Result!["podIds"]!);

        var answers = await OfficialSdk.CallAsync(Sim,
            Describe(podIds[0]), Describe(podIds[0]), Describe(podIds[1]),
            new SdkCall("describeContainer", new JsonObject { ["podId"] = podIds[0], ["containerName"] = "nginx" }));

        answers.Should().AllSatisfy(a => a.Ok.Should().BeTrue(a.ToString()));
        var system = answers[0].Result!["pod"]!["containers"]![0]!["systemDisk"]!.AsObject();
        system.Select(f => f.Key).Should().Equal("category", "volumeId", "snapshotId", "diskType", "sizeGB", "fsType", "iops", "autoDelete");
        (Text(system, "category"), Text(system, "diskType"), Text(system, "fsType")).Should().Be(("cloud", "ssd.gp1", "xfs"));
        system["autoDelete"]!.GetValue<bool>().Should().BeTrue();
        var data = answers[0].Result!["pod"]!["volumes"]![0]!["jdcloudDisk"]!.AsObject();
        data.Select(f => f.Key).Should().Equal("volumeId", "snapshotId", "diskType", "sizeGB", "fsType", "formatVolume", "iops", "autoDelete");
        (Text(data, "fsType"), data["formatVolume"]!.GetValue<bool>(), data["autoDelete"]!.GetValue<bool>()).Should().Be(("ext4", true, false));

        var ids = new[] { Text(system, "volumeId"), Text(data, "volumeId") };
        ids.Should().AllSatisfy(id => id.Should().MatchRegex(VolumeIdPattern)).And.OnlyHaveUniqueItems();
        DiskIds(answers[1]).Should().Equal(ids, "the same disks on every describe");
        DiskIds(answers[2]).Should().NotIntersectWith(ids, "each pod has its own new disks");
        Text(answers[3].Result!["container"]!["systemDisk"]!, "volumeId").Should().Be(ids[0], "describeContainer shows the same disk");
    }

    [Fact]
    public async Task An_existing_disk_keeps_its_ID_and_is_formatted_only_when_asked()
    {
        var spec = PodBodies.PodSpec("sdk-existing");
        spec["volumes"] = new JsonArray(
            DataVolume("kept", new JsonObject { ["volumeId"] = "vol-cn-north-1a", ["fsType"] = "xfs" }),
            DataVolume("wiped", new JsonObject { ["volumeId"] = "vol-extra", ["fsType"] = "xfs", ["formatVolume"] = true }));
        var podId = Ids((await OfficialSdk.CallOneAsync(Sim, "createPods", new JsonObject { ["podSpec"] = spec, ["maxCount"] = 1 })).Result!["podIds"]!)[0];

        var pod = (await OfficialSdk.CallOneAsync(Sim, "describePod", new JsonObject { ["podId"] = podId })).Result!["pod"]!;

        var disks = pod["volumes"]!.AsArray().Select(v => v!["jdcloudDisk"]!).ToList();
        disks.Select(d => (Text(d, "volumeId"), d["formatVolume"]!.GetValue<bool>())).Should().Equal(("vol-cn-north-1a", false), ("vol-extra", true));
        Text(pod["containers"]![0]!["systemDisk"]!, "volumeId").Should().MatchRegex(VolumeIdPattern, "the system disk is new");
    }

    private static JsonObject DataVolume(string name, JsonObject disk)
    {
        disk["diskType"] ??= "ssd.gp1";
        disk["sizeGB"] ??= 20;
        disk["name"] ??= name + "-disk";
        return new JsonObject { ["name"] = name, ["jdcloudDisk"] = disk };
    }

    private static SdkCall Describe(string podId) => new("describePod", new JsonObject { ["podId"] = podId });

    private static string[] DiskIds(SdkAnswer described)
    {
        var pod = described.Result!["pod"]!;
        return [Text(pod["containers"]![0]!["systemDisk"]!, "volumeId"), Text(pod["volumes"]![0]!["jdcloudDisk"]!, "volumeId")];
    }

    private static string Text(JsonNode node, string field) => node[field]!.GetValue<string>();
}
