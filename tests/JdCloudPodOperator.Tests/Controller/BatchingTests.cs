using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>Polls of many resources share describePods calls (up to 100 pod IDs per call).</summary>
public sealed class BatchingTests() : HarnessTest("ctl-batch")
{
    private const int Resources = 20;
    private Microsoft.AspNetCore.Builder.WebApplication _operator = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Settled resources are polled only by the runtime's resync, which queues every resource at once.
        _operator = await _h.StartOperatorAsync(tune: s =>
        {
            s.Workers = Resources;
            s.RuntimeResync = TimeSpan.FromSeconds(2);
            s.Controller.SettledPollInterval = TimeSpan.FromHours(1);
            s.Controller.DescribeBatchWindow = TimeSpan.FromMilliseconds(200);
        });
    }

    [Fact]
    public async Task Polling_twenty_resources_costs_a_few_describePods_calls_not_twenty()
    {
        var names = Enumerable.Range(1, Resources).Select(i => $"batch-{i}").ToList();
        foreach (var name in names) await _h.CreateAsync(_h.NewPod(name));
        foreach (var name in names) await _h.WaitForReadyAsync(name, 1);

        _h.Simulator.State.Calls.Clear();
        var before = ControllerHarness.StatusOf(_operator).Reconciles;
        await Eventually.Until(() => ControllerHarness.StatusOf(_operator).Reconciles - before >= 2 * Resources,
            "two resyncs of every resource", ControllerHarness.Limit);
        var reconciles = ControllerHarness.StatusOf(_operator).Reconciles - before;
        var polls = _h.Simulator.State.Calls.Snapshot("describePods").Where(c => c.Query.Contains("podId")).ToList();

        polls.Should().NotBeEmpty();
        (polls.Count * 5).Should().BeLessThanOrEqualTo((int)reconciles,
            $"{reconciles} reconciles shared {polls.Count} describePods calls (at least 5 resources per call)");
        polls.Max(c => c.Query.Split('&').Count(p => p.StartsWith("filters.1.values."))).Should().BeGreaterThan(1);
    }
}
