using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Tests.Controller;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>
/// Two replicas of the runtime on one coordination.k8s.io Lease in the real API server; and two replicas of the
/// whole operator, whose follower creates nothing and takes over when the leader stops.
/// </summary>
public sealed class LeaderElectionTests() : ApiServerTest("rt-leader")
{
    private const string Lease = "operator-leader";

    [Fact]
    public async Task Exactly_one_of_two_replicas_reconciles()
    {
        await using var a = Replica("replica-a");
        await using var b = Replica("replica-b");
        await a.StartAsync();
        await Eventually.Until(() => a.Manager.Status.IsLeader, "a leads");
        await b.StartAsync();
        await Eventually.Until(() => b.Manager.Status.Watch.Synced, "b's cache is warm too");

        foreach (var name in new[] { "x", "y", "z" }) await Client.CreateConfigMapAsync(Ns, name);
        await Eventually.Until(() => new[] { "x", "y", "z" }.All(n => a.Probe.CallsOf(n) == 1), "the leader reconciled everything");

        b.Probe.Calls.Should().BeEmpty("only the leader reconciles");
        b.Manager.Status.IsLeader.Should().BeFalse();
        (await HolderAsync()).Should().Be("replica-a");
    }

    [Fact]
    public async Task Stopping_the_leader_hands_over_at_once_by_releasing_the_lease()
    {
        await using var a = Replica("replica-a", leaseDuration: TimeSpan.FromSeconds(60));
        await using var b = Replica("replica-b", leaseDuration: TimeSpan.FromSeconds(60));
        await Client.CreateConfigMapAsync(Ns, "x");
        await a.StartAsync();
        await Eventually.Until(() => a.Probe.CallsOf("x") == 1, "a leads and reconciles");
        await b.StartAsync();

        await a.StopAsync();

        // Without the release b would wait out the 60 s lease; the limit here is far below that.
        await Eventually.Until(() => b.Manager.Status.IsLeader, "b took over", TimeSpan.FromSeconds(20));
        await Eventually.Until(() => b.Probe.CallsOf("x") == 1, "the new leader reconciles everything once");
        await Client.CreateConfigMapAsync(Ns, "y");
        await Eventually.Until(() => b.Probe.CallsOf("y") == 1, "and every change from then on");
        a.Probe.CallsOf("y").Should().Be(0);
        (await HolderAsync()).Should().Be("replica-b");
    }

    [Fact]
    public async Task Losing_the_lease_cancels_the_reconciles_in_flight_and_the_replica_campaigns_again()
    {
        await using var a = Replica("replica-a");
        a.Probe.Behaviour = async (key, call, ct) =>
        {
            if (call == 1) await Task.Delay(Timeout.Infinite, ct);
            return ReconcileResult.Done;
        };
        await Client.CreateConfigMapAsync(Ns, "slow");
        await a.StartAsync();
        await Eventually.Until(() => a.Probe.CallsOf("slow") == 1, "a reconcile is running");

        await StealLeaseAsync("intruder");

        await Eventually.Until(() => a.Probe.Cancelled.Count == 1, "the running reconcile was cancelled");
        a.Manager.Status.IsLeader.Should().BeFalse();
        // The intruder never renews: once its lease expires, a leads again and starts over from its cache.
        await Eventually.Until(() => a.Probe.CallsOf("slow") == 2, "a re-acquired the lease and reconciled again");
        (await HolderAsync()).Should().Be("replica-a");
    }

    [Fact]
    public async Task Two_operators_one_leader_reconciles_no_duplicates_and_the_other_takes_over()
    {
        await using var h = await ControllerHarness.StartAsync("rt-leader-op");
        var a = await h.StartOperatorAsync(leaderElection: true, identity: "replica-a");
        var b = await h.StartOperatorAsync(leaderElection: true, identity: "replica-b");
        var names = Enumerable.Range(1, 4).Select(i => $"ha-{i}").ToList();
        foreach (var name in names) await h.CreateAsync(h.NewPod(name, maxCount: 2));
        foreach (var name in names) await h.WaitForReadyAsync(name, 2);

        var (leader, follower) = ControllerHarness.StatusOf(a).IsLeader ? (a, b) : (b, a);
        ControllerHarness.StatusOf(leader).IsLeader.Should().BeTrue();
        ControllerHarness.StatusOf(follower).IsLeader.Should().BeFalse();
        ControllerHarness.StatusOf(follower).Reconciles.Should().Be(0, "only the leader reconciles");
        foreach (var name in names) h.CloudPods(name).Should().HaveCount(2, $"{name}: no pod created twice");

        await h.StopOperatorAsync(leader);
        await Eventually.Until(() => ControllerHarness.StatusOf(follower).IsLeader, "the other replica leads", ControllerHarness.Limit);
        await h.PatchAsync("ha-1", """{"spec":{"maxCount":3}}""");
        await h.WaitForReadyAsync("ha-1", 3);
        h.CloudPods("ha-1").Should().HaveCount(3);
    }

    private ManagerHarness Replica(string identity, TimeSpan? leaseDuration = null) =>
        new(Client, Ns, o =>
        {
            o.Identity = identity;
            o.LeaderElection = new LeaderElectionOptions
            {
                Enabled = true,
                LeaseName = Lease,
                LeaseNamespace = Ns,
                LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(3),
                RenewDeadline = TimeSpan.FromSeconds(2),
                RetryPeriod = TimeSpan.FromMilliseconds(300),
            };
        });

    private async Task<string?> HolderAsync() => (await Client.CoordinationV1.ReadNamespacedLeaseAsync(Lease, Ns)).Spec.HolderIdentity;

    private Task StealLeaseAsync(string holder) =>
        Client.CoordinationV1.PatchNamespacedLeaseAsync(new V1Patch(
            $$$"""{"spec":{"holderIdentity":"{{{holder}}}","renewTime":"{{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.ffffffZ}}}","leaseDurationSeconds":3}}""",
            V1Patch.PatchType.MergePatch), Lease, Ns);
}
