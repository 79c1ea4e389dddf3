using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// A createPods made its pods but its answer was lost, and every call after it timed out, so status never recorded
/// them. The resource is then deleted after its clientToken expired: its pods are found by their owner tag and deleted
/// before the finalizer goes, and no createPods is sent for a resource being deleted. And a re-sent create refused
/// while the first one's pods exist keeps the token until the owner-tag lookup has found them (docs/ownership.md).
/// </summary>
public sealed class DeletionAfterLostCreateTests() : HarnessTest("ctl-lostdel")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _h.StartOperatorAsync(tune: s => s.CloudRetries = 0);
    }

    [Fact]
    public async Task Pods_of_a_create_never_recorded_are_deleted_with_their_resource()
    {
        var faults = await LoseACreateAsync("lost");

        await _h.DeleteAsync("lost");
        _h.Simulator.State.ExpireClientTokens();
        var creates = _h.Simulator.State.Calls.Snapshot("createPods").Count;
        faults.Reset();
        await _h.WaitForGoneAsync("lost");

        _h.Simulator.State.Calls.Snapshot("createPods").Should().HaveCount(creates, "a resource being deleted sends no createPods");
        _h.CloudPods("lost").Should().HaveCount(2).And.OnlyContain(p => !p.Exists, "no pod outlives its resource");
    }

    [Fact]
    public async Task A_create_of_unknown_outcome_is_looked_up_by_owner_tag_before_it_is_sent_again()
    {
        var faults = await LoseACreateAsync("unknown");

        // The cloud forgets the token, so a re-send would be a new create; and the lookup by owner tag fails for now.
        faults.Set("describePods", new OperationFaults { TimeoutRate = 1, TimeoutAfter = TimeSpan.FromMilliseconds(200) });
        _h.Simulator.State.ExpireClientTokens();
        faults.Set("createPods", new OperationFaults());
        var creates = _h.Simulator.State.Calls.Snapshot("createPods").Count;
        var lookups = _h.Simulator.State.Calls.Snapshot("describePods").Count;
        await Eventually.Until(() => _h.Simulator.State.Calls.Snapshot("describePods").Count >= lookups + 2, "two lookups tried");
        _h.Simulator.State.Calls.Snapshot("createPods").Should().HaveCount(creates, "no create is sent again before the lookup has run");
        (await _h.GetAsync("unknown"))!.Status!.PendingCreate.Should().NotBeNull("the first send's outcome is still unknown");

        faults.Reset();
        await _h.WaitForAsync("unknown", p => (p.Status?.PodIds ?? []).Count == 2 && p.Status!.PendingCreate is null, "the first send's pods recorded");
        _h.CloudPods("unknown").Count(p => p.Exists).Should().Be(2, "the pods the lost create made are adopted, not made again");
        _h.Simulator.State.Calls.Snapshot("createPods").Should().HaveCount(creates);
    }

    [Fact]
    public async Task Pods_a_lost_create_made_are_recorded_with_the_revision_it_sent_and_updated_to_a_newer_spec()
    {
        var faults = await LoseACreateAsync("moved");
        faults.Set("describePods", new OperationFaults { TimeoutRate = 1, TimeoutAfter = TimeSpan.FromMilliseconds(200) });

        // The spec moves on before the lookup finds the pods the lost create made with the old image.
        await _h.EditAsync("moved", spec => spec.PodSpec!.Containers![0].Image = "nginx:1.28");
        faults.Reset();

        var ready = await _h.WaitForAsync("moved", p => ControllerHarness.IsReady(p) && p.Status!.ObservedGeneration == p.Metadata.Generation,
            "Ready for the new spec", TimeSpan.FromSeconds(60));
        ready.Status!.PodIds.Should().HaveCount(2);
        foreach (var podId in ready.Status.PodIds!)
            (await _h.DescribeCloudPodAsync(podId))!.Containers![0].Image.Should().Be("nginx:1.28", $"{podId} runs the spec Ready is said of");
    }

    // A create of two pods whose answer is lost, every call after it timing out: status records neither pod.
    private async Task<FaultInjector> LoseACreateAsync(string name)
    {
        var faults = _h.Simulator.State.Faults;
        faults.Script("createPods", FaultKind.LostResponse);
        faults.Set("createPods", new OperationFaults { TimeoutRate = 1, TimeoutAfter = TimeSpan.FromMilliseconds(500) });
        await _h.CreateAsync(_h.NewPod(name, maxCount: 2));
        await Eventually.Until(() => _h.CloudPods(name).Count(p => p.Exists) == 2, "the lost create made its two pods");
        await _h.WaitForAsync(name, p => p.Status?.PendingCreate is not null && (p.Status.PodIds ?? []).Count == 0,
            "the create's outcome unknown, no pod recorded");
        return faults;
    }
}
