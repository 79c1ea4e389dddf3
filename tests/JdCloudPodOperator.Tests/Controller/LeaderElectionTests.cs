using JdCloudPodOperator.Tests.Runtime;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>Two operator replicas with leader election: one reconciles, no pod is created twice, the other takes over.</summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private ControllerHarness _h = null!;

    public async Task InitializeAsync() => _h = await ControllerHarness.StartAsync("ctl-leader");

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task One_leader_reconciles_no_duplicates_and_the_other_takes_over()
    {
        var a = await _h.StartOperatorAsync(leaderElection: true, identity: "replica-a");
        var b = await _h.StartOperatorAsync(leaderElection: true, identity: "replica-b");
        var names = Enumerable.Range(1, 4).Select(i => $"ha-{i}").ToList();
        foreach (var name in names) await _h.CreateAsync(_h.NewPod(name, maxCount: 2));
        foreach (var name in names) await _h.WaitForReadyAsync(name, 2);

        var (leader, follower) = ControllerHarness.StatusOf(a).IsLeader ? (a, b) : (b, a);
        ControllerHarness.StatusOf(leader).IsLeader.Should().BeTrue();
        ControllerHarness.StatusOf(follower).IsLeader.Should().BeFalse();
        ControllerHarness.StatusOf(follower).Reconciles.Should().Be(0, "only the leader reconciles");
        foreach (var name in names) _h.CloudPods(name).Should().HaveCount(2, $"{name}: no pod created twice");

        await _h.StopOperatorAsync(leader);
        await Eventually.Until(() => ControllerHarness.StatusOf(follower).IsLeader, "the other replica leads", ControllerHarness.Limit);
        await _h.PatchAsync("ha-1", """{"spec":{"maxCount":3}}""");
        await _h.WaitForReadyAsync("ha-1", 3);
        _h.CloudPods("ha-1").Should().HaveCount(3);
    }
}
