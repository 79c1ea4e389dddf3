using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The cloud misbehaves: storms of 429 RATE_LIMIT and 500s, answers lost after the pods were created. The client's
/// own retries are off here, so every failure reaches the reconciler and its retry gate.
/// </summary>
public sealed class FaultTests() : HarnessTest("ctl-fault")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _h.StartOperatorAsync(tune: s => s.CloudRetries = 0);
    }

    [Fact]
    public async Task Rate_limit_and_server_error_storms_converge_without_duplicates()
    {
        _h.Simulator.State.Faults.Set(FaultInjector.AllOperations, new OperationFaults { RateLimitRate = 0.3, InternalErrorRate = 0.2 });
        try
        {
            foreach (var name in new[] { "storm-a", "storm-b", "storm-c" }) await _h.CreateAsync(_h.NewPod(name, maxCount: 2));
            // A fresh resource costs few calls (one createPods, a few polls): the storm lasts until it has hit both ways.
            await Eventually.Until(() => Storm(429) && Storm(500), "the storm answered 429 and 500", ControllerHarness.Limit);
            foreach (var name in new[] { "storm-a", "storm-b", "storm-c" }) await _h.WaitForReadyAsync(name, 2, TimeSpan.FromSeconds(120));
        }
        finally
        {
            _h.Simulator.State.Faults.Reset();
        }
        _h.Simulator.State.Calls.Snapshot().Should().Contain(c => c.Status == 429).And.Contain(c => c.Status == 500);
        foreach (var name in new[] { "storm-a", "storm-b", "storm-c" })
            _h.CloudPods(name).Should().HaveCount(2, $"{name}: exactly the desired pods were ever created");
    }

    private bool Storm(int status) => _h.Simulator.State.Calls.Snapshot().Any(c => c.Status == status);

    [Fact]
    public async Task A_lost_createPods_answer_is_recovered_without_making_the_pods_twice()
    {
        // The first pass's call (and its retry with the same token) lose their answers; the next pass finds the pods
        // by owner tag before it would send the create again (docs/ownership.md).
        _h.Simulator.State.Faults.Script("createPods", FaultKind.LostResponse, 2);
        await _h.CreateAsync(_h.NewPod("lost", maxCount: 3));
        var ready = await _h.WaitForReadyAsync("lost", 3);

        _h.CloudPods("lost").Should().HaveCount(3, "the first call's pods were found, not made again");
        var creates = _h.Simulator.State.Calls.Snapshot("createPods").Where(c => c.Body.Contains("\"lost\"")).ToList();
        creates.Should().NotBeEmpty().And.OnlyContain(c => c.ClientToken == creates[0].ClientToken);
        ready.Status!.CreateAttempts.Should().Be(1);
    }
}
