using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// The facts a fresh create needs. <see cref="Owner"/> is this resource's owner tag value. <see cref="NamedPods"/> are
/// the pods that may hold the name: the pods the pass observed, with those found by the owner tag when pods may exist
/// that status does not record, and after createPods refused the name, those
/// <see cref="PodClient.FindPodsByNameAsync"/> returned for the base name (named exactly so or with a numeric suffix).
/// </summary>
public sealed record CreateInput(
    string Uid,
    string BaseName,
    string Owner,
    int Missing,
    int CreateAttempts,
    IReadOnlyList<string> PodIds,
    IReadOnlyList<ObservedPod> NamedPods,
    IReadOnlySet<string> OwnedElsewhere);

/// <summary>
/// The second guard against duplicates (the first is the clientToken): pods that carry this resource's owner tag but
/// are missing from status.podIds (a status lost with its resource, a create whose answer never got recorded) are
/// adopted instead of creating more. A pod is never adopted for its name alone: a base name held by a pod that is
/// neither recorded here nor tagged as ours is taken (pod names are unique in a region).
/// </summary>
public static class CreatePlanner
{
    public static Step Plan(CreateInput input)
    {
        var ours = input.PodIds.ToHashSet(StringComparer.Ordinal);
        var strays = input.NamedPods
            .Where(p => p.IsUsable && p.Owner == input.Owner && !ours.Contains(p.PodId) && !input.OwnedElsewhere.Contains(p.PodId))
            .Select(p => p.PodId)
            .Distinct()
            .Take(input.Missing)
            .ToList();
        if (strays.Count > 0) return new AdoptPods(strays, AdoptionSource.OwnerTag);

        var holder = input.NamedPods.FirstOrDefault(p => p.Name == input.BaseName && p.Owner != input.Owner && !ours.Contains(p.PodId));
        if (holder is not null) return new NameTaken(input.BaseName, holder);

        var attempt = input.CreateAttempts + 1;
        if (PodNames.ForCreate(input.BaseName, Math.Min(input.Missing, PodClient.MaxPodsPerCreate), input.NamedPods.Select(p => p.Name))
            is not var (name, count)) return new NoFreeName(input.BaseName);
        return new CreatePods(name, count, ClientToken.For(input.Uid, attempt), attempt);
    }
}
