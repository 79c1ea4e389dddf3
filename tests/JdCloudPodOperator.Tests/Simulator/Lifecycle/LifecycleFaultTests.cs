using System.Net;
using System.Net.Http.Json;
using JdCloudSimulator.Faults;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

public class LifecycleFaultTests : PodCallTest
{
    [Fact]
    public async Task The_next_stopPod_calls_answer_429_then_503_and_change_nothing_until_one_succeeds()
    {
        var podId = await RunningPodAsync("web");
        using var http = new HttpClient { BaseAddress = Sim.BaseUrl };
        (await http.PostAsJsonAsync("_sim/faults/stopPod/next", new { kind = "rateLimit", count = 2 })).EnsureSuccessStatusCode();
        Sim.State.Faults.Script("stopPod", FaultKind.Unavailable);

        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 4; i++) answers.Add(await CallAsync(podId, "stopPod"));

        answers.Select(a => a.ErrorStatus).Should().Equal("RATE_LIMIT", "RATE_LIMIT", "UNAVAILABLE", null);
        answers.Select(a => a.Status).Should().Equal(HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        Sim.State.Pod(podId)!.History.Count(h => h.Phase == PodPhase.Stopping).Should().Be(1);
        Sim.State.Calls.Snapshot("stopPod").Select(c => c.Fault).Should().Equal(FaultKind.RateLimit, FaultKind.RateLimit, FaultKind.Unavailable, FaultKind.None);
        (await CallAsync(await RunningPodAsync("other"), "startPod")).ErrorStatus.Should().Be("INVALID_ARGUMENT", "faults of stopPod touch no other operation");
    }

    [Fact]
    public async Task A_timed_out_stopPod_hangs_and_does_nothing()
    {
        var podId = await RunningPodAsync("web");
        Sim.State.Faults.Set("stopPod", new OperationFaults { TimeoutAfter = TimeSpan.FromMilliseconds(200) });
        Sim.State.Faults.Script("stopPod", FaultKind.Timeout);

        var call = async () => await CallAsync(podId, "stopPod");

        await call.Should().ThrowAsync<HttpRequestException>("the connection is dropped without an answer");
        (await PhaseAsync(podId)).Should().Be("running");
        Sim.State.Calls.Snapshot("stopPod").Should().ContainSingle().Which.Should().Match<JdCloudSimulator.Inspection.CallRecord>(c => c.Status == 0 && c.Fault == FaultKind.Timeout);
    }

    [Fact]
    public async Task A_lost_rebuild_answer_means_the_rebuild_was_carried_out()
    {
        var podId = await StoppedPodAsync("web");
        Sim.State.Faults.Script("rebuildPod", FaultKind.LostResponse);

        var call = async () => await CallAsync(podId, "rebuild", Rebuild(Container("nginx", "nginx:1.27")));

        await call.Should().ThrowAsync<HttpRequestException>();
        (await PhaseAsync(podId)).Should().Be("rebuilding");
    }

    [Fact]
    public async Task A_fifth_of_rebuildPod_calls_fail_with_500_at_a_rate_of_0_2()
    {
        var podId = await StoppedPodAsync("web");
        using var http = new HttpClient { BaseAddress = Sim.BaseUrl };
        (await http.PutAsJsonAsync("_sim/faults/rebuildPod", new { internalErrorRate = 0.2 })).EnsureSuccessStatusCode();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            statuses.Add((await CallAsync(podId, "rebuild", Rebuild(Container("nginx", $"nginx:1.{i}")))).Status);
            Clock.Advance(Delay);
        }

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.InternalServerError);
        statuses.Count(s => s == HttpStatusCode.InternalServerError).Should().BeInRange(20, 60, "about 40 of 200 at a rate of 0.2");
        Sim.State.Pod(podId)!.History.Count(h => h.Phase == PodPhase.Rebuilding).Should().Be(statuses.Count(s => s == HttpStatusCode.OK));
        (await CallAsync(podId, "startPod")).Status.Should().Be(HttpStatusCode.OK, "the rate applies to rebuildPod only");
    }

    [Theory]
    [InlineData("startPod")]
    [InlineData("resizePod")]
    [InlineData("modifyPodAttribute")]
    [InlineData("associateElasticIp")]
    [InlineData("disassociateElasticIp")]
    [InlineData("getContainerLogs")]
    [InlineData("describePodsStatus")]
    public async Task Faults_can_be_set_for_every_new_operation_over_HTTP(string operation)
    {
        using var http = new HttpClient { BaseAddress = Sim.BaseUrl };

        (await http.PutAsJsonAsync($"_sim/faults/{operation}", new { unavailableRate = 1.0 })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"_sim/faults/{operation}/next", new { kind = "timeout", count = 3 })).EnsureSuccessStatusCode();

        Sim.State.Faults.Rates.Should().ContainKey(operation);
    }
}
