using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// One cloud call in five fails while resources roll out, evenly spread over 429 RATE_LIMIT, 500, 503, no answer and
/// an answer lost after the work was done, on every operation (stop, rebuild, start, create, delete, describe). The
/// client's own retries are off, so each failure reaches the reconciler. Every pod still ends on its new revision
/// within its bounds, none leaked.
/// </summary>
public sealed class RolloutFaultTests : IAsyncLifetime
{
    private const int Resources = 12;
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromMinutes(5);
    private static readonly string[] PodCalls = ["stopPod", "rebuildPod", "startPod"];
    private ControllerHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await ControllerHarness.StartAsync("ctl-rollfault", ControllerHarness.EveryPhase(TimeSpan.FromMilliseconds(200)));
        await _h.StartOperatorAsync(tune: s =>
        {
            s.CloudRetries = 0;
            s.CloudRateLimit = 16;
        });
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Twenty_percent_of_calls_failing_in_every_way_still_rolls_every_pod_out_within_its_bounds()
    {
        var rollout = await RolloutFleet.CreateAsync(_h, "rf", Resources);
        await rollout.Fleet.WaitForAllReadyAsync(ConvergeLimit);
        _h.Simulator.State.Faults.Set(FaultInjector.AllOperations, new OperationFaults
        {
            RateLimitRate = 0.04, InternalErrorRate = 0.04, UnavailableRate = 0.04, TimeoutRate = 0.04, LostResponseRate = 0.04,
            TimeoutAfter = TimeSpan.FromSeconds(1),
        });

        await rollout.EditAllAsync();
        await rollout.WaitForAllUpdatedAsync(ConvergeLimit);

        await rollout.AssertRolledOutAsync();
        _h.Simulator.State.Calls.Snapshot().Where(c => PodCalls.Contains(c.Operation)).Should().Contain(c => c.Fault != FaultKind.None,
            "the stops, rebuilds and starts met faults on the way");
    }
}
