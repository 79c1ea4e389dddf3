using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using k8s;

namespace JdCloudPodOperator.Controller;

public sealed partial class JdCloudPodReconciler
{
    /// <summary>
    /// Fills the gap: record the attempt (pendingCreate, createAttempts) at a checkpoint, then call createPods with
    /// its clientToken. A fresh resource costs exactly that one call. Pods carrying our name but missing from status
    /// are looked up by name only when an earlier attempt's outcome is unknown: the pass began with a pendingCreate,
    /// or createPods refused the name (then they are adopted, or a free name is taken).
    /// </summary>
    private async Task<Outcome> CreateAsync(ReconcileState state, CreateMissing missing, CancellationToken cancellationToken)
    {
        try
        {
            var lookedUp = state.EarlierCreateUnknown;
            var step = PlanCreate(state, missing, lookedUp ? await FindByNameAsync(state, cancellationToken) : null);
            if (step is AdoptPods adopt) return Adopt(state, adopt);
            if (step is NoFreeName full) return WaitForAFreeName(full);
            var create = (CreatePods)step;
            var result = await SendNewCreateAsync(state, create, cancellationToken);
            if (lookedUp || result is not NothingCreated { NameMayBeTaken: true }) return Reported(state, result, create);

            var retry = PlanCreate(state, missing, await FindByNameAsync(state, cancellationToken));
            if (retry is AdoptPods strays) return Adopt(state, strays);
            if (retry is NoFreeName taken) return WaitForAFreeName(taken);
            var other = (CreatePods)retry;
            return other.Name == create.Name
                ? Reported(state, result, create)
                : Reported(state, await SendNewCreateAsync(state, other, cancellationToken), other);
        }
        catch (JdCloudApiException e)
        {
            // A lookup by name failed (createPods failures are results, not exceptions).
            return Outcome.Failed(CloudProblems.From(e));
        }
    }

    /// <summary>Pods hold every name the validator leaves room for (PodNameLimits): wait until one of them is gone.</summary>
    private static Outcome WaitForAFreeName(NoFreeName full) => Outcome.Failed(Problem.Retrying(Reasons.NoFreePodName,
        $"pods hold the name {full.BaseName} and every {full.BaseName}-N up to N = {PodNameLimits.MaxSuffix}; a new pod is created once one of them is gone"));

    /// <summary>
    /// Adopt or create. Without a lookup (<paramref name="named"/> null) the names in use are those of the pods this
    /// pass observed: ours, and ours on their way out.
    /// </summary>
    private Step PlanCreate(ReconcileState state, CreateMissing missing, IReadOnlyList<ObservedPod>? named) =>
        CreatePlanner.Plan(new CreateInput(state.Uid, state.Resource.Spec.PodSpec!.Name!, missing.Count, state.CreateAttempts ?? 0,
            state.PodIds, named ?? [.. state.Observed.Values], named is { Count: > 0 } ? OwnedElsewhere(state) : NoPods));

    private static async Task<IReadOnlyList<ObservedPod>> FindByNameAsync(ReconcileState state, CancellationToken cancellationToken) =>
        [.. (await state.Cloud.FindPodsByNameAsync(state.Resource.Spec.PodSpec!.Name!, cancellationToken)).Select(ObservedPod.From)];

    /// <summary>Records the attempt at the checkpoint, and only then sends it.</summary>
    private async Task<CreateResult> SendNewCreateAsync(ReconcileState state, CreatePods create, CancellationToken cancellationToken)
    {
        state.PendingCreate = new PendingCreate { ClientToken = create.ClientToken, Count = create.Count, Revision = state.Target?.Name };
        state.CreateAttempts = create.Attempt;
        // The crash-safety checkpoint: once this write has landed, any later pass re-sends this very token.
        await completion.CheckpointAsync(state, cancellationToken);
        return await SendCreateAsync(state, create.Name, cancellationToken);
    }

    /// <summary>
    /// Re-sends the recorded createPods (same token and count) to learn its podIds: the cloud answers a repeated token
    /// with the first call's result. Null when the pass may go on: the pods are recorded, or a definite rejection
    /// proved the first call created nothing (the token is dropped; the pass carries on to a fresh create).
    /// </summary>
    private async Task<Outcome?> FinishCreateAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var pending = state.PendingCreate!;
        var result = await SendCreateAsync(state, state.Resource.Spec.PodSpec!.Name!, cancellationToken);
        var problem = Report(state, result, pending.Count ?? 1, pending.ClientToken);
        return problem is null || result is NothingCreated ? null : Outcome.Failed(problem);
    }

    /// <summary>
    /// createPods with the recorded token and count. The result's facts go to the working copy at once: the podIds,
    /// and the token is dropped unless the outcome is unknown.
    /// </summary>
    private static async Task<CreateResult> SendCreateAsync(ReconcileState state, string name, CancellationToken cancellationToken)
    {
        var pending = state.PendingCreate!;
        var podSpec = KubernetesJson.Deserialize<PodSpec>(KubernetesJson.Serialize(state.Resource.Spec.PodSpec));
        podSpec.Name = name;
        CreateResult result;
        try
        {
            var answer = await state.Cloud.CreatePodsAsync(podSpec, pending.Count ?? 1, pending.ClientToken, cancellationToken);
            result = new Created(answer.PodIds ?? [], answer.RequestId);
        }
        catch (JdCloudApiException e)
        {
            result = CreateResult.Of(e);
        }
        // A call re-sent after a restart may carry a newer spec than the first one, which made the pods: they are
        // recorded with the revision first sent, so at worst they are updated once more.
        if (result is Created created) state.AddPods(created.PodIds, pending.Revision ?? state.Target?.Name);
        if (result is not OutcomeUnknown) state.PendingCreate = null;
        return result;
    }

    private static Outcome Reported(ReconcileState state, CreateResult result, CreatePods sent) =>
        Report(state, result, sent.Count, sent.ClientToken) is { } problem ? Outcome.Failed(problem) : Outcome.Changed;

    /// <summary>Notes what a createPods did for the pass's Event; returns the problem it leaves (null: every pod exists).</summary>
    private static Problem? Report(ReconcileState state, CreateResult result, int count, string? token)
    {
        if (result is not Created { PodIds: var ids, RequestId: var requestId })
        {
            var failure = result.Problem!;
            var reason = failure.Reason is Reasons.AuthenticationFailed or Reasons.QuotaExceeded ? failure.Reason : EventReasons.CreateFailed;
            state.Note(Notice.Warning(reason, $"createPods ({failure.Reason}): {failure.Message}"));
            return failure;
        }
        var call = $"clientToken {token}, requestId {requestId}";
        if (ids.Count > 0) state.Note(Notice.Normal(EventReasons.Created, $"created cloud pods {string.Join(", ", ids)} ({call})"));
        if (ids.Count >= count) return null;
        var partial = Problem.Retrying(Reasons.PartiallyCreated,
            $"createPods created {ids.Count} of {count} requested pods (best effort, {call}); the remaining {count - ids.Count} are requested again later with a new clientToken");
        state.Note(Notice.Warning(Reasons.PartiallyCreated, partial.Message));
        return partial;
    }
}
