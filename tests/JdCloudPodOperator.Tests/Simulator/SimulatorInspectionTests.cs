using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JdCloudSimulator;
using JdCloudSimulator.Inspection;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator;

public class SimulatorInspectionTests : SimulatorTest
{
    [Fact]
    public async Task Records_every_call_with_operation_body_token_and_answer_but_no_credentials()
    {
        var podId = (await CreateAsync(PodBodies.Create("recorded", clientToken: "tok-rec"))).Single();
        await Client.GetAsync($"{Pods}/{podId}");
        await Client.GetAsync(Pods, new Signing { OmitAuthorization = true });

        var calls = Sim.State.Calls.Snapshot();

        calls.Select(c => (c.Operation, c.Status)).Should().Equal(("createPods", 200), ("describePod", 200), ("describePods", 401));
        calls[0].ClientToken.Should().Be("tok-rec");
        calls[0].Body.Should().Contain("\"recorded\"");
        calls[1].PodId.Should().Be(podId);
        calls[2].ErrorStatus.Should().Be("ACCESS_ERROR");
        JsonSerializer.Serialize(calls, SimulatorJson.Options).Should().NotContain(Sim.Options.AccessKey).And.NotContain(Sim.Options.SecretKey);
    }

    [Fact]
    public async Task Reset_forgets_pods_tokens_calls_and_settings()
    {
        await CreateAsync(PodBodies.Create("before-reset", clientToken: "tok"));
        Sim.State.Configure(s => s with { PodQuota = 1 });

        Sim.Reset();

        Sim.State.Pods().Should().BeEmpty();
        Sim.State.Calls.Snapshot().Should().BeEmpty();
        Sim.State.Settings.PodQuota.Should().Be(10_000);
        var after = await CreateAsync(PodBodies.Create("before-reset", clientToken: "tok"));
        Sim.State.Pods().Single().PodId.Should().Be(after.Single(), "the token and the name were forgotten");
    }

