using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;
using static JdCloudPodOperator.Entities.PodSteps;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class OperationProgressTests
{
    private static OperationProgress Of(string phase, bool sent, params string[] steps) =>
        OperationProgress.Of(new PodOperationStatus { Revision = "r1", Steps = [.. steps], Sent = sent }, ObservedPod.StateOf(phase));

    private static (OperationVerdict, IEnumerable<string>?, bool?) Read(OperationProgress progress) =>
        (progress.Verdict, progress.Operation?.Steps, progress.Operation?.Sent);

    [Fact]
    public void An_unsent_step_is_sent_once_the_phase_allows_it()
    {
        Read(Of("running", false, Stop, Rebuild, Start)).Should().BeEquivalentTo((OperationVerdict.Send, new[] { Stop, Rebuild, Start }, (bool?)null));
        Read(Of("stopped", false, Rebuild, Start)).Should().BeEquivalentTo((OperationVerdict.Send, new[] { Rebuild, Start }, (bool?)null));
        Read(Of("running", false, Modify)).Item1.Should().Be(OperationVerdict.Send);
    }

    [Fact]
    public void A_sent_step_waits_for_its_phase_then_the_next_is_due()
    {
        Read(Of("running", true, Stop, Rebuild, Start)).Item1.Should().Be(OperationVerdict.Wait);
        Read(Of("stopped", true, Stop, Rebuild, Start)).Should().BeEquivalentTo((OperationVerdict.Send, new[] { Rebuild, Start }, (bool?)null));
        Read(Of("stopped", true, Rebuild, Resize, Start)).Should().BeEquivalentTo((OperationVerdict.Send, new[] { Resize, Start }, (bool?)null));
        Read(Of("stopped", true, Start)).Item1.Should().Be(OperationVerdict.Wait);
    }

    [Fact]
    public void Transient_phases_wait_and_error_fails()
    {
        Read(Of("rebuilding", true, Rebuild, Start)).Item1.Should().Be(OperationVerdict.Wait);
        Read(Of("starting", true, Start)).Item1.Should().Be(OperationVerdict.Wait);
        Read(Of("error", true, Start)).Should().BeEquivalentTo((OperationVerdict.Failed, new[] { Start }, (bool?)true));
    }

    [Fact]
    public void The_last_step_shown_done_completes_the_operation()
    {
        Of("running", true, Start).Should().Be(new OperationProgress(null, OperationVerdict.Complete));
        Of("stopped", true, Rebuild).Verdict.Should().Be(OperationVerdict.Complete);
        Of("running", true, Modify).Verdict.Should().Be(OperationVerdict.Complete);
        Of("stopped", false, Stop).Verdict.Should().Be(OperationVerdict.Complete);
    }

    [Fact]
    public void A_pod_started_by_someone_else_is_stopped_again_before_a_rebuild()
    {
        Read(Of("running", false, Rebuild, Start)).Should().BeEquivalentTo((OperationVerdict.Send, new[] { Stop, Rebuild, Start }, (bool?)null));
        Read(Of("running", true, Resize, Start)).Should().BeEquivalentTo((OperationVerdict.Send, new[] { Stop, Resize, Start }, (bool?)null));
    }
}
