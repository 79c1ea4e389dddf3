using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// Brings every pod to the target revision and run state, as a Deployment rolls out, within maxUnavailable and
/// maxSurge. Per pass: operations in flight move on as far as the pods' phases allow (a changed target re-plans
/// them); then pods that need it begin an in-place operation or are marked for replacement, taking a pod down only
/// while more than maxCount - maxUnavailable others serve; then old pods whose replacements serve are deleted, and
/// replacement (or in-place cover) pods are created while fewer than maxCount + maxSurge exist. Pure: the
/// controller checkpoints <see cref="RolloutPlan.Pods"/> before it makes the calls.
/// </summary>
public static class RolloutPlanner
{
    /// <summary>A rollout is under way while any pod runs or heads to another revision, or has an operation in flight.</summary>
    public static bool IsActive(IEnumerable<RolloutPod> pods, string target) =>
        pods.Any(p => p.Operation is not null || p.Revision != target);

    /// <summary>
    /// What a rollout under way (<paramref name="underWay"/>: status.rollout is set, or a pod needs the rollout) asks
    /// of the count; null when none is.
    /// </summary>
    public static RolloutAllowance? Allowance(IReadOnlyCollection<RolloutPod> pods, string target, UpdateBounds bounds, bool underWay) =>
        underWay || IsActive(pods, target)
            ? new RolloutAllowance(bounds.MaxSurge,
                pods.Where(p => p.State == PodState.Error && p.Heading == target).Select(p => p.PodId).ToHashSet(StringComparer.Ordinal),
                pods.Where(p => p.Heading != target).Select(p => p.PodId).ToHashSet(StringComparer.Ordinal))
            : null;

    public static RolloutPlan Plan(RolloutInput input)
    {
        var pass = new Pass(input);
        pass.FollowOperations();
        pass.BeginOperations();
        pass.ReplaceOutdated();
        return pass.Result();
    }

    private sealed class Pass(RolloutInput input)
    {
        private readonly List<RolloutPod> pods = [.. input.Pods];
        private readonly string target = input.Target.Name!;
        private readonly List<PodCall> calls = [];
        private readonly List<int> outdated = [];
        private readonly List<string> replace = [];
        private readonly List<string> updated = [];
        private readonly List<string> failed = [];
        private readonly List<string> blocked = [];
        private readonly List<int> stopsDue = [];
        private int budget;
        private int waiting;
        private int surge;

        public void FollowOperations()
        {
            for (var i = 0; i < pods.Count; i++)
            {
                if (pods[i].Operation is not { } operation) continue;
                if (operation.Revision == target && EndsAsWanted(operation)) Follow(i, operation);
                else Retarget(i, operation);
            }
        }

        /// <summary>
        /// Pods without an operation: begin one where needed, as far as the unavailability budget goes. Operations
        /// whose next call would stop a serving pod take their slot first, in the same budget.
        /// </summary>
        public void BeginOperations()
        {
            budget = input.Run ? pods.Count(p => p.IsAvailable) + stopsDue.Count - (input.Desired - input.Bounds.MaxUnavailable) : int.MaxValue;
            foreach (var i in stopsDue)
            {
                if (budget > 0)
                {
                    budget--;
                    calls.Add(new PodCall(pods[i].PodId, PodSteps.Stop));
                }
                else waiting++;
            }
            for (var i = 0; i < pods.Count; i++)
            {
                var pod = pods[i];
                if (pod.Operation is not null || pod.State is not (PodState.Running or PodState.Stopped)) continue;
                var change = pod.Revision == target ? PodChange.None : PodChange.Between(Fingerprint(pod.Revision), input.Target, input.InPlace);
                if ((change.Replace || change.NeedsStopped) && !input.UpdatesAllowed) blocked.Add(pod.PodId);
                else if (change.Replace) outdated.Add(i);
                else Begin(i, change);
            }
        }

        /// <summary>Old pods that need a new one: delete those not serving, and serving ones within the budget;
        /// otherwise create pods above maxCount, as maxSurge allows, for replacements and to cover in-place stops.</summary>
        public void ReplaceOutdated()
        {
            foreach (var i in outdated.OrderBy(i => pods[i].IsAvailable))
            {
                if (!pods[i].IsAvailable) replace.Add(pods[i].PodId);
                else if (budget > 0)
                {
                    replace.Add(pods[i].PodId);
                    budget--;
                }
            }
            // Pods come back once the deleted ones are gone, through the count (fewer than maxCount exist then).
            if (replace.Count > 0 || !input.Run) return;
            var room = input.Desired + input.Bounds.MaxSurge - pods.Count;
            var replacements = Math.Max(0, input.Desired - (pods.Count - outdated.Count));
            // With no pod allowed down, an in-place update needs a pod to stand in for it; it is removed at the end.
            var cover = input.Bounds.MaxUnavailable == 0 ? waiting : 0;
            surge = Math.Max(0, Math.Min(room, replacements + cover));
        }

