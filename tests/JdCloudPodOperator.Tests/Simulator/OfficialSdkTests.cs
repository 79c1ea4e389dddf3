using System.Text.Json.Nodes;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>
/// The simulator as JD Cloud's official JavaScript SDK drives it (<see cref="OfficialSdk"/>): the SDK signs, encodes
/// filters and tags, builds the action paths and reads the envelope its own way (docs/jdcloud-api.md, Operations).
/// </summary>
public partial class OfficialSdkTests : SimulatorTest
{
    [Fact]
    public async Task Create_is_idempotent_by_clientToken_and_pods_are_described_and_deleted()
    {
        var create = new SdkCall("createPods", new JsonObject { ["podSpec"] = PodBodies.PodSpec("sdk-web"), ["maxCount"] = 2, ["clientToken"] = "sdk-token-1" });

        var answers = await OfficialSdk.CallAsync(Sim, create, create,
            new SdkCall("describePods", new JsonObject { ["filters"] = Filter("name", "sdk-web") }));

        answers.Should().AllSatisfy(a => a.Ok.Should().BeTrue(a.ToString()));
        var podIds = Ids(answers[0].Result!["podIds"]!);
        podIds.Should().HaveCount(2);
        Ids(answers[1].Result!["podIds"]!).Should().Equal(podIds, "a repeated clientToken returns the first call's pods");
        var listed = answers[2].Result!;
        listed["totalCount"]!.GetValue<int>().Should().Be(2);
        listed["pods"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().BeEquivalentTo("sdk-web-1", "sdk-web-2");
        listed["pods"]!.AsArray().Select(p => p!["podStatus"]!["phase"]!.GetValue<string>()).Should().AllBe("running");

        var rest = await OfficialSdk.CallAsync(Sim,
            new SdkCall("describePod", new JsonObject { ["podId"] = podIds[0] }),
            new SdkCall("deletePod", new JsonObject { ["podId"] = podIds[0] }),
            new SdkCall("describePods", new JsonObject { ["filters"] = Filter("podId", [.. podIds]) }));

        rest[0].Result!["pod"]!["podId"]!.GetValue<string>().Should().Be(podIds[0], rest[0].ToString());
        rest[1].Ok.Should().BeTrue(rest[1].ToString());
        Ids(rest[2].Result!["pods"]!, "podId").Should().Equal(podIds[1]);
    }

    [Fact]
    public async Task Tag_filters_and_pages_reach_the_simulator_as_the_SDK_encodes_them()
    {
        var tagged = PodBodies.PodSpec("sdk-tagged");
        tagged["userTags"] = new JsonArray(new JsonObject { ["key"] = "team", ["value"] = "storage" });
        var answers = await OfficialSdk.CallAsync(Sim,
            new SdkCall("createPods", new JsonObject { ["podSpec"] = tagged, ["maxCount"] = 12 }),
            new SdkCall("createPods", new JsonObject { ["podSpec"] = PodBodies.PodSpec("sdk-other"), ["maxCount"] = 1 }),
            Page(1), Page(2), Page(3));

        answers.Should().AllSatisfy(a => a.Ok.Should().BeTrue(a.ToString()));
        answers[2].Result!["totalCount"]!.GetValue<int>().Should().Be(12, "only the pods with the tag");
        var pages = answers.Skip(2).Select(a => Ids(a.Result!["pods"]!, "podId")).ToList();
        pages.Select(p => p.Count).Should().Equal(10, 2, 0);
        pages.SelectMany(p => p).Should().BeEquivalentTo(Ids(answers[0].Result!["podIds"]!));

        static SdkCall Page(int number) => new("describePods", new JsonObject
        {
            ["pageNumber"] = number, ["pageSize"] = 10,
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "team", ["values"] = new JsonArray("storage") }),
        });
    }

    [Fact]
    public async Task The_calls_on_one_pod_take_it_through_stop_rebuild_resize_and_start()
    {
        var podId = (await CreateAsync(PodBodies.Create("sdk-life")))[0];
        var pod = new JsonObject { ["podId"] = podId };

        var answers = await OfficialSdk.CallAsync(Sim,
            new SdkCall("stopPod", Of(pod)),
            new SdkCall("rebuildPod", With(pod, "containers", new JsonArray(new JsonObject { ["name"] = "nginx", ["image"] = "nginx:1.27" }))),
            new SdkCall("resizePod", With(pod, "instanceType", "g.n2.large")),
            new SdkCall("startPod", Of(pod)),
            new SdkCall("modifyPodAttribute", With(pod, "description", "resized by the SDK")),
            new SdkCall("describeContainer", With(pod, "containerName", "nginx")),
            new SdkCall("getContainerLogs", With(With(pod, "containerName", "nginx"), "tailLines", 5)),
            new SdkCall("describePod", Of(pod)));

        answers.Should().AllSatisfy(a => a.Ok.Should().BeTrue(a.ToString()));
        answers[5].Result!["container"]!["image"]!.GetValue<string>().Should().Be("nginx:1.27");
        answers[6].Result!["logs"]!["content"]!.GetValue<string>().Should().Contain("nginx:1.27", "the rebuilt container's start is logged");
        var described = answers[7].Result!["pod"]!;
        described["instanceType"]!.GetValue<string>().Should().Be("g.n2.large");
        described["description"]!.GetValue<string>().Should().Be("resized by the SDK");
        described["podStatus"]!["phase"]!.GetValue<string>().Should().Be("running");
    }

    [Fact]
    public async Task Region_wide_reads_answer_the_SDK()
    {
        await CreateAsync(PodBodies.Create("sdk-taken"));

        var answers = await OfficialSdk.CallAsync(Sim,
            new SdkCall("checkPodName", new JsonObject { ["podName"] = "sdk-taken", ["maxCount"] = 1 }),
            new SdkCall("checkPodName", new JsonObject { ["podName"] = "sdk-free", ["maxCount"] = 1 }),
            new SdkCall("describeQuota", new JsonObject { ["resourceType"] = "pod" }),
            new SdkCall("describeInstanceTypes", new JsonObject { ["filters"] = Filter("instanceTypes", "g.n2.medium") }));

        answers.Should().AllSatisfy(a => a.Ok.Should().BeTrue(a.ToString()));
        answers[0].Result!["code"]!.GetValue<int>().Should().Be(3, "the name is used in the region");
        answers[1].Result!["code"]!.GetValue<int>().Should().Be(0, "the name is usable");
        answers[2].Result!["quota"]!["used"]!.GetValue<int>().Should().Be(1);
        Ids(answers[3].Result!["instanceTypes"]!, "instanceType").Should().Equal("g.n2.medium");
    }

    [Fact]
    public async Task Errors_reach_the_SDK_in_the_documented_envelope()
    {
        var invalid = PodBodies.PodSpec("sdk-bad");
        invalid["instanceType"] = null;

        var answers = await OfficialSdk.CallAsync(Sim,
            new SdkCall("createPods", new JsonObject { ["podSpec"] = invalid, ["maxCount"] = 1 }),
            new SdkCall("describePod", new JsonObject { ["podId"] = "pod-abcdefghij" }),
            new SdkCall("stopPod", new JsonObject { ["podId"] = "pod-abcdefghij" }));
        var unsigned = await OfficialSdk.CallAsync(Sim, "not-the-secret", new SdkCall("describePods"));

        (answers[0].Code, answers[0].Status).Should().Be((400, "INVALID_ARGUMENT"), answers[0].ToString());
        answers[0].Error!["message"]!.GetValue<string>().Should().Contain("podSpec.instanceType");
        (answers[1].Code, answers[1].Status).Should().Be((404, "NOT_FOUND"), answers[1].ToString());
        (answers[2].Code, answers[2].Status).Should().Be((404, "NOT_FOUND"), answers[2].ToString());
        (unsigned[0].Code, unsigned[0].Status).Should().Be((401, "ACCESS_ERROR"), unsigned[0].ToString());
        answers.Concat(unsigned).Should().AllSatisfy(a => a.RequestId.Should().NotBeNullOrEmpty());
        Sim.State.Pods().Should().BeEmpty("none of these calls creates a pod");
    }

    private static JsonArray Filter(string name, params string[] values) =>
        new(new JsonObject { ["name"] = name, ["values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) });

    private static List<string> Ids(JsonNode array, string? field = null) =>
        array.AsArray().Select(n => (field is null ? n : n![field])!.GetValue<string>()).ToList();

    private static JsonObject Of(JsonObject opts) => opts.DeepClone().AsObject();

    private static JsonObject With(JsonObject opts, string name, JsonNode value)
    {
        var copy = Of(opts);
        copy[name] = value;
        return copy;
    }
}
