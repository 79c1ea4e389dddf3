using JdCloudPodOperator.Runtime;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>Two replicas of the runtime on one coordination.k8s.io Lease in the real API server.</summary>
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
