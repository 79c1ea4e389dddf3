using System.Net;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Tests.Simulator.Lifecycle;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>What an official SDK may send that the documents allow: docs/jdcloud-api.md and docs/jdcloud-pod-lifecycle.md.</summary>
public class SdkFidelityTests : PodCallTest
{
    [Fact]
    public async Task DescribeContainer_returns_the_container_spec_and_its_status()
    {
        var podId = await RunningPodAsync("web");
        var container = PodBodies.PodSpec("web")["containers"]![0]!["name"]!.GetValue<string>();

        var answer = await Client.GetAsync($"{Pods}/{podId}/containers/{container}");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        answer.Result["container"]!["name"]!.GetValue<string>().Should().Be(container);
        answer.Result["container"]!["containerStatus"]!["ready"]!.GetValue<bool>().Should().BeTrue();
        answer.Result["container"]!["containerStatus"]!["state"]!["running"].Should().NotBeNull();
        var missing = await Client.GetAsync($"{Pods}/{podId}/containers/no-such");
        missing.Status.Should().Be(HttpStatusCode.NotFound);
        (await Client.GetAsync($"{Pods}/pod-unknown/containers/{container}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_empty_clientToken_is_no_token()
    {
        var first = await CreateAsync(PodBodies.Create("a", clientToken: ""));
        var second = await CreateAsync(PodBodies.Create("b", clientToken: ""));

        second.Should().NotIntersectWith(first, "an empty token must not turn every later call into a replay of the first");
        Sim.State.Pods().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_page_far_past_the_end_is_empty()
    {
        await CreateAsync(PodBodies.Create("a"));

        var answer = await Client.GetAsync($"{Pods}?pageNumber=21474838&pageSize=100");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        answer.Result["pods"]!.AsArray().Should().BeEmpty();
        answer.Result["totalCount"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task An_empty_filter_operator_is_the_default_eq()
    {
        var podId = (await CreateAsync(PodBodies.Create("a"))).Single();
        await CreateAsync(PodBodies.Create("b"));

        var answer = await Client.GetAsync($"{Pods}?filters.1.name=podId&filters.1.operator=&filters.1.values.1={podId}");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        answer.Result["pods"]!.AsArray().Select(p => p!["podId"]!.GetValue<string>()).Should().Equal(podId);
    }
}
