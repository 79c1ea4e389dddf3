using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// 200 resources (the number) are deleted while the cloud fails: first an outage of deletePod (every call
/// 503) with flaky describePods, then 30% of all calls failing in every way, then recovery. No finalizer may be
/// removed while a pod of its resource still exists, none may stay stuck once the cloud is back, and no pod is leaked.
/// </summary>
public sealed class DeletionUnderFaultTests() : HarnessTest("ctl-delfault")
{
    private const int Resources = 200;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _h.StartOperatorAsync(tune: s =>
        {
            s.CloudRetries = 0;
            s.CloudRateLimit = 16;
            s.Workers = 16;
        });
    }

    [Fact]
    public Task Deleting_200_resources_while_the_cloud_fails_leaks_no_pod_and_sticks_no_finalizer() => FaultSeed.RunAsync(async random =>
    {
        var fleet = await Fleet.CreateAsync(_h, "df", Resources, random);
        await fleet.WaitForAllReadyAsync(Limit);
        var faults = _h.Simulator.State.Faults;

        faults.Set("deletePod", new OperationFaults { UnavailableRate = 1 });
        faults.Set("describePods", new OperationFaults { InternalErrorRate = 0.2 });
        await Parallel.ForEachAsync(fleet.Desired.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) => await _h.DeleteAsync(name));
        await Eventually.Until(() => _h.Simulator.State.Calls.Snapshot("deletePod").Count >= Resources / 2,
            "the operator tries to delete pods during the outage", Limit);
        (await fleet.ListAsync()).Should().HaveCount(Resources, "no finalizer is removed while deletePod fails");
        _h.Simulator.State.Pods().Should().OnlyContain(p => p.Exists);

        faults.Set(FaultInjector.AllOperations, new OperationFaults
        {
            RateLimitRate = 0.06, InternalErrorRate = 0.06, UnavailableRate = 0.06, TimeoutRate = 0.06, LostResponseRate = 0.06,
            TimeoutAfter = TimeSpan.FromSeconds(1),
        });
        faults.Set("deletePod", faults.Rates[FaultInjector.AllOperations]);
        faults.Set("describePods", faults.Rates[FaultInjector.AllOperations]);
        await AssertNoResourceGoneBeforeItsPodsAsync(fleet, TimeSpan.FromSeconds(10));

        faults.Reset();
        await fleet.WaitForAllGoneAsync(Limit);
        fleet.AssertNoPodLeaked();
    });

    /// <summary>For a while, watches that every resource already gone has no pod left in the cloud.</summary>
    private async Task AssertNoResourceGoneBeforeItsPodsAsync(Fleet fleet, TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            // Resources first: a pod still live afterwards outlived its resource (pods never come back).
            var present = (await fleet.ListAsync()).Select(r => r.Metadata.Name).ToHashSet();
            var live = _h.Simulator.State.Pods().Where(p => p.Exists).Select(p => p.Name).ToHashSet();
            fleet.Desired.Keys.Where(name => !present.Contains(name) && live.Contains(name))
                .Should().BeEmpty("a resource's finalizer is removed only once its pods are gone");
            await Task.Delay(200);
        }
    }
}
