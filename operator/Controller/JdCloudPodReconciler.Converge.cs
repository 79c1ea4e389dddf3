using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller;

public sealed partial class JdCloudPodReconciler
{
    private static readonly IReadOnlySet<string> NoPods = new HashSet<string>();

    private async Task<Outcome> ConvergeAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var held = retries.Check(state.Uid, state.Scope);
        if (state.PendingCreate is not null)
        {
            if (held is not null) return Outcome.Holding(held);
            if (await FinishCreateAsync(state, cancellationToken) is { } unfinished) return unfinished;
        }
        ClaimRecorded(state);

        var adopt = AdoptAnnotation(state.Resource);
        if (adopt.Count > MaxAdopted) return Outcome.Failed(TooManyToAdopt(adopt.Count));
        try
        {
            state.Observed = await ObserveAsync(state, [.. state.PodIds.Union(adopt)], cancellationToken);
        }
        catch (JdCloudApiException e)
        {
            return Outcome.Failed(CloudProblems.From(e));
        }

        var bounds = UpdateBounds.For(state.Spec);
        var allowance = RolloutPlanner.Allowance(state.RolloutPods(), state.Target!.Name!, bounds, state.Rollout is not null);
        var plan = ConvergencePlanner.Plan(new ConvergenceInput(state.Desired, state.PodIds, state.Observed, adopt,
            adopt.Count > 0 ? NotOursToAdopt(state, adopt) : NoPods, CreateAllowed: held is null, allowance));
        state.PodIds = [.. plan.PodIds];
        if (plan.Vanished.Count > 0)
            state.Note(Notice.Warning(EventReasons.Replaced,
                $"cloud pods {string.Join(", ", plan.Vanished)} no longer exist (deleted outside the operator, or failed and removed by JD Cloud); replacements follow"));
        NoteUpdated(state, state.SettleFinishedOperations());
        var stalled = AdvanceRolloutClock(state);
        var rollout = plan.Next is Steady && held is null && stalled is null ? RolloutPlanner.Plan(RolloutInputOf(state, bounds)) : null;
        IReadOnlyCollection<string> leaving = stalled is not null || held is not null ? []
            : plan.Next is DeletePods deleting ? deleting.PodIds
            : rollout?.Replace ?? [];
        var synced = await cmdb.SyncAsync(CmdbPodsOf(state), leaving, (facts, ct) => CmdbCheckpointAsync(state, facts, ct), cancellationToken);
        state.Cmdb = synced.Facts ?? state.Cmdb;
        var outcome = plan.Next switch
        {
            // A stalled rollout touches no pod until the spec changes.
            _ when stalled is not null => Outcome.Failed(stalled),
            DeletePods step when held is null => await DeletePodsAsync(state, step, cancellationToken),
            DeletePods => Outcome.Holding(held!),
            SettlingBeforeScaleDown => Outcome.Watching,
            AdoptPods step => Adopt(state, step),
            AdoptionFailed step => Outcome.Failed(AdoptionFailed(state, step)),
            CreateMissing step => await CreateAsync(state, step, cancellationToken),
            _ when rollout is not null => await RollAsync(state, rollout, cancellationToken),
            // While a failed create waits out its delay, the status keeps saying why.
            _ => held is null ? Outcome.Watching : Outcome.Holding(held, Requeue.Poll),
        };
        state.Notices.AddRange(synced.Notices);
        return outcome;
    }

    /// <summary>The most pods a resource holds (spec.maxCount's bound): an annotation naming more is not looked up.</summary>
    private static readonly int MaxAdopted = (int)Validation.Constraints.IntegerRules.RangeOf(typeof(JdCloudPodSpec), nameof(JdCloudPodSpec.MaxCount)).Max;

    // Whatever a tenant writes into the annotation costs at most this many pods described per pass.
    private static Problem TooManyToAdopt(int named) => Problem.Terminal(Reasons.AdoptionFailed,
        $"the annotation {Annotations.AdoptPodIds} names {named} pods; a resource holds at most {MaxAdopted} (spec.maxCount), so none is looked up or adopted until it names fewer");

    /// <summary>Pod IDs named by the adopt annotation, comma-separated.</summary>
    private static IReadOnlyList<string> AdoptAnnotation(JdCloudPod resource) =>
        resource.Metadata.Annotations?.TryGetValue(Annotations.AdoptPodIds, out var value) == true
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList()
            : [];

    private async Task<Outcome> DeletePodsAsync(ReconcileState state, DeletePods step, CancellationToken cancellationToken)
    {
        var (deleted, problem) = await DeleteEachAsync(state, step.PodIds, cancellationToken);
        state.PodIds.RemoveAll(deleted.Contains);
        if (deleted.Count > 0 && step.Cause == DeleteCause.ScaleDown)
            state.Note(Notice.Normal(EventReasons.Deleted,
                $"deleted surplus cloud pods {string.Join(", ", deleted)} (spec.maxCount is {state.Desired})"));
        if (deleted.Count > 0 && step.Cause == DeleteCause.ReplaceFailed)
            state.Note(Notice.Warning(EventReasons.Replaced,
                $"cloud pods {string.Join(", ", deleted.Select(id => Describe(state, id)))} went to phase error; deleted them, replacements follow"));
        return problem is null ? Outcome.Changed : Outcome.Failed(problem);
    }

    private static string Describe(ReconcileState state, string podId) =>
        state.Observed.TryGetValue(podId, out var pod) && pod.Message is { } message ? $"{podId} ({message})" : podId;

    /// <summary>deletePod for each pod until one fails; returns those deleted or already gone, and the failure.</summary>
    private static async Task<(List<string> Deleted, Problem? Problem)> DeleteEachAsync(
        ReconcileState state, IEnumerable<string> podIds, CancellationToken cancellationToken)
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
                state.Note(Notice.Warning(EventReasons.DeleteFailed, e.Message));
                return (deleted, CloudProblems.From(e));
            }
        }
        return (deleted, null);
    }

    /// <summary>
    /// Claims the pods, and records them only if every claim was granted: a pod another resource claimed first stays
    /// with it (for the annotation, a terminal problem naming that resource; for the owner tag, a race the next pass
    /// resolves by leaving the pod out).
    /// </summary>
    private Outcome Adopt(ReconcileState state, AdoptPods step)
    {
        var refused = claims.Claim(state.Owner, step.PodIds);
        if (refused.Count > 0)
            return Outcome.Failed(step.Source == AdoptionSource.Annotation
                ? AdoptionFailed(state, new AdoptionFailed([], [.. refused.Keys]))
                : Problem.Retrying(Reasons.OwnedElsewhere, $"cloud pods {Held(refused)} carry this resource's owner tag but were claimed first by another resource; they stay with it"));
        state.AddPods(step.PodIds);
        var source = step.Source == AdoptionSource.Annotation
            ? $"named by the annotation {Annotations.AdoptPodIds}"
            : $"found by their owner tag {OwnerTag.Key}={state.OwnerValue} but missing from status";
        state.Note(Notice.Normal(EventReasons.Adopted,
            $"adopted existing cloud pods {string.Join(", ", step.PodIds)} ({source}) instead of creating new ones"));
        return Outcome.Changed;
    }

    /// <summary>
    /// Pods the annotation names that are another's: recorded by another resource, or carrying another owner's tag
    /// (another resource's, or another cluster's sharing the account). A pod with no owner tag (made outside the
    /// operator) is the annotation's to give (docs/ownership.md).
    /// </summary>
    private IReadOnlySet<string> NotOursToAdopt(ReconcileState state, IReadOnlyList<string> adopt)
    {
        var held = new HashSet<string>(HeldElsewhere(state, adopt), StringComparer.Ordinal);
        held.UnionWith(adopt.Where(id => TaggedForAnother(state, id)));
        return held;
    }

    private static bool TaggedForAnother(ReconcileState state, string podId) =>
        state.Observed.TryGetValue(podId, out var pod) && pod.Owner is { } owner && owner != state.OwnerValue;

    private Problem AdoptionFailed(ReconcileState state, AdoptionFailed step)
    {
        var owners = claims.HeldElsewhere(state.Owner, step.OwnedElsewhere);
        var reasons = step.NotFound.Select(id => $"{id} does not exist or is failed or being deleted")
            .Concat(step.OwnedElsewhere.Select(id => $"{id} belongs to {(owners.TryGetValue(id, out var owner) ? owner.ToString()
                : TaggedForAnother(state, id) ? $"another owner (its {OwnerTag.Key} tag names one)" : "another JdCloudPod")}"));
        return Problem.Terminal(Reasons.AdoptionFailed,
            $"the annotation {Annotations.AdoptPodIds} names pods that cannot be adopted: {string.Join("; ", reasons)}; nothing is created in their place until the annotation is corrected or removed");
    }
}
