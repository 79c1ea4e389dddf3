using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Reconciliation.JdCloudPods;

/// <summary>
/// The facts a fresh create needs; <see cref="NamedPods"/> is what <see cref="PodClient.FindPodsByNameAsync"/> returned
/// for the base name: pods named exactly so or with a numeric suffix.
/// </summary>
public sealed record CreateInput(
    string Uid,
    string BaseName,
    int Missing,
    int CreateAttempts,
    IReadOnlyList<string> PodIds,
    IReadOnlyList<ObservedPod> NamedPods,
    IReadOnlySet<string> OwnedElsewhere);

/// <summary>
/// The second guard against duplicates (fact sheet §7, recipe step 4): before a fresh createPods, pods that carry our
/// name but are missing from status.podIds (a status lost with its resource, a create whose answer never got recorded)
/// are adopted instead of creating more.
/// </summary>
public static class CreatePlanner
{
    public static Step Plan(CreateInput input)
    {
        var ours = input.PodIds.ToHashSet(StringComparer.Ordinal);
        var strays = input.NamedPods
            .Where(p => p.IsUsable && !ours.Contains(p.PodId) && !input.OwnedElsewhere.Contains(p.PodId))
            .Select(p => p.PodId)
            .Distinct()
            .Take(input.Missing)
            .ToList();
        if (strays.Count > 0) return new AdoptPods(strays, AdoptionSource.Name);

        var attempt = input.CreateAttempts + 1;
        if (PodNames.ForCreate(input.BaseName, Math.Min(input.Missing, PodClient.MaxPodsPerCreate), input.NamedPods.Select(p => p.Name))
            is not var (name, count)) return new NoFreeName(input.BaseName);
        return new CreatePods(name, count, ClientToken.For(input.Uid, attempt), attempt);
    }
}
