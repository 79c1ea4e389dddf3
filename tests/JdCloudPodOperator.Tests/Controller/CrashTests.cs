using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator.Faults;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The operator process is killed (SIGKILL) after createPods has created the pods but before their IDs reached the
/// status. A new operator must end with exactly the desired pods: the recorded pendingCreate makes it re-send the
/// same clientToken, and the cloud answers with the first call's pods.
/// </summary>
public sealed class CrashTests() : HarnessTest("ctl-crash")
{
    [Fact]
    public async Task Killed_between_createPods_and_the_status_write_a_restarted_operator_creates_no_duplicate()
    {
        // Every answer is lost, so the pods exist in the cloud while the operator still waits to learn their IDs.
        _h.Simulator.State.Faults.Script("createPods", FaultKind.LostResponse, 100);
        await _h.CreateAsync(_h.NewPod("crash", maxCount: 2));
        using (var process = OperatorProcess.Start(_h.Namespace, _h.Simulator.BaseUrl))
        {
            try
            {
                await Eventually.Until(() => _h.CloudPods("crash").Count > 0 || process.HasExited, "the first createPods reached the cloud", ControllerHarness.Limit);
                process.HasExited.Should().BeFalse("the operator must be running when it is killed; it said: " + process.Output);
            }
            finally
            {
                await process.KillAsync();
            }
        }
        _h.Simulator.State.Faults.Reset();

        var killed = (await _h.GetAsync("crash"))!;
        killed.Status!.PendingCreate.Should().NotBeNull("the create was recorded before it was sent");
        killed.Status.PodIds.Should().BeNullOrEmpty("the kill came before the IDs were written");
        _h.CloudPods("crash").Should().HaveCount(2).And.OnlyContain(p => p.ClientToken == killed.Status.PendingCreate!.ClientToken);

        await _h.StartOperatorAsync();
        var ready = await _h.WaitForReadyAsync("crash", 2);
        _h.CloudPods("crash").Select(p => p.PodId).Should().BeEquivalentTo(ready.Status!.PodIds, "exactly the desired pods were ever created");
    }
}
