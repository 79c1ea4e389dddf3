namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// What deleting a resource with deletionPolicy Delete still needs: which recorded pods to call deletePod on
/// (running, stopped or error: the phases deletePod accepts), which to wait for (transient or already deleting),
/// and whether all are gone so the finalizer can go.
/// </summary>
public sealed record DeletionPlan(IReadOnlyList<string> Remaining, IReadOnlyList<string> ToDelete)
{
    public bool Finished => Remaining.Count == 0;

    public static DeletionPlan For(IReadOnlyList<string> podIds, IReadOnlyDictionary<string, ObservedPod> observed)
    {
        var remaining = podIds.Distinct().Where(observed.ContainsKey).ToList();
        var toDelete = remaining
            .Where(id => observed[id].State is PodState.Running or PodState.Stopped or PodState.Error)
            .ToList();
        return new DeletionPlan(remaining, toDelete);
    }
}
