using System.Text.Json.Nodes;
using JdCloudSimulator;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>Starts a simulator on a free port per test, with a signing client; the clock is moved by hand.</summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    public const string Pods = "/v1/regions/cn-north-1/pods";

    protected ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);
    protected JdCloudSimulatorHost Sim { get; private set; } = null!;
    protected SignedClient Client { get; private set; } = null!;

    /// <summary>Instant by default; a test class overrides to add delays, faults or strict modes.</summary>
    protected virtual SimulatorOptions Options => SimulatorOptions.Instant;

    public async Task InitializeAsync()
    {
        Sim = await JdCloudSimulatorHost.StartAsync(Options with { Clock = Clock, RandomSeed = 42 });
        Client = new SignedClient(Sim.BaseUrl, Sim.Options.AccessKey, Sim.Options.SecretKey, Clock);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }

    protected async Task<IReadOnlyList<string>> CreateAsync(JsonObject body)
    {
        var answer = await Client.PostAsync(Pods, body);
        answer.Status.Should().Be(System.Net.HttpStatusCode.OK, answer.ToString());
        return answer.Result["podIds"]!.AsArray().Select(id => id!.GetValue<string>()).ToList();
    }

    protected async Task<JsonNode> DescribeAsync(string podId)
    {
        var answer = await Client.GetAsync($"{Pods}/{podId}");
        answer.Status.Should().Be(System.Net.HttpStatusCode.OK, answer.ToString());
        return answer.Result["pod"]!;
    }

    protected async Task<string> PhaseAsync(string podId) => (await DescribeAsync(podId))["podStatus"]!["phase"]!.GetValue<string>();
}
