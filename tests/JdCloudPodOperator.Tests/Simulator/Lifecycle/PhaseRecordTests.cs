using System.Net.Http.Json;
using JdCloudSimulator;
using JdCloudSimulator.Inspection;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator.Lifecycle;

public class PhaseRecordTests : PodCallTest
{
    [Fact]
    public async Task Every_phase_change_is_recorded_with_its_time_in_order_over_HTTP()
    {
        var start = Clock.GetUtcNow();
        var podId = await StoppedPodAsync("web");
        await OkAsync(podId, "startPod");
        Clock.Advance(Delay);
        using var http = new HttpClient { BaseAddress = Sim.BaseUrl };

        var changes = (await http.GetFromJsonAsync<List<PhaseChangeRecord>>("_sim/phase-changes", SimulatorJson.Options))!;

        changes.Select(c => (c.Phase, c.Previous)).Should().Equal(
            (PodPhase.Pending, null), (PodPhase.Running, PodPhase.Pending), (PodPhase.Stopping, PodPhase.Running),
            (PodPhase.Stopped, PodPhase.Stopping), (PodPhase.Starting, PodPhase.Stopped), (PodPhase.Running, PodPhase.Starting));
        changes.Select(c => c.At - start).Should().Equal(
            TimeSpan.Zero, Delay, Delay, 2 * Delay, 2 * Delay, 3 * Delay);
        changes.Should().OnlyContain(c => c.PodId == podId && c.Name == "web" && c.RegionId == "cn-north-1");
        changes.Select(c => c.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var later = (await http.GetFromJsonAsync<List<PhaseChangeRecord>>($"_sim/phase-changes?after={changes[3].Sequence}", SimulatorJson.Options))!;
        later.Should().Equal(changes.Skip(4));
        (await http.GetFromJsonAsync<List<PhaseChangeRecord>>("_sim/phase-changes?podId=pod-other00000", SimulatorJson.Options)).Should().BeEmpty();
        (await http.GetAsync("_sim/phase-changes?after=soon")).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_timeline_counts_how_many_pods_were_not_running_at_every_change()
    {
        var pods = new List<string>();
        for (var i = 0; i < 3; i++) pods.Add(await RunningPodAsync($"web-{i}"));
        var before = Sim.State.PhaseChanges().Max(c => c.Sequence);

        // One at a time, then two at once: the timeline shows a dip of one, then of two.
        await OkAsync(pods[0], "stopPod");
        Clock.Advance(Delay);
        await OkAsync(pods[0], "startPod");
        Clock.Advance(Delay);
        await OkAsync(pods[1], "stopPod");
        await OkAsync(pods[2], "stopPod");
        Clock.Advance(Delay);

        var all = PhaseTimeline.Counts(Sim.State.PhaseChanges());
        var rollout = all.Where(c => c.Sequence > before).ToList();
        rollout.Select(c => c.NotRunning).Should().Equal(1, 1, 1, 0, 1, 2, 2, 2);
        rollout.Min(c => c.Running).Should().Be(1);
        all.Last().Should().Match<PhaseCount>(c => c.Running == 1 && c.NotRunning == 2);
    }

    [Fact]
    public async Task A_deleted_pod_leaves_the_count_when_gone()
    {
        var podId = await RunningPodAsync("web");
        await Client.DeleteAsync($"{Pods}/{podId}");
        Clock.Advance(Delay);

        var counts = PhaseTimeline.Counts(Sim.State.PhaseChanges(podId));

        counts.Select(c => (c.Running, c.NotRunning)).Should().Equal((0, 1), (1, 0), (0, 1), (0, 0));
    }

    [Fact]
    public async Task Call_counts_per_operation_and_status_survive_the_bounded_call_log()
    {
        var podId = await RunningPodAsync("web");
        await OkAsync(podId, "stopPod");
        await CallAsync(podId, "stopPod");
        using var http = new HttpClient { BaseAddress = Sim.BaseUrl };

        var counts = (await http.GetFromJsonAsync<Dictionary<string, CallCount>>("_sim/calls/counts", SimulatorJson.Options))!;

        counts["stopPod"].Calls.Should().Be(2);
        counts["stopPod"].ByStatus.Should().BeEquivalentTo(new Dictionary<int, long> { [200] = 1, [400] = 1 });
        counts["createPods"].Calls.Should().Be(1);
        Sim.Reset();
        Sim.State.Calls.Counts().Should().BeEmpty();
    }
}

public class InstantPhaseRecordTests : SimulatorTest
{
    [Fact]
    public async Task In_instant_mode_intermediate_phases_are_recorded_at_the_instant_of_the_call()
    {
        var podId = (await CreateAsync(PodBodies.Create("web"))).Single();

        var stop = await Client.PostAsync($"{Pods}/{podId}:stopPod", new System.Text.Json.Nodes.JsonObject());

        stop.Status.Should().Be(System.Net.HttpStatusCode.OK);
        (await PhaseAsync(podId)).Should().Be("stopped", "instant: stopped as soon as stopPod returns");
        var changes = Sim.State.PhaseChanges(podId);
        changes.Select(c => c.Phase).Should().Equal(PodPhase.Pending, PodPhase.Running, PodPhase.Stopping, PodPhase.Stopped);
        changes[2].At.Should().Be(changes[3].At);
    }

    [Fact]
    public void The_call_log_bound_does_not_limit_the_counts()
    {
        var log = new CallLog(capacity: 2);
        for (var i = 0; i < 5; i++)
            log.Add(new CallRecord(log.NextSequence(), DateTimeOffset.UnixEpoch, "stopPod", "POST", "/", "", "", null, null, null, null, 200, null, "r", JdCloudSimulator.Faults.FaultKind.None));

        log.Snapshot().Should().HaveCount(2);
        log.Counts()["stopPod"].Calls.Should().Be(5);
    }
}
