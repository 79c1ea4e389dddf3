using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.Controller;

public sealed partial class JdCloudPodReconciler
{
    /// <summary>The rollout's view of this pass: what it may do now, as <see cref="RolloutPlanner"/> sees it.</summary>
    private static RolloutInput RolloutInputOf(ReconcileState state, UpdateBounds bounds)
    {
        var strategy = state.Spec.UpdateStrategy;
        return new RolloutInput(state.Desired, bounds,
            InPlace: strategy?.InPlace != InPlacePolicies.Never,
            UpdatesAllowed: strategy?.Type != UpdateStrategyTypes.Never,
            Run: state.Run, state.Target!, state.Known, state.RolloutPods());
    }

    /// <summary>
    /// Moves the rollout clock on and says whether it has run out: no progress for progressDeadlineSeconds at this
    /// generation (docs/rollout.md, "The progress deadline"). Then no pod is touched.
    /// </summary>
    private Problem? AdvanceRolloutClock(ReconcileState state)
    {
        var goal = MoveRolloutClock(state);
        if (state.Rollout is not { DeadlineExceeded: true }) return null;
        var pods = state.RolloutPods();
        var failed = pods.Where(p => p.State == PodState.Error).Select(p => Describe(state, p.PodId)).ToList();
        return Problem.Terminal(Reasons.ProgressDeadlineExceeded,
            $"rolling out revision {goal.Target} made no progress for {goal.DeadlineSeconds}s: {RolloutProgress.Updated(pods, goal.Target, goal.Run)} of {goal.Desired} pods updated" +
            (failed.Count > 0 ? $"; in error: {string.Join(", ", failed)}" : "") +
            "; no pod is touched until the spec changes: revert or fix spec.podSpec, or raise spec.updateStrategy.progressDeadlineSeconds");
    }

    /// <summary>The rollout status from the pods as now recorded; notes the start of a rollout.</summary>
    private RolloutGoal MoveRolloutClock(ReconcileState state)
    {
        var deadline = state.Spec.UpdateStrategy?.ProgressDeadlineSeconds ?? UpdateStrategySpec.DefaultProgressDeadlineSeconds;
        var goal = new RolloutGoal(state.Target!.Name!, state.Run, state.Desired, state.Generation, deadline);
        var before = state.Rollout;
        state.Rollout = RolloutProgress.Next(before, state.RolloutPods(), goal, clock.GetUtcNow().UtcDateTime);
        if (before is null && state.Rollout is not null)
            state.Note(Notice.Normal(EventReasons.RolloutStarted, RolloutStartMessage(state)));
        return goal;
    }

    private static string RolloutStartMessage(ReconcileState state)
    {
        var from = state.RolloutPods().Select(p => p.Revision).Where(r => r != state.Target!.Name).Distinct().ToList();
        var what = from.Count == 0 ? "run state" : "podSpec";
        return $"rolling out {what} revision {state.Target!.Name} to {state.Desired} pods" +
               (from.Count > 0 ? $" (now on {string.Join(", ", from)})" : $" ({state.Spec.RunState ?? RunStates.Running})");
    }

    /// <summary>
    /// One rollout step: records the planned operations, and (the operations checkpoint) writes them before any of
    /// their calls, so a restarted operator resumes each pod where it stood; then makes the calls, deletes the old
    /// pods whose replacements serve, and creates the pods the plan asks for.
    /// </summary>
    private async Task<Outcome> RollAsync(ReconcileState state, RolloutPlan plan, CancellationToken cancellationToken)
    {
        foreach (var pod in plan.Pods) state.Records[pod.PodId] = new PodRecord(pod.Revision, pod.Operation);
        // The pass that finishes the last pod also ends the rollout, so Ready shows at once.
        MoveRolloutClock(state);
        NoteRollout(state, plan);
        if (plan.Calls.Count > 0) await completion.CheckpointAsync(state, cancellationToken);
        var (accepted, problem) = await SendCallsAsync(state, plan.Calls, cancellationToken);
        if (problem is not null) return Outcome.Failed(problem);
        if (plan.Replace.Count > 0) return await ReplaceAsync(state, plan.Replace, cancellationToken);
        if (plan.Surge > 0) return await CreateAsync(state, new CreateMissing(plan.Surge), cancellationToken);
        if (plan.Blocked.Count > 0 && plan.Calls.Count == 0)
            return Outcome.Failed(Problem.Terminal(Reasons.UpdateStrategyNever,
                $"pods {string.Join(", ", plan.Blocked)} run another podSpec revision than {state.Target!.Name}, and spec.updateStrategy.type Never forbids changing them; set it to RollingUpdate or Recreate"));
        return accepted > 0 ? Outcome.Changed : Outcome.Watching;
    }

