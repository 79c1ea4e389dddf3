using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// A createPods made its pods but its answer was lost, and every call after it timed out, so status never recorded
/// them. The resource is then deleted after its clientToken expired, so the re-sent create cannot report them: they
/// are found by their owner tag and deleted before the finalizer goes.
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
        var faults = _h.Simulator.State.Faults;
        faults.Script("createPods", FaultKind.LostResponse);
        faults.Set("createPods", new OperationFaults { TimeoutRate = 1, TimeoutAfter = TimeSpan.FromMilliseconds(500) });
        await _h.CreateAsync(_h.NewPod("lost", maxCount: 2));
        await Eventually.Until(() => _h.CloudPods("lost").Count(p => p.Exists) == 2, "the lost create made its two pods");
        await _h.WaitForAsync("lost", p => p.Status?.PendingCreate is not null && (p.Status.PodIds ?? []).Count == 0,
            "the create's outcome unknown, no pod recorded");

        await _h.DeleteAsync("lost");
        _h.Simulator.State.ExpireClientTokens();
        faults.Reset();
        await _h.WaitForGoneAsync("lost");

        // The re-sent create, judged as new once its token expired, may make pods of its own: recorded, so deleted too.
        _h.CloudPods("lost").Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(p => !p.Exists, "no pod outlives its resource");
    }
}
