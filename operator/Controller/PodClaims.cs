using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;

namespace JdCloudPodOperator.Controller;

/// <summary>A JdCloudPod as the owner of cloud pods: its UID and where it lives.</summary>
public sealed record PodOwner(string Uid, NamespacedName Name)
{
    public static PodOwner Of(JdCloudPod resource) => new(resource.Metadata.Uid, NamespacedName.Of(resource));

    public override string ToString() => $"JdCloudPod {Name}";
}

/// <summary>
/// Which JdCloudPod owns each cloud pod, so that a pod has exactly one owner at any instant. The controller runs on
/// one leader, so an in-process registry is atomic where the cache is not (it lags behind status writes): a pass
/// claims a pod here before the status write that records it, and a claim another resource holds is refused. Built
/// from the statuses in the cache at the start of each leadership term (another leader may have acted before),
/// then kept by the passes: a pass's claims on pods its status no longer records are released after its status
/// write (<see cref="Retain"/>), and every claim of a resource goes with it. The durable record is the owner tag
/// on the pods (<see cref="OwnerTag"/>); this registry only orders the claims within one leader.
/// </summary>
public sealed class PodClaims(Func<long> term, Func<IEnumerable<JdCloudPod>> cached)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodOwner> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<NamespacedName, Holding> _held = [];
    private long _builtFor = -1;

    /// <summary>
    /// Claims every pod in <paramref name="podIds"/> for <paramref name="owner"/> that no other resource holds;
    /// returns the others, each with the owner that holds it. A claim held under the owner's name by another UID is
    /// taken over: only one object exists at a name, so that earlier one is gone.
    /// </summary>
    public IReadOnlyDictionary<string, PodOwner> Claim(PodOwner owner, IEnumerable<string> podIds)
    {
        var refused = new Dictionary<string, PodOwner>(StringComparer.Ordinal);
        lock (_lock)
        {
            var holding = HoldingOf(owner);
            foreach (var podId in podIds)
            {
                if (_owners.TryGetValue(podId, out var holder) && holder != owner)
                {
                    refused[podId] = holder;
                    continue;
                }
                // The holding's instance: one owner (and one copy of its strings) per resource, whichever pass claimed.
                _owners[podId] = holding.Owner;
                if (!holding.Pods.Contains(podId)) holding.Pods.Add(podId);
            }
        }
        return refused;
    }

    /// <summary>The owners other than <paramref name="owner"/> that hold any of <paramref name="podIds"/>.</summary>
    public IReadOnlyDictionary<string, PodOwner> HeldElsewhere(PodOwner owner, IEnumerable<string> podIds)
    {
        lock (_lock)
        {
            Build();
            return podIds.Distinct().Where(id => _owners.TryGetValue(id, out var holder) && !SameObjectName(holder, owner))
                .ToDictionary(id => id, id => _owners[id], StringComparer.Ordinal);
        }
    }

    /// <summary>Releases the claims of <paramref name="owner"/> on pods other than <paramref name="kept"/> (deleted, orphaned, gone).</summary>
    public void Retain(PodOwner owner, IEnumerable<string> kept)
    {
        var keep = kept.ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            Build();
            if (!_held.TryGetValue(owner.Name, out var holding) || holding.Owner.Uid != owner.Uid) return;
            foreach (var podId in holding.Pods.Where(id => !keep.Contains(id)).ToList()) Release(holding, podId);
        }
    }

    /// <summary>Releases every claim of the resource at <paramref name="name"/>: it no longer exists.</summary>
    public void ReleaseAll(NamespacedName name)
    {
        lock (_lock)
        {
            Build();
            if (_held.Remove(name, out var holding)) ReleaseEach(holding);
        }
    }

    // The owner's holding; one held at its name under an earlier UID is dropped first.
    private Holding HoldingOf(PodOwner owner)
    {
        Build();
        if (_held.TryGetValue(owner.Name, out var holding) && holding.Owner.Uid == owner.Uid) return holding;
        if (holding is not null) ReleaseEach(holding);
        return _held[owner.Name] = new Holding(owner);
    }

    private void ReleaseEach(Holding holding)
    {
        foreach (var podId in holding.Pods.ToList()) Release(holding, podId);
    }

    private void Release(Holding holding, string podId)
    {
        holding.Pods.Remove(podId);
        if (_owners.TryGetValue(podId, out var holder) && holder.Uid == holding.Owner.Uid) _owners.Remove(podId);
    }

    private static bool SameObjectName(PodOwner holder, PodOwner owner) => holder.Name == owner.Name;

    // Once per leadership term, from the statuses in the cache; where two record one pod, the first keeps it.
    private void Build()
    {
        var now = term();
        if (now == _builtFor) return;
        _owners.Clear();
        _held.Clear();
        _builtFor = now;
        foreach (var resource in cached())
        {
            var owner = PodOwner.Of(resource);
            var holding = _held.TryGetValue(owner.Name, out var h) ? h : _held[owner.Name] = new Holding(owner);
            foreach (var podId in resource.Status?.PodIds ?? [])
            {
                if (_owners.TryAdd(podId, holding.Owner)) holding.Pods.Add(podId);
            }
        }
    }

    // A list, not a set: one per resource, and a resource holds a few pods (at most maxCount and its surge), so a
    // search costs less than a set's ~240 bytes for a single pod.
    private sealed class Holding(PodOwner owner)
    {
        public PodOwner Owner { get; } = owner;
        public List<string> Pods { get; } = [];
    }
}
