using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Controller;

public sealed partial class JdCloudPodReconciler
{
    public const string OrphanPolicy = "Orphan";

    /// <summary>
    /// The resource is being deleted. Orphan: release it at once. Delete: learn the pods of an in-flight create, call
    /// deletePod on every pod, and remove the finalizer only once describePods no longer finds any of them.
    /// </summary>
    private async Task<ReconcileResult> FinalizeAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        if (state.Resource.Metadata.Finalizers?.Contains(Annotations.Finalizer) != true) return ReconcileResult.Done;
        if (string.Equals(state.Resource.Spec.DeletionPolicy, OrphanPolicy, StringComparison.OrdinalIgnoreCase))
            return await OrphanAsync(state, cancellationToken);
        if (await ConnectAsync(state, cancellationToken) is { } problem)
        {
            state.Problem = problem with
            {
                Message = $"{problem.Message}; the cloud pods cannot be deleted without credentials (set spec.deletionPolicy to {OrphanPolicy} to leave them)",
            };
            return await RetryLaterAsync(state, ResourceMode.Deleting, cancellationToken);
        }
        if (gate.Check(state.Uid, state.Generation, deleting: true) is { } closed) return await HoldAsync(state, closed, cancellationToken);

        // Pods of a create whose answer was never recorded would otherwise outlive the resource.
        if (state.PendingCreate is not null)
        {
            if (!await SendCreateAsync(state, state.Resource.Spec.PodSpec!.Name!, cancellationToken) && state.PendingCreate is not null)
                return await RetryLaterAsync(state, ResourceMode.Deleting, cancellationToken);
            state.Problem = null;
        }
        try
        {
            state.Observed = await ObserveAsync(state, state.PodIds, cancellationToken);
        }
        catch (JdCloudApiException e)
        {
            state.Problem = CloudProblems.From(e);
            return await RetryLaterAsync(state, ResourceMode.Deleting, cancellationToken);
        }
        return await DeleteRemainingAsync(state, DeletionPlan.For(state.PodIds, state.Observed), cancellationToken);
    }

    private async Task<ReconcileResult> DeleteRemainingAsync(ReconcileState state, DeletionPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Finished)
        {
            if (await DeregisterAllAsync(state, cancellationToken) is { } problem) return await CmdbHoldsFinalizerAsync(state, problem, cancellationToken);
            await events.NormalAsync(state.Resource, EventReasons.Deleted,
                "every cloud pod of this resource is deleted; removing the finalizer", cancellationToken);
            await resources.RemoveFinalizerAsync(state.Resource, Annotations.Finalizer, cancellationToken);
            gate.Succeed(state.Uid);
            return ReconcileResult.Done;
        }
        state.PodIds = [.. plan.Remaining];
        var deleted = await DeleteEachAsync(state, plan.ToDelete, cancellationToken);
        if (deleted.Count > 0)
            await events.NormalAsync(state.Resource, EventReasons.Deleting,
                $"deletePod sent for cloud pods {string.Join(", ", deleted)}; waiting until they are gone", cancellationToken);
        if (state.Problem is not null) return await RetryLaterAsync(state, ResourceMode.Deleting, cancellationToken);
        await WriteStatusAsync(state, ResourceMode.Deleting, cancellationToken);
        return ReconcileResult.RequeueAfter(PollSchedule.Next(state.Resource.Status!, clock.GetUtcNow().UtcDateTime, _options));
    }

    private async Task<ReconcileResult> OrphanAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var pods = state.PodIds.Count > 0 ? string.Join(", ", state.PodIds) : "none recorded";
        var pending = state.PendingCreate is { } p
            ? $"; a createPods with clientToken {p.ClientToken} may have created further pods named {state.Resource.Spec.PodSpec?.Name}"
            : "";
        // The registrations go all the same: nobody would remove them once the resource is gone.
        if (await DeregisterAllAsync(state, cancellationToken) is { } problem) return await CmdbHoldsFinalizerAsync(state, problem, cancellationToken);
        await events.NormalAsync(state.Resource, EventReasons.Orphaned,
            $"left the cloud pods in place (deletionPolicy {OrphanPolicy}): {pods}{pending}", cancellationToken);
        await resources.RemoveFinalizerAsync(state.Resource, Annotations.Finalizer, cancellationToken);
        gate.Succeed(state.Uid);
        return ReconcileResult.Done;
    }

    private async Task<ReconcileResult> CmdbHoldsFinalizerAsync(ReconcileState state, Problem problem, CancellationToken cancellationToken)
    {
        state.Problem = problem;
        return await RetryLaterAsync(state, ResourceMode.Deleting, cancellationToken);
    }
}