    private static void NoteUpdated(ReconcileState state, IReadOnlyCollection<string> updated)
    {
        if (updated.Count > 0)
            state.Note(Notice.Normal(EventReasons.Updated,
                $"cloud pods {string.Join(", ", updated)} now run revision {state.Target!.Name} (updated in place, same IDs and IPs)"));
    }

    private static void NoteRollout(ReconcileState state, RolloutPlan plan)
    {
        NoteUpdated(state, plan.Updated);
        var newlyFailed = plan.Failed.Where(id => PreviousPhase(state, id) is not PodPhase.Error).ToList();
        if (newlyFailed.Count > 0)
            state.Note(Notice.Warning(EventReasons.UpdateFailed,
                $"cloud pods {string.Join(", ", newlyFailed.Select(id => Describe(state, id)))} went to error while being updated; they hold the rollout until its deadline or a spec change"));
    }

    private static string? PreviousPhase(ReconcileState state, string podId) =>
        state.Resource.Status?.Pods?.FirstOrDefault(p => p.PodId == podId)?.Phase?.ToLowerInvariant();

    private async Task<Outcome> ReplaceAsync(ReconcileState state, IReadOnlyList<string> podIds, CancellationToken cancellationToken)
    {
        var (deleted, problem) = await DeleteEachAsync(state, podIds, cancellationToken);
        state.PodIds.RemoveAll(deleted.Contains);
        if (deleted.Count > 0)
            state.Note(Notice.Normal(EventReasons.Replaced,
                $"deleted cloud pods {string.Join(", ", deleted)}: replaced by pods on revision {state.Target!.Name}"));
        return problem is null ? Outcome.Changed : Outcome.Failed(problem);
    }

    /// <summary>
    /// The calls, in order. A call the cloud accepted marks its step sent. A pod found in the wrong phase or busy is
    /// left for the next pass, which plans it again from its phase; any other failure ends the pass with its problem.
    /// </summary>
    private static async Task<(int Accepted, Problem? Problem)> SendCallsAsync(
        ReconcileState state, IReadOnlyList<PodCall> calls, CancellationToken cancellationToken)
    {
        var accepted = 0;
        foreach (var call in calls)
        {
            try
            {
                await SendAsync(state, call, cancellationToken);
            }
            catch (JdCloudApiException e) when (e.Kind is JdCloudErrorKind.WrongPhase or JdCloudErrorKind.Busy)
            {
                state.Note(Notice.Warning(EventReasons.UpdateFailed, $"{call.Step} of cloud pod {call.PodId} refused, tried again: {e.Message}"));
                continue;
            }
            catch (JdCloudApiException e) when (e.Kind is JdCloudErrorKind.SameInstanceType)
            {
                // A resize is planned only towards another type, so the pod having it already means an attempt whose
                // answer was lost applied it: the step is done.
            }
            catch (JdCloudApiException e)
            {
                state.Note(Notice.Warning(EventReasons.UpdateFailed, $"{call.Step} of cloud pod {call.PodId} failed: {e.Message}"));
                return (accepted, CloudProblems.From(e));
            }
            var record = state.Records[call.PodId];
            state.Records[call.PodId] = record with { Operation = new PodOperationStatus { Revision = record.Operation!.Revision, Steps = record.Operation.Steps, Sent = true } };
            accepted++;
        }
        return (accepted, null);
    }

    /// <summary>One step's call, with the values of the current spec (the plan always heads to it).</summary>
    private static Task SendAsync(ReconcileState state, PodCall call, CancellationToken cancellationToken)
    {
        var spec = state.Spec.PodSpec!;
        var containers = spec.Containers ?? [];
        return call.Step switch
        {
            PodSteps.Stop => state.Cloud.StopPodAsync(call.PodId, cancellationToken),
            PodSteps.Start => state.Cloud.StartPodAsync(call.PodId, cancellationToken),
            // Every container with every field: a field left out would fall back to the image's default.
            PodSteps.Rebuild => state.Cloud.RebuildPodAsync(call.PodId, [.. containers.Select(RebuildContainerSpec.From)], cancellationToken),
            PodSteps.Resize => state.Cloud.ResizePodAsync(call.PodId, spec.InstanceType!,
                [.. containers.Where(c => c.Resources is not null).Select(c => new ContainerResourceSpec { Name = c.Name!, Resources = c.Resources! })],
                cancellationToken),
            _ => state.Cloud.ModifyPodAttributeAsync(call.PodId, spec.Description ?? "", cancellationToken),
        };
    }
}
