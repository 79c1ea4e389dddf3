using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// The facts a fresh create needs. <see cref="NamedPods"/> are the pods that may hold the name: what
/// <see cref="PodClient.FindPodsByNameAsync"/> returned for the base name (pods named exactly so or with a numeric
/// suffix) when an earlier attempt's outcome is unknown; otherwise the pods the pass observed.
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
/// The second guard against duplicates (the first is the clientToken): pod names are unique in a region, so pods that
/// carry our name but are missing from status.podIds (a status lost with its resource, a create whose answer never got
/// recorded) are adopted instead of creating more.
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
