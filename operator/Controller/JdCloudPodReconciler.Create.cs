using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.KubernetesApi;

namespace JdCloudPodOperator.Controller;

public sealed partial class JdCloudPodReconciler
{
    /// <summary>
    /// Fills the gap: record the attempt (pendingCreate, createAttempts) at a checkpoint, then call createPods with
    /// its clientToken. A fresh resource costs that one call and its share of a describePods by owner tag: pods of
    /// this resource that status does not record (a lost status, an earlier attempt whose outcome is unknown) are
    /// found by their owner tag and adopted. Pods are looked up by name only after createPods refused the name, to
    /// learn who holds it: a pod of ours (adopted, or a free name taken), or another's (the name is taken).
    /// </summary>
    private async Task<Outcome> CreateAsync(ReconcileState state, CreateMissing missing, CancellationToken cancellationToken)
    {
        try
        {
            var exclusive = UpdateBounds.HoldsExclusive(state.Spec.PodSpec);
            var tagged = state.MayHaveUnrecordedPods || exclusive ? await FindTaggedAsync(state, cancellationToken) : [];
            if (exclusive && tagged.Where(p => p.State == PodState.Deleting && !state.PodIds.Contains(p.PodId)).Select(p => p.PodId).ToList() is { Count: > 0 } leaving)
                return WaitForRelease(leaving);
            var step = PlanCreate(state, missing, tagged);
            if (step is not CreatePods create) return Planned(state, step);
            var result = await SendNewCreateAsync(state, create, cancellationToken);
            if (result is not NothingCreated { NameMayBeTaken: true }) return Reported(state, result, create);

            var retry = PlanCreate(state, missing, [.. tagged, .. await FindByNameAsync(state, cancellationToken)]);
            if (retry is not CreatePods other) return Planned(state, retry);
            return other.Name == create.Name
                ? Reported(state, result, create)
                : Reported(state, await SendNewCreateAsync(state, other, cancellationToken), other);
        }
        catch (JdCloudApiException e)
        {
            // A lookup failed (createPods failures are results, not exceptions).
            return Outcome.Failed(CloudProblems.From(e));
        }
    }

    /// <summary>
    /// A replaced pod still being deleted holds what the spec pins (an address, an existing disk): createPods would
    /// refuse the new pod as a conflict. Nothing failed: poll until it is gone, with no backoff to add to the wait.
    /// </summary>
    private static Outcome WaitForRelease(IReadOnlyList<string> leaving) => Outcome.WaitingFor(Problem.Retrying(Reasons.WaitingForRelease,
        $"cloud pods {string.Join(", ", leaving)} of this resource are being deleted and hold the addresses or disks podSpec pins; the new pod is created once they are gone"));

    /// <summary>Pods hold every name a replacement may take (PodNameLimits): wait until one of them is gone.</summary>
    private static Outcome WaitForAFreeName(NoFreeName full) => Outcome.Failed(Problem.Retrying(Reasons.NoFreePodName,
        PodNameLimits.LastSuffix(full.BaseName.Length) is var last and > 0
            ? $"pods hold the name {full.BaseName} and every {full.BaseName}-N up to N = {last}; a new pod is created once one of them is gone"
            : $"a pod holds the name {full.BaseName}, which leaves no room for a suffix (a pod name is at most {PodNameLimits.MaxLength} characters); a new pod is created once it is gone"));

    /// <summary>Adopt or create: the pods this pass observed are ours, <paramref name="found"/> were looked up.</summary>
    private Step PlanCreate(ReconcileState state, CreateMissing missing, IReadOnlyList<ObservedPod> found) =>
        CreatePlanner.Plan(new CreateInput(state.Uid, state.Spec.PodSpec!.Name!, state.OwnerValue, missing.Count,
            state.CreateAttempts ?? 0, state.PodIds, [.. state.Observed.Values.Concat(found).DistinctBy(p => p.PodId)],
            found.Count > 0 ? HeldElsewhere(state, found.Select(p => p.PodId)) : NoPods));

    private Outcome Planned(ReconcileState state, Step step) => step switch
    {
        AdoptPods adopt => Adopt(state, adopt),
        NameTaken taken => Outcome.Failed(NameTakenProblem(state, taken)),
        NoFreeName full => WaitForAFreeName(full),
        _ => throw new InvalidOperationException($"not a step of a create: {step}"),
    };

