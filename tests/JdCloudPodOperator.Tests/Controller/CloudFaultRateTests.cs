using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// One cloud call in five fails, evenly spread over 429 RATE_LIMIT, 500, 503, no answer (timeout) and an answer lost
/// after the work was done, on every operation. The client's own retries are off, so each failure reaches the
/// reconciler. 80 resources (up to 3 pods each) keep this at 0.5-1.5 minutes on a loaded 2-core machine; the kill
/// and deletion tests run the 200.
/// </summary>
public sealed class CloudFaultRateTests() : HarnessTest("ctl-faultrate")
{
    private const int Resources = 80;
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromMinutes(4);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _h.StartOperatorAsync(tune: s =>
        {
            s.CloudRetries = 0;
            s.CloudRateLimit = 16;
        });
    }

    [Fact]
    public Task Twenty_percent_of_calls_failing_in_every_way_converges_without_a_duplicate() => FaultSeed.RunAsync(async random =>
    {
        _h.Simulator.State.Faults.Set(FaultInjector.AllOperations, new OperationFaults
        {
            RateLimitRate = 0.04, InternalErrorRate = 0.04, UnavailableRate = 0.04, TimeoutRate = 0.04, LostResponseRate = 0.04,
            TimeoutAfter = TimeSpan.FromSeconds(1),
        });
        _h.Simulator.State.Faults.Script("createPods", FaultKind.LostResponse, 3);
        // The rates spread faults over the run; one of each kind scripted on the polls makes sure every kind is met
        // however few calls a run makes (80 resources cost only ~100-150 calls, and 0.96^120 is about 1%).
        foreach (var kind in new[] { FaultKind.RateLimit, FaultKind.InternalError, FaultKind.Unavailable, FaultKind.Timeout })
            _h.Simulator.State.Faults.Script("describePods", kind);
        var fleet = await Fleet.CreateAsync(_h, "fr", Resources, random, maxCount: 3);

        await fleet.WaitForAllReadyAsync(ConvergeLimit);

        await fleet.AssertExactlyTheDesiredPodsAsync();
        var faults = _h.Simulator.State.Calls.Snapshot().Select(c => c.Fault).ToHashSet();
        faults.Should().Contain([FaultKind.RateLimit, FaultKind.InternalError, FaultKind.Unavailable, FaultKind.Timeout, FaultKind.LostResponse],
            "every kind of fault was met on the way");
        _h.Simulator.State.Calls.Snapshot("createPods").Count(c => c.Fault == FaultKind.LostResponse).Should().BeGreaterThanOrEqualTo(3,
            "creates were carried out with their answers lost, and still nothing was created twice");
    });
}
