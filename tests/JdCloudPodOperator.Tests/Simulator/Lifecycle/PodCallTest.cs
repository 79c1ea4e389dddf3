using System.Net;
using System.Text.Json.Nodes;
using JdCloudSimulator;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

/// <summary>
/// Simulator tests of the calls on one pod, over signed HTTP, with every phase delay at <see cref="Delay"/> and the
/// clock moved by hand: a pod stays in an intermediate phase until the test moves the clock past the delay.
/// </summary>
public abstract class PodCallTest : SimulatorTest
{
    protected static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    protected override SimulatorOptions Options => new()
    {
        Settings = new SimulatorSettings
        {
            BootDelay = Delay, DeleteDelay = Delay, StopDelay = Delay, StartDelay = Delay, RebuildDelay = Delay, ResizeDelay = Delay,
        },
    };

    /// <summary>POST (or <paramref name="method"/>) <c>/pods/{podId}:{action}</c> with a body repeating the path, as the SDKs send it.</summary>
    protected Task<ApiAnswer> CallAsync(string podId, string action, JsonObject? body = null, HttpMethod? method = null)
    {
        body ??= [];
        body["regionId"] ??= "cn-north-1";
        body["podId"] ??= podId;
        return Client.SendAsync(method ?? HttpMethod.Post, $"{Pods}/{podId}:{action}", body.ToJsonString());
    }

    protected async Task<ApiAnswer> OkAsync(string podId, string action, JsonObject? body = null, HttpMethod? method = null)
    {
        var answer = await CallAsync(podId, action, body, method);
        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        return answer;
    }

    protected async Task<string> RunningPodAsync(string name, JsonObject? podSpec = null)
    {
        var podId = (await CreateAsync(PodBodies.Create(podSpec ?? PodBodies.PodSpec(name)))).Single();
        Clock.Advance(Delay);
        (await PhaseAsync(podId)).Should().Be("running");
        return podId;
    }

    protected async Task<string> StoppedPodAsync(string name, JsonObject? podSpec = null)
    {
        var podId = await RunningPodAsync(name, podSpec);
        await OkAsync(podId, "stopPod");
        Clock.Advance(Delay);
        (await PhaseAsync(podId)).Should().Be("stopped");
        return podId;
    }

    /// <summary>The answer is the refusal described, and the pod's phase history did not move.</summary>
    protected async Task ShouldRefuseAsync(string podId, string action, string status, JsonObject? body = null, HttpMethod? method = null)
    {
        var changes = Sim.State.Pod(podId)!.History.Count;
        var answer = await CallAsync(podId, action, body, method);
        answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.ToString());
        answer.ErrorStatus.Should().Be(status, answer.ToString());
        Sim.State.Pod(podId)!.History.Should().HaveCount(changes, "a refused call changes nothing");
    }

    protected static JsonObject Rebuild(params JsonObject[] containers) => new() { ["containers"] = new JsonArray([.. containers]) };

    protected static JsonObject Container(string name, string image) => new() { ["name"] = name, ["image"] = image };

    protected static JsonObject ElasticIp(string id) => new() { ["elasticIpId"] = id };
}