    /// <summary>Names the holder of the name: the resource that claimed the pod or that its owner tag names, else nobody known.</summary>
    private Problem NameTakenProblem(ReconcileState state, NameTaken taken)
    {
        var pod = taken.Holder;
        var owner = claims.HeldElsewhere(state.Owner, [pod.PodId]).Values.Select(o => (NamespacedName?)o.Name).FirstOrDefault()
            ?? (pod.Owner is { } tag ? TaggedResource(state, tag) : null);
        var by = owner is not null ? $"cloud pod {pod.PodId} of JdCloudPod {owner}"
            : pod.Owner is { } value ? $"cloud pod {pod.PodId} (owner tag {OwnerTag.Key}={value}: no JdCloudPod this operator sees)"
            : $"cloud pod {pod.PodId}, which no JdCloudPod owns (the annotation {Annotations.AdoptPodIds} adopts it, if it is meant for this one)";
        return Problem.Terminal(Reasons.NameTaken,
            $"podSpec.name {taken.Name} is taken in the region {state.Spec.RegionId} by {by}; pod names are unique in a region, so nothing is created until podSpec.name changes or the name is free");
    }

    /// <summary>The cached resource whose owner tag value is <paramref name="tag"/>.</summary>
    private NamespacedName? TaggedResource(ReconcileState state, string tag) => cache.Read(items => items
        .Where(r => OwnerTag.Value(state.ClusterId!, r.Metadata.NamespaceProperty, r.Metadata.Name) == tag)
        .Select(r => (NamespacedName?)NamespacedName.Of(r)).FirstOrDefault());

    private static async Task<IReadOnlyList<ObservedPod>> FindByNameAsync(ReconcileState state, CancellationToken cancellationToken) =>
        [.. (await state.Cloud.FindPodsByNameAsync(state.Spec.PodSpec!.Name!, cancellationToken)).Select(ObservedPod.From)];

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
        // Pods of ours that status does not record are looked up by owner tag before the create is sent again: the
        // cloud may have forgotten the token, and a re-send it judges new would make the pods a second time. The token
        // stays until the lookup has run (docs/ownership.md). Only usable pods found stand for the create's: pods on
        // their way out (a rollout's replaced pods) are recorded to be seen gone, and the create is still sent again.
        try
        {
            if ((await AddTaggedAsync(state, cancellationToken)).Any(p => p.IsUsable))
            {
                state.PendingCreate = null;
                return null;
            }
        }
        catch (JdCloudApiException e)
        {
            return Outcome.Failed(CloudProblems.From(e));
        }
        // None visible: the first send made nothing, or its pods are not listed yet and the token answers for them.
        var result = await SendCreateAsync(state, state.Spec.PodSpec!.Name!, cancellationToken);
        var problem = Report(state, result, pending.Count ?? 1, pending.ClientToken);
        return problem is null || result is NothingCreated ? null : Outcome.Failed(problem);
    }

    /// <summary>
    /// createPods with the recorded token and count, the pods tagged with their owner. The result's facts go to the working copy at once: the podIds,
    /// and the token is dropped unless the outcome is unknown.
    /// </summary>
    private async Task<CreateResult> SendCreateAsync(ReconcileState state, string name, CancellationToken cancellationToken)
    {
        var pending = state.PendingCreate!;
        var podSpec = CreatePodsBody.PodSpecOf(state.Spec.PodSpec!, name, state.OwnerValue);
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
        if (result is Created created) Record(state, created.PodIds, pending.Revision ?? state.Target?.Name);
        if (result is not OutcomeUnknown) state.PendingCreate = null;
        return result;
    }

    /// <summary>Claims and records new pods. No other resource can hold a pod just created; if one did, it keeps it.</summary>
    private void Record(ReconcileState state, IReadOnlyList<string> podIds, string? revision)
    {
        var refused = claims.Claim(state.Owner, podIds);
        state.AddPods(podIds.Where(id => !refused.ContainsKey(id)), revision);
        if (refused.Count > 0)
            state.Note(Notice.Warning(Reasons.OwnedElsewhere, $"createPods answered with cloud pods {Held(refused)} that another resource holds; they stay with it"));
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
