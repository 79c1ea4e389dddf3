using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using k8s;

namespace JdCloudPodOperator.Reconciliation.JdCloudPods;

public sealed partial class JdCloudPodReconciler
{
    private static readonly IReadOnlySet<string> NoPods = new HashSet<string>();

    private async Task<ReconcileResult> ConvergeAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var closed = gate.Check(state.Uid, state.Generation, deleting: false);
        if (state.PendingCreate is not null)
        {
            if (closed is not null) return await HoldAsync(state, closed, cancellationToken);
            if (!await FinishCreateAsync(state, cancellationToken)) return await RetryLaterAsync(state, ResourceMode.Active, cancellationToken);
        }

        var adopt = AdoptAnnotation(state.Resource);
        try
        {
            state.Observed = await ObserveAsync(state, [.. state.PodIds.Union(adopt)], cancellationToken);
        }
        catch (JdCloudApiException e)
        {
            state.Problem = CloudProblems.From(e);
            return await RetryLaterAsync(state, ResourceMode.Active, cancellationToken);
        }

        var plan = ConvergencePlanner.Plan(new ConvergenceInput(state.Desired, state.PodIds, state.Observed, adopt,
            adopt.Count > 0 ? OwnedElsewhere(state) : NoPods, CreateAllowed: closed is null));
        state.PodIds = [.. plan.PodIds];
        if (plan.Vanished.Count > 0)
            await events.WarningAsync(state.Resource, EventReasons.Replaced,
                $"cloud pods {string.Join(", ", plan.Vanished)} no longer exist (deleted outside the operator, or failed and removed by JD Cloud); replacements follow",
                cancellationToken);
        await SyncCmdbAsync(state, plan.Next is DeletePods leaving && closed is null ? leaving.PodIds : [], cancellationToken);
        return plan.Next switch
        {
            DeletePods step when closed is null => await DeletePodsAsync(state, step, cancellationToken),
            DeletePods => await HoldAsync(state, closed!, cancellationToken),
            AdoptPods step => await AdoptAsync(state, step, cancellationToken),
            AdoptionFailed step => await AdoptionFailedAsync(state, step, cancellationToken),
            CreateMissing step => await CreateAsync(state, step, cancellationToken),
            _ => await SteadyAsync(state, closed, cancellationToken),
        };
    }

    /// <summary>Pod IDs named by the adopt annotation, comma-separated.</summary>
    private static IReadOnlyList<string> AdoptAnnotation(JdCloudPod resource) =>
        resource.Metadata.Annotations?.TryGetValue(Annotations.AdoptPodIds, out var value) == true
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList()
            : [];

    private async Task<ReconcileResult> SteadyAsync(ReconcileState state, RetryGate.Closure? closed, CancellationToken cancellationToken)
    {
        // While a failed create waits out its delay, the status keeps saying why.
        state.Problem = closed?.Problem;
        if (closed is null) gate.Succeed(state.Uid);
        await WriteStatusAsync(state, ResourceMode.Active, cancellationToken);
        var poll = PollSchedule.Next(state.Resource.Status ?? new JdCloudPodStatus(), clock.GetUtcNow().UtcDateTime, _options);
        return ReconcileResult.RequeueAfter(closed is null || poll < closed.Remaining ? poll : closed.Remaining);
    }

    /// <summary>A cloud call is due but the last one failed too recently: keep the problem in status and wait.</summary>
    private async Task<ReconcileResult> HoldAsync(ReconcileState state, RetryGate.Closure closed, CancellationToken cancellationToken)
    {
        state.Problem = closed.Problem;
        await WriteStatusAsync(state, state.Deleting ? ResourceMode.Deleting : ResourceMode.Active, cancellationToken);
        return ReconcileResult.RequeueAfter(closed.Remaining);
    }

    private async Task<ReconcileResult> AfterChangeAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        if (state.Problem is not null) return await RetryLaterAsync(state, ResourceMode.Active, cancellationToken);
        gate.Succeed(state.Uid);
        await WriteStatusAsync(state, ResourceMode.Active, cancellationToken);
        return ReconcileResult.RequeueAfter(_options.MinPollInterval);
    }

    private async Task<ReconcileResult> DeletePodsAsync(ReconcileState state, DeletePods step, CancellationToken cancellationToken)
    {
        var deleted = await DeleteEachAsync(state, step.PodIds, cancellationToken);
        state.PodIds.RemoveAll(deleted.Contains);
        if (deleted.Count > 0 && step.Cause == DeleteCause.ScaleDown)
            await events.NormalAsync(state.Resource, EventReasons.Deleted,
                $"deleted surplus cloud pods {string.Join(", ", deleted)} (spec.maxCount is {state.Desired})", cancellationToken);
        if (deleted.Count > 0 && step.Cause == DeleteCause.ReplaceFailed)
            await events.WarningAsync(state.Resource, EventReasons.Replaced,
                $"cloud pods {string.Join(", ", deleted.Select(id => Describe(state, id)))} went to phase error; deleted them, replacements follow",
                cancellationToken);
        return await AfterChangeAsync(state, cancellationToken);
    }

    private static string Describe(ReconcileState state, string podId) =>
        state.Observed.TryGetValue(podId, out var pod) && pod.Message is { } message ? $"{podId} ({message})" : podId;

    /// <summary>deletePod for each pod until one fails (its problem is set); returns those deleted or already gone.</summary>
    private async Task<List<string>> DeleteEachAsync(ReconcileState state, IEnumerable<string> podIds, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        foreach (var podId in podIds)
        {
            try
            {
                await state.Cloud.DeletePodAsync(podId, cancellationToken);
                deleted.Add(podId);
            }
            catch (JdCloudApiException e)
            {
                state.Problem = CloudProblems.From(e);
                await events.WarningAsync(state.Resource, EventReasons.DeleteFailed, e.Message, cancellationToken);
                break;
            }
        }
        return deleted;
    }

    private async Task<ReconcileResult> AdoptAsync(ReconcileState state, AdoptPods step, CancellationToken cancellationToken)
    {
        state.AddPods(step.PodIds);
        var source = step.Source == AdoptionSource.Annotation
            ? $"named by the annotation {Annotations.AdoptPodIds}"
            : $"found by the name {state.Resource.Spec.PodSpec?.Name} but missing from status";
        await events.NormalAsync(state.Resource, EventReasons.Adopted,
            $"adopted existing cloud pods {string.Join(", ", step.PodIds)} ({source}) instead of creating new ones", cancellationToken);
        return await AfterChangeAsync(state, cancellationToken);
    }

    private async Task<ReconcileResult> AdoptionFailedAsync(ReconcileState state, AdoptionFailed step, CancellationToken cancellationToken)
    {
        var reasons = step.NotFound.Select(id => $"{id} does not exist or is failed or being deleted")
            .Concat(step.OwnedElsewhere.Select(id => $"{id} belongs to another JdCloudPod"));
        state.Problem = Problem.Terminal(Reasons.AdoptionFailed,
            $"the annotation {Annotations.AdoptPodIds} names pods that cannot be adopted: {string.Join("; ", reasons)}; nothing is created in their place until the annotation is corrected or removed");
        if (await WriteStatusAsync(state, ResourceMode.Active, cancellationToken))
            await events.WarningAsync(state.Resource, Reasons.AdoptionFailed, state.Problem.Message, cancellationToken);
        return ReconcileResult.RequeueAfter(_options.TerminalRetryDelay);
    }

    /// <summary>
    /// Fills the gap: adopt pods that carry our name but are not recorded, else record the attempt (pendingCreate,
    /// createAttempts) and only then call createPods with the attempt's clientToken.
    /// </summary>
    private async Task<ReconcileResult> CreateAsync(ReconcileState state, CreateMissing missing, CancellationToken cancellationToken)
    {
        var baseName = state.Resource.Spec.PodSpec!.Name!;
        IReadOnlyList<ObservedPod> named;
        try
        {
            named = [.. (await state.Cloud.FindPodsByNameAsync(baseName, cancellationToken)).Select(ObservedPod.From)];
        }
        catch (JdCloudApiException e)
        {
            state.Problem = CloudProblems.From(e);
            return await RetryLaterAsync(state, ResourceMode.Active, cancellationToken);
        }

        var step = CreatePlanner.Plan(new CreateInput(state.Uid, baseName, missing.Count, state.CreateAttempts ?? 0,
            state.PodIds, named, named.Count > 0 ? OwnedElsewhere(state) : NoPods));
        if (step is AdoptPods adopt) return await AdoptAsync(state, adopt, cancellationToken);
        if (step is NoFreeName full)
        {
            state.Problem = Problem.Retrying(Reasons.NoFreePodName,
                $"pods hold the name {full.BaseName} and every {full.BaseName}-N up to N = {PodNameLimits.MaxSuffix}; a new pod is created once one of them is gone");
            return await RetryLaterAsync(state, ResourceMode.Active, cancellationToken);
        }

        var create = (CreatePods)step;
        state.PendingCreate = new PendingCreate { ClientToken = create.ClientToken, Count = create.Count };
        state.CreateAttempts = create.Attempt;
        // The crash-safety point: once this write has landed, any later reconcile re-sends this very token.
        await WriteStatusAsync(state, ResourceMode.Active, cancellationToken);
        await SendCreateAsync(state, create.Name, cancellationToken);
        return await AfterChangeAsync(state, cancellationToken);
    }

    /// <summary>
    /// Re-sends the recorded createPods (same token and count) to learn its podIds. The cloud answers a repeated token
    /// with the first call's result; a definite rejection means the first call created nothing, so the token is
    /// dropped and this reconcile carries on to a fresh create (which looks for pods by name first).
    /// </summary>
    private async Task<bool> FinishCreateAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var pending = state.PendingCreate!;
        if (await SendCreateAsync(state, state.Resource.Spec.PodSpec!.Name!, cancellationToken)) return state.Problem is null;
        if (state.PendingCreate is not null) return false;
        logger.LogInformation("{Resource}: the in-flight createPods (clientToken {Token}) was rejected, so it created nothing: {Message}",
            NamespacedName.Of(state.Resource), pending.ClientToken, state.Problem!.Message);
        state.Problem = null;
        return true;
    }

    /// <summary>createPods with the recorded token and count; records the podIds at once. False when the call failed.</summary>
    private async Task<bool> SendCreateAsync(ReconcileState state, string name, CancellationToken cancellationToken)
    {
        var pending = state.PendingCreate!;
        var count = pending.Count ?? 1;
        var podSpec = KubernetesJson.Deserialize<PodSpec>(KubernetesJson.Serialize(state.Resource.Spec.PodSpec));
        podSpec.Name = name;
        try
        {
            var result = await state.Cloud.CreatePodsAsync(podSpec, count, pending.ClientToken, cancellationToken);
            var ids = result.PodIds ?? [];
            state.AddPods(ids);
            state.PendingCreate = null;
            await ReportCreatedAsync(state, ids, count, pending.ClientToken, result.RequestId, cancellationToken);
            return true;
        }
        catch (JdCloudApiException e)
        {
            state.Problem = CloudProblems.From(e);
            if (state.Problem.IsTerminal) state.PendingCreate = null;
            var reason = state.Problem.Reason is Reasons.AuthenticationFailed or Reasons.QuotaExceeded ? state.Problem.Reason : EventReasons.CreateFailed;
            await events.WarningAsync(state.Resource, reason, $"createPods ({state.Problem.Reason}): {state.Problem.Message}", cancellationToken);
            state.ProblemReported = true;
            return false;
        }
    }

    private async Task ReportCreatedAsync(
        ReconcileState state, IReadOnlyList<string> ids, int count, string? token, string? requestId, CancellationToken cancellationToken)
    {
        var call = $"clientToken {token}, requestId {requestId}";
        if (ids.Count > 0)
            await events.NormalAsync(state.Resource, EventReasons.Created, $"created cloud pods {string.Join(", ", ids)} ({call})", cancellationToken);
        if (ids.Count >= count) return;
        state.Problem = Problem.Retrying(Reasons.PartiallyCreated,
            $"createPods created {ids.Count} of {count} requested pods (best effort, {call}); the remaining {count - ids.Count} are requested again later with a new clientToken");
        await events.WarningAsync(state.Resource, Reasons.PartiallyCreated, state.Problem.Message, cancellationToken);
    }
}
