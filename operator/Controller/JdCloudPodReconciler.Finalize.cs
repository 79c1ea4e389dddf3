using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller;

public sealed partial class JdCloudPodReconciler
{
    public const string OrphanPolicy = "Orphan";

    /// <summary>
    /// The resource is being deleted. Orphan: release it at once. Delete: look up the pods of an in-flight create by
    /// owner tag, call deletePod on every pod, and release the finalizer only once describePods no longer finds any of them.
    /// </summary>
    private async Task<Outcome> FinalizeAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        if (string.Equals(state.Spec.DeletionPolicy, OrphanPolicy, StringComparison.OrdinalIgnoreCase))
            return await OrphanAsync(state, cancellationToken);
        if (await ConnectAsync(state, cancellationToken) is { } problem)
            return Outcome.Failed(problem with
            {
                Message = $"{problem.Message}; the cloud pods cannot be deleted until this is fixed (set spec.deletionPolicy to {OrphanPolicy} to leave them)",
            });
        if (retries.Check(state.Uid, state.Scope) is { } held) return Outcome.Holding(held);

        try
        {
            // Pods of a create whose answer was never recorded (pendingCreate) would otherwise outlive the resource.
            // They carry its owner tag, so they are looked up, never created again: re-sending the create could make
            // pods only to delete them (and a prepaid pod cannot be deleted before its term ends).
            if (state.MayHaveUnrecordedPods) await AddTaggedAsync(state, cancellationToken);
            // A pod another resource holds is never deleted with this one.
            ClaimRecorded(state);
            state.Observed = await ObserveAsync(state, state.PodIds, cancellationToken);
        }
        catch (JdCloudApiException e)
        {
            return Outcome.Failed(CloudProblems.From(e));
        }
        return await DeleteRemainingAsync(state, DeletionPlan.For(state.PodIds, state.Observed), cancellationToken);
    }

    /// <summary>
    /// Pods this resource created that its status does not record carry its owner tag: those of a create whose answer
    /// was lost (pendingCreate), or all of them when the status itself was lost. They are kept, or deleted with it.
    /// </summary>
    private async Task<IReadOnlyList<ObservedPod>> AddTaggedAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var tagged = (await FindTaggedAsync(state, cancellationToken)).Where(p => !state.PodIds.Contains(p.PodId)).ToList();
        state.LookedUpByOwnerTag = true;
        if (tagged.Count == 0) return [];
        var held = HeldElsewhere(state, tagged.Select(p => p.PodId));
        var found = tagged.Where(p => !held.Contains(p.PodId)).ToList();
        // A lost create's pods run the revision it sent, which the spec may have moved past since: recorded with it,
        // the rollout updates them. Pods found without a create on record (status lost) are taken as the target.
        state.AddPods(found.Select(p => p.PodId), state.PendingCreate?.Revision);
        return found;
    }

    private async Task<Outcome> DeleteRemainingAsync(ReconcileState state, DeletionPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Finished)
            return await ReleaseAsync(state, Notice.Normal(EventReasons.Deleted, "every cloud pod of this resource is deleted; removing the finalizer"),
                cancellationToken);
        state.PodIds = [.. plan.Remaining];
        var (deleted, problem) = await DeleteEachAsync(state, plan.ToDelete, cancellationToken);
        if (deleted.Count > 0)
            state.Note(Notice.Normal(EventReasons.Deleting, $"deletePod sent for cloud pods {string.Join(", ", deleted)}; waiting until they are gone"));
        return problem is null ? Outcome.Watching : Outcome.Failed(problem);
    }

    private async Task<Outcome> OrphanAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        if (await RestartStoppedAsync(state, cancellationToken) is { } unfinished) return unfinished;
        var pods = state.PodIds.Count > 0 ? string.Join(", ", state.PodIds) : "none recorded";
        var pending = state.PendingCreate is { } p
            ? $"; a createPods with clientToken {p.ClientToken} may have created further pods named {state.Spec.PodSpec?.Name}"
            : "";
        return await ReleaseAsync(state, Notice.Normal(EventReasons.Orphaned,
            $"left the cloud pods in place (deletionPolicy {OrphanPolicy}): {pods}{pending}"), cancellationToken);
    }

    /// <summary>
    /// Pods left in the middle of an in-place update would stay stopped once orphaned: with runState Running, each
    /// one stopped is started first (one between phases is waited for). Null when none is left to start.
    /// </summary>
    private async Task<Outcome?> RestartStoppedAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var updating = state.PodIds.Where(id => state.RecordOf(id).Operation is not null).ToList();
        if (!state.Run || updating.Count == 0) return null;
        if (await ConnectAsync(state, cancellationToken) is { } problem) return Outcome.Failed(problem);
        try
        {
            state.Observed = await ObserveAsync(state, state.PodIds, cancellationToken);
            var waiting = updating.Where(id => state.Observed.GetValueOrDefault(id)?.State is PodState.Transient).ToList();
            foreach (var id in updating.Where(id => state.Observed.GetValueOrDefault(id)?.State == PodState.Stopped))
            {
                await state.Cloud.StartPodAsync(id, cancellationToken);
                state.Records[id] = state.RecordOf(id) with { Operation = null };
                waiting.Add(id);
            }
            return waiting.Count > 0 ? Outcome.Changed : null;
        }
        catch (JdCloudApiException e)
        {
            return Outcome.Failed(CloudProblems.From(e));
        }
    }

    /// <summary>
    /// Every CMDB registration goes before the finalizer, whatever the deletionPolicy (nobody would remove them once
    /// the resource is gone); a failure holds the finalizer and is retried.
    /// </summary>
    private async Task<Outcome> ReleaseAsync(ReconcileState state, Notice released, CancellationToken cancellationToken)
    {
        var deregistered = await cmdb.DeregisterAllAsync(CmdbPodsOf(state), cancellationToken);
        state.Cmdb = deregistered.Facts ?? state.Cmdb;
        if (deregistered.Problem is null) state.Note(released);
        state.Notices.AddRange(deregistered.Notices);
        return deregistered.Problem is { } problem ? Outcome.Failed(problem) : Outcome.Released;
    }
}
