using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>Where an in-place operation stands after looking at its pod.</summary>
public enum OperationVerdict
{
    /// <summary>The pod is between phases, or the cloud has not yet shown the accepted call's effect.</summary>
    Wait,

    /// <summary>The current step's call is due (checkpoint the operation first).</summary>
    Send,

    /// <summary>Every step is done: the pod runs the operation's revision.</summary>
    Complete,

    /// <summary>The pod went to error: it cannot be stopped, started, rebuilt or resized any more.</summary>
    Failed,
}

/// <summary>An operation as it now stands (null once complete) and what it needs.</summary>
public sealed record OperationProgress(PodOperationStatus? Operation, OperationVerdict Verdict)
{
    /// <summary>
    /// Moves past every step the pod's phase shows done, and says what the next one needs. A step is done when its
    /// call was accepted and the phase shows its effect (stopped after Stop, Rebuild or Resize; running after Start);
    /// Modify has no phase of its own. A pod found running where a step needs it stopped (someone started it) is
    /// stopped again first.
    /// </summary>
    public static OperationProgress Of(PodOperationStatus operation, PodState state)
    {
        var steps = new List<string>(operation.Steps ?? []);
        var sent = operation.Sent == true;
        while (steps.Count > 0)
        {
            switch (StepNeeds(steps[0], state, sent))
            {
                case Need.Done:
                    steps.RemoveAt(0);
                    sent = false;
                    continue;
                case Need.StopFirst:
                    steps.Insert(0, PodSteps.Stop);
                    sent = false;
                    continue;
                case var need:
                    var verdict = need switch { Need.Send => OperationVerdict.Send, Need.Failed => OperationVerdict.Failed, _ => OperationVerdict.Wait };
                    return new OperationProgress(With(operation, steps, sent), verdict);
            }
        }
        return new OperationProgress(null, OperationVerdict.Complete);
    }

    private enum Need { Done, Wait, Send, StopFirst, Failed }

    private static Need StepNeeds(string step, PodState state, bool sent)
    {
        if (state == PodState.Error) return Need.Failed;
        if (state is not (PodState.Running or PodState.Stopped)) return Need.Wait;
        var running = state == PodState.Running;
        return step switch
        {
            PodSteps.Stop => running ? (sent ? Need.Wait : Need.Send) : Need.Done,
            PodSteps.Start => running ? Need.Done : (sent ? Need.Wait : Need.Send),
            PodSteps.Modify => sent ? Need.Done : Need.Send,
            // Rebuild and Resize: a stopped pod whose call was accepted has been through it.
            _ => running ? Need.StopFirst : (sent ? Need.Done : Need.Send),
        };
    }

    private static PodOperationStatus With(PodOperationStatus operation, List<string> steps, bool sent) =>
        new() { Revision = operation.Revision, Steps = steps, Sent = sent ? true : null };
}
