using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The operator process (production timings, 15 cloud calls/s) is SIGKILLed at random instants, 20 times, while 50
/// resources of 3 pods roll out (<see cref="RolloutFleet"/>: half in place, half replaced). Every phase takes a
/// moment, so kills land between a checkpoint and its call, between a call and its status write, and mid-phase. At
/// the end every pod runs the new revision, each resource has exactly its 3 live pods, none leaked, and the
/// simulator's phase record shows that the availability bound held at every instant.
/// </summary>
public sealed class RolloutCrashTests : IAsyncLifetime
{
    private const int Resources = 50, Kills = 20;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromMinutes(8);
    private ControllerHarness _h = null!;

    public async Task InitializeAsync() =>
        _h = await ControllerHarness.StartAsync("ctl-rollkill", ControllerHarness.EveryPhase(TimeSpan.FromMilliseconds(400)));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public Task Killed_twenty_times_while_50_resources_roll_out_every_pod_ends_updated_within_its_bounds() => FaultSeed.RunAsync(async random =>
    {
        var rollout = await RolloutFleet.CreateAsync(_h, "rk", Resources);
        using (var first = OperatorProcess.Start(_h.Namespace, _h.Simulator.BaseUrl))
        {
            await WaitAsync(() => rollout.Fleet.WaitForAllReadyAsync(ConvergeLimit), first);
            await first.KillAsync();
        }
        await rollout.EditAllAsync();

        for (var kill = 1; kill <= Kills; kill++)
        {
            using var process = OperatorProcess.Start(_h.Namespace, _h.Simulator.BaseUrl);
            var last = LastCall();
            await Eventually.Until(() => LastCall() > last || process.HasExited, $"kill {kill}: the restarted operator calls the cloud", StartLimit);
            process.HasExited.Should().BeFalse($"kill {kill}: the operator must be running when it is killed; it said: {process.Output}");
            await Task.Delay(random.Next(0, 1500));
            await process.KillAsync();
        }

        // Not asserted (it depends on timing), but shown when run by hand: how far the kills let the rollout get.
        var resources = await rollout.Fleet.ListAsync();
        Console.WriteLine($"after {Kills} kills: {resources.Count(r => !rollout.Updated(r))} of {Resources} resources still rolling out, " +
                          $"{resources.Sum(r => r.Status?.Pods?.Count(p => p.Operation is not null) ?? 0)} pod operations in flight");

        using var final = OperatorProcess.Start(_h.Namespace, _h.Simulator.BaseUrl);
        await WaitAsync(() => rollout.WaitForAllUpdatedAsync(ConvergeLimit), final);
        await rollout.AssertRolledOutAsync();
    });

    private long LastCall() => _h.Simulator.State.Calls.Snapshot().LastOrDefault()?.Sequence ?? 0;

    private static async Task WaitAsync(Func<Task> wait, OperatorProcess process)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the operator said: {process.Output}", e);
        }
    }
}