        public RolloutPlan Result() => new(pods, calls, replace, surge, updated, failed, blocked);

        private void Begin(int i, PodChange change)
        {
            var pod = pods[i];
            var steps = change.Steps(pod.State, input.Run);
            if (steps.Count == 0)
            {
                pods[i] = pod with { Revision = target };
                return;
            }
            if (pod.IsAvailable && input.Run && steps[0] == PodSteps.Stop)
            {
                if (budget <= 0)
                {
                    waiting++;
                    return;
                }
                budget--;
            }
            Follow(i, new PodOperationStatus { Revision = target, Steps = steps }, slotTaken: true);
        }

        private void Follow(int i, PodOperationStatus operation, bool slotTaken = false)
        {
            var pod = pods[i];
            var progress = OperationProgress.Of(operation, pod.State);
            pods[i] = progress.Verdict == OperationVerdict.Complete
                ? pod with { Revision = operation.Revision!, Operation = null }
                : pod with { Operation = progress.Operation };
            switch (progress.Verdict)
            {
                case OperationVerdict.Complete when operation.Revision == target && pod.Revision != target:
                    updated.Add(pod.PodId);
                    break;
                // A serving pod is stopped only within the budget: an operation planned again (a spec changed
                // under it) or begun in an earlier pass may not have had a slot.
                case OperationVerdict.Send when !slotTaken && input.Run && pod.State == PodState.Running && progress.Operation!.Steps![0] == PodSteps.Stop:
                    stopsDue.Add(i);
                    break;
                case OperationVerdict.Send:
                    calls.Add(new PodCall(pod.PodId, progress.Operation!.Steps![0]));
                    break;
                case OperationVerdict.Failed:
                    failed.Add(pod.PodId);
                    break;
            }
        }

        /// <summary>
        /// The spec changed under an operation. Once the pod is in a stable phase, the operation is planned again
        /// from the pod's recorded revision to the new target; whatever the interrupted one may already have changed
        /// is applied again. A pod in error, or one the new target needs replaced, keeps no operation.
        /// </summary>
        private void Retarget(int i, PodOperationStatus operation)
        {
            var pod = pods[i];
            var progress = OperationProgress.Of(operation, pod.State);
            switch (progress.Verdict)
            {
                case OperationVerdict.Complete:
                    pods[i] = pod with { Revision = operation.Revision!, Operation = null };
                    return;
                case OperationVerdict.Wait:
                    pods[i] = pod with { Operation = progress.Operation };
                    return;
                case OperationVerdict.Failed:
                    // Heading elsewhere, it is no evidence against the new target: the count replaces it.
                    pods[i] = pod with { Operation = progress.Operation };
                    return;
            }
            var current = progress.Operation!;
            // A serving pod whose stop was never accepted has not been changed yet.
            var begun = !(pod.State == PodState.Running && current.Steps![0] == PodSteps.Stop && current.Sent != true);
            var involved = begun ? PodChange.Involved(Fingerprint(pod.Revision), Fingerprint(operation.Revision), current) : null;
            // A resize the interrupted operation may have made shows in the pod's type: a pod already on the target's
            // type has none to undo, and its containers' resources cannot change in place (resizePod needs another type).
            if (involved is { Resize: true } && pod.InstanceType is { } type && type == input.Target.InstanceType)
                involved = involved with { Resize = false };
            var change = PodChange.Between(Fingerprint(pod.Revision), input.Target, input.InPlace, involved);
            pods[i] = pod with { Operation = null };
            if (change.Replace) return;
            var steps = change.Steps(pod.State, input.Run);
            if (steps.Count == 0) pods[i] = pod with { Revision = target, Operation = null };
            else Follow(i, new PodOperationStatus { Revision = target, Steps = steps });
        }

        /// <summary>The operation leaves the pod in the run state the spec wants (runState may have changed under it).</summary>
        private bool EndsAsWanted(PodOperationStatus operation) => (operation.Steps ?? []) switch
        {
            [.., PodSteps.Start] => input.Run,
            [.., PodSteps.Stop] => !input.Run,
            _ => true,
        };

        private PodSpecRevision? Fingerprint(string? revision) =>
            revision is null ? null : revision == target ? input.Target : input.Revisions.GetValueOrDefault(revision);
    }
}
