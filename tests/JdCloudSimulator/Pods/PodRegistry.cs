namespace JdCloudSimulator.Pods;

/// <summary>Every pod ever created, and per region the live ones, their names and the clientTokens seen.
/// Not thread-safe: <see cref="SimulatorState"/> holds the lock.</summary>
internal sealed class PodRegistry
{
    private readonly Dictionary<string, SimulatedPod> _byId = [];
    private readonly Dictionary<string, RegionPods> _regions = [];
    private long _sequence;

    public List<SimulatedPod> All { get; } = [];

    /// <summary>Pods that exist, in every region.</summary>
    public int LiveCount { get; private set; }

    public long NextSequence() => ++_sequence;

    public bool IdTaken(string podId) => _byId.ContainsKey(podId);

    public RegionPods Region(string regionId)
    {
        if (!_regions.TryGetValue(regionId, out var pods)) _regions[regionId] = pods = new RegionPods();
        return pods;
    }

    /// <summary>A pod that exists (not gone) in the region, or null.</summary>
    public SimulatedPod? FindLive(string regionId, string podId) =>
        _byId.TryGetValue(podId, out var pod) && pod.RegionId == regionId && pod.Phase != PodPhase.Gone ? pod : null;

    public SimulatedPod? Find(string podId) => _byId.GetValueOrDefault(podId);

    public void Add(SimulatedPod pod)
    {
        _byId[pod.PodId] = pod;
        All.Add(pod);
        var region = Region(pod.RegionId);
        region.Live[pod.Sequence] = pod;
        region.ByName[pod.Name] = pod;
        LiveCount++;
    }

    /// <summary>Forgets every clientToken seen: a token's lifetime is not documented (docs/jdcloud-api.md, Idempotent creation).</summary>
    public void ExpireTokens()
    {
        foreach (var region in _regions.Values) region.Tokens.Clear();
    }

    public void Remove(SimulatedPod pod)
    {
        var region = Region(pod.RegionId);
        region.Live.Remove(pod.Sequence);
        region.ByName.Remove(pod.Name);
        LiveCount--;
    }
}

/// <summary>One region's live pods in creation order, their names, and its clientToken → podIds map.</summary>
internal sealed class RegionPods
{
    public SortedDictionary<long, SimulatedPod> Live { get; } = [];
    public Dictionary<string, SimulatedPod> ByName { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IReadOnlyList<string>> Tokens { get; } = new(StringComparer.Ordinal);
}