    [Fact]
    public async Task The_test_API_is_served_over_HTTP_under_sim()
    {
        using var http = new HttpClient { BaseAddress = Sim.BaseUrl };
        var podId = (await CreateAsync(PodBodies.Create("remote"))).Single();

        var pods = await http.GetFromJsonAsync<List<PodRecord>>("_sim/pods", SimulatorJson.Options);
        pods!.Single().PodId.Should().Be(podId);
        (await http.PostAsJsonAsync($"_sim/pods/{podId}/fail", new { message = "boom" })).EnsureSuccessStatusCode();
        (await PhaseAsync(podId)).Should().Be("error");
        (await http.DeleteAsync($"_sim/pods/{podId}")).EnsureSuccessStatusCode();
        (await Client.GetAsync($"{Pods}/{podId}")).Status.Should().Be(HttpStatusCode.NotFound);

        var calls = await http.GetFromJsonAsync<List<CallRecord>>("_sim/calls?operation=createPods", SimulatorJson.Options);
        calls!.Single().Operation.Should().Be("createPods");

        (await http.PutAsJsonAsync("_sim/settings", new { podQuota = 7, bootDelay = "00:00:05" })).EnsureSuccessStatusCode();
        Sim.State.Settings.PodQuota.Should().Be(7);
        Sim.State.Settings.BootDelay.Should().Be(TimeSpan.FromSeconds(5));
        Sim.State.Settings.DeleteDelay.Should().Be(TimeSpan.Zero, "fields not given keep their value");

        (await http.PutAsJsonAsync("_sim/faults/describePods", new { internalErrorRate = 1.0 })).EnsureSuccessStatusCode();
        (await Client.GetAsync(Pods)).Status.Should().Be(HttpStatusCode.InternalServerError);
        (await http.PostAsJsonAsync("_sim/faults/createPods/next", new { kind = "rateLimit", count = 1 })).EnsureSuccessStatusCode();
        (await Client.PostAsync(Pods, PodBodies.Create("limited"))).ErrorStatus.Should().Be("RATE_LIMIT");
        (await http.PutAsJsonAsync("_sim/faults/notAnOperation", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await http.PutAsJsonAsync("_sim/world/stock", new { instanceType = "g.n2.medium", az = "cn-north-1a", inStock = false })).EnsureSuccessStatusCode();
        (await Client.PostAsync(Pods, PodBodies.Create("no-stock"))).Message.Should().Contain("sold out");

        (await http.PostAsync("_sim/reset", null)).EnsureSuccessStatusCode();
        Sim.State.Pods().Should().BeEmpty();
        (await http.GetFromJsonAsync<JsonArray>("_sim"))!.Should().NotBeEmpty("GET /_sim lists the controls");
    }

    [Fact]
    public async Task Networks_declared_over_HTTP_are_used_by_createPods()
    {
        using var http = new HttpClient { BaseAddress = Sim.BaseUrl };
        var declared = new { regionId = "cn-north-1", vpcId = "vpc-team", subnetId = "subnet-team", cidr = "192.168.0.0/24", securityGroups = new[] { "sg-team" } };

        (await http.PostAsJsonAsync("_sim/world/networks", declared)).EnsureSuccessStatusCode();

        var podId = (await CreateAsync(PodBodies.Create(PodBodies.PodSpec("team", subnetId: "subnet-team", securityGroups: "sg-team")))).Single();
        var pod = await DescribeAsync(podId);
        pod["vpcId"]!.GetValue<string>().Should().Be("vpc-team");
        pod["privateIpAddress"]!.GetValue<string>().Should().StartWith("192.168.0.");
        (await http.PostAsJsonAsync("_sim/world/networks", declared with { })).IsSuccessStatusCode.Should().BeTrue();
        (await http.PostAsJsonAsync("_sim/world/networks", new { regionId = "cn-north-1", vpcId = "v", subnetId = "s", cidr = "nonsense" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

public class SimulatorExecutableTests
{
    [Fact]
    public async Task The_standalone_simulator_prints_its_URL_and_serves_the_API()
    {
        var dll = typeof(JdCloudSimulatorHost).Assembly.Location;
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--port", "0", "--instant"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            line.Should().MatchRegex(@"^JD Cloud simulator listening on http://127\.0\.0\.1:\d+$");
            using var client = new SignedClient(new Uri(line!.Split(' ')[^1]), SimulatorOptions.DefaultAccessKey, SimulatorOptions.DefaultSecretKey, TimeProvider.System);
            (await client.GetAsync(SimulatorTest.Pods)).Status.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("--port", "x")]
    [InlineData("--boot-failure-rate", "2")]
    [InlineData("--boot-delay", "soon")]
    [InlineData("--frobnicate")]
    public void Rejects_bad_options_naming_them(params string[] args) =>
        SimulatorCommandLine.Parse(args).Error.Should().Contain(args[0]);

    [Fact]
    public void Parses_the_documented_options()
    {
        var options = SimulatorCommandLine.Parse(
            ["--port", "9999", "--access-key", "AK", "--secret-key", "SK", "--boot-delay", "500ms", "--delete-delay", "2m",
             "--capacity", "50", "--quota", "20", "--clock-skew", "0", "--strict-signing", "--strict-world", "--error-rate", "0.1",
             "--latency", "1.5s", "--errored-pod-lifetime", "1h"]).Options!;

        options.Url.Should().Be("http://127.0.0.1:9999");
        (options.AccessKey, options.SecretKey).Should().Be(("AK", "SK"));
        options.Settings.BootDelay.Should().Be(TimeSpan.FromMilliseconds(500));
        options.Settings.DeleteDelay.Should().Be(TimeSpan.FromMinutes(2));
        options.Settings.ErroredPodLifetime.Should().Be(TimeSpan.FromHours(1));
        (options.Settings.Capacity, options.Settings.PodQuota).Should().Be((50, 20));
        options.ClockSkew.Should().BeNull();
        (options.StrictSigning, options.StrictWorld).Should().Be((true, true));
        options.Faults["*"].InternalErrorRate.Should().Be(0.1);
        options.Faults["*"].Latency.Should().Be(TimeSpan.FromSeconds(1.5));
        SimulatorCommandLine.Parse(["--help"]).Options.Should().BeNull();
    }
}
