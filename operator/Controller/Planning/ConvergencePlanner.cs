namespace JdCloudPodOperator.Controller.Planning;

/// <summary>What a live resource needs, given what describePods returned for its pods.</summary>
/// <param name="Desired">spec.maxCount.</param>
/// <param name="PodIds">status.podIds.</param>
/// <param name="Observed">describePods' answer for <see cref="PodIds"/> and the adopt candidates; a missing ID is gone.</param>
/// <param name="AdoptPodIds">IDs from the adopt annotation.</param>
/// <param name="OwnedElsewhere">Pod IDs that other JdCloudPods record: never adopted.</param>
/// <param name="CreateAllowed">False while a failed create waits out its delay.</param>
/// <param name="Rollout">While a rollout is under way: the pods it accounts for itself.</param>
public sealed record ConvergenceInput(
    int Desired,
    IReadOnlyList<string> PodIds,
    IReadOnlyDictionary<string, ObservedPod> Observed,
    IReadOnlyList<string> AdoptPodIds,
    IReadOnlySet<string> OwnedElsewhere,
    bool CreateAllowed,
    RolloutAllowance? Rollout = null);

/// <summary>
/// What a rollout under way asks of the count: up to <see cref="Surge"/> pods above maxCount may exist; error pods
/// of the new revision (<see cref="KeepFailed"/>) stay, as evidence that holds the rollout back until its deadline
/// rather than being replaced by more of the same; and <see cref="Outdated"/> pods go first when scaling down.
/// </summary>
public sealed record RolloutAllowance(int Surge, IReadOnlySet<string> KeepFailed, IReadOnlySet<string> Outdated);

/// <summary>
/// Decides the next step for a resource that is not being deleted. Order matters: first replace error pods (their
/// deletion frees the name and capacity), then remove surplus, then fill the gap by adoption or creation.
/// </summary>
public static class ConvergencePlanner
{
    public static Plan Plan(ConvergenceInput input)
    {
        var kept = input.PodIds.Distinct()
            .Where(id => input.Observed.TryGetValue(id, out var pod) && pod.State != PodState.Deleting).ToList();
        var vanished = input.PodIds.Distinct().Except(kept).ToList();
        var pods = kept.Select(id => input.Observed[id]).ToList();

        var rollout = input.Rollout;
        var failed = pods.Where(p => p.State == PodState.Error && rollout?.KeepFailed.Contains(p.PodId) != true).Select(p => p.PodId).ToList();
        if (failed.Count > 0) return new Plan(kept, vanished, new DeletePods(failed, DeleteCause.ReplaceFailed));

        var surplus = pods.Count - input.Desired - (rollout?.Surge ?? 0);
        if (surplus > 0) return new Plan(kept, vanished, ScaleDown(pods, surplus, rollout?.Outdated));
        if (pods.Count >= input.Desired) return new Plan(kept, vanished, new Steady());

        return new Plan(kept, vanished, FillGap(input, kept, input.Desired - pods.Count));
    }

    /// <summary>
    /// Which pods to delete when scaling down: broken ones before healthy ones (stopped, then transient, then
    /// running), among equals those on an old revision first, then the most recently recorded.
    /// </summary>
    public static IReadOnlyList<string> ChooseSurplus(IReadOnlyList<ObservedPod> pods, int count, IReadOnlySet<string>? outdated = null) =>
        pods.Select((pod, index) => (pod, index))
            .OrderBy(p => DeletePreference(p.pod.State))
            .ThenBy(p => outdated?.Contains(p.pod.PodId) == true ? 0 : 1)
            .ThenByDescending(p => p.index)
            .Take(count)
            .Select(p => p.pod.PodId)
            .ToList();

    // A pod in a transient phase is chosen in its turn but not deleted yet: deletePod takes running, stopped and error
    // pods only (docs/jdcloud-api.md, Preconditions), so the pass waits for it to settle rather than sending a call the
    // cloud refuses, or deleting a running pod in its place.
    private static Step ScaleDown(IReadOnlyList<ObservedPod> pods, int surplus, IReadOnlySet<string>? outdated)
    {
        var transient = pods.Where(p => p.State == PodState.Transient).Select(p => p.PodId).ToHashSet();
        var now = ChooseSurplus(pods, surplus, outdated).Where(id => !transient.Contains(id)).ToList();
        return now.Count > 0 ? new DeletePods(now, DeleteCause.ScaleDown) : new SettlingBeforeScaleDown();
    }

    private static int DeletePreference(PodState state) => state switch
    {
        PodState.Error => 0,
        PodState.Stopped => 1,
        PodState.Transient => 2,
        _ => 3,
    };

    private static Step FillGap(ConvergenceInput input, IReadOnlyList<string> kept, int missing)
    {
        var candidates = input.AdoptPodIds.Distinct().Except(kept).ToList();
        if (candidates.Count == 0) return input.CreateAllowed ? new CreateMissing(missing) : new Steady();

        var adoptable = candidates
            .Where(id => !input.OwnedElsewhere.Contains(id) && input.Observed.TryGetValue(id, out var pod) && pod.IsUsable)
            .ToList();
        if (adoptable.Count > 0) return new AdoptPods(adoptable.Take(missing).ToList(), AdoptionSource.Annotation);

        var ownedElsewhere = candidates.Where(input.OwnedElsewhere.Contains).ToList();
        return new AdoptionFailed(candidates.Except(ownedElsewhere).ToList(), ownedElsewhere);
    }
}
