using JdCloudSimulator.Api;
using JdCloudSimulator.World;

namespace JdCloudSimulator.Pods;

/// <summary>
/// One run of the simulated Pod service: the world, the pods, their lifecycle. Reset replaces it with a new one.
/// Not thread-safe: <see cref="SimulatorState"/> calls it under its lock, after advancing the clock.
/// </summary>
internal sealed partial class Simulation
{
    private readonly PodRegistry _registry = new();
    private readonly PodLifecycle _lifecycle;
    private readonly Func<SimulatorSettings> _settings;
    private readonly Random _random;
    private readonly Ids _ids;
    private readonly bool _strictWorld;

    public Simulation(SimulatedWorld world, Func<SimulatorSettings> settings, Random random, bool strictWorld)
    {
        World = world;
        _settings = settings;
        _random = random;
        _ids = new Ids(random);
        _strictWorld = strictWorld;
        _lifecycle = new PodLifecycle(_registry, settings);
    }

    public SimulatedWorld World { get; }

    public IReadOnlyList<SimulatedPod> AllPods => _registry.All;

    public void Advance(DateTimeOffset now) => _lifecycle.Advance(now);

    public RegionWorld Region(string regionId) =>
        World.Regions.GetValueOrDefault(regionId) ?? throw ApiException.InvalidArgument($"regionId: unknown region \"{regionId}\"");

    /// <summary>A test's instruction: the pod fails now.</summary>
    public void FailPod(string podId, string message, DateTimeOffset now) =>
        _lifecycle.Fail(LivePod(podId), message, now);

    /// <summary>A test's instruction: every clientToken seen so far has expired.</summary>
    public void ExpireClientTokens() => _registry.ExpireTokens();

    /// <summary>A test's instruction: the pod disappears now, without any API call (drift).</summary>
    public void RemovePod(string podId, DateTimeOffset now) =>
        _lifecycle.Remove(LivePod(podId), "RemovedOutOfBand", now);

    private SimulatedPod LivePod(string podId) =>
        _registry.Find(podId) is { Phase: not PodPhase.Gone } pod ? pod : throw ApiException.NotFound($"pod {podId} not found");

    /// <summary>describeQuota: the <c>pod</c> quota is enforced; <c>container</c> follows it (8 per pod).</summary>
    public object DescribeQuota(string regionId, string? resourceType)
    {
        Region(regionId);
        var live = _registry.Region(regionId).Live.Values;
        var quota = _settings().PodQuota;
        var (limit, used) = resourceType switch
        {
            "pod" => (quota, live.Count),
            "container" => (quota * 8, live.Sum(p => p.Spec.Containers?.Count ?? 0)),
            "secret" or "imageCache" or "podTemplate" => (20, 0),
            _ => throw ApiException.InvalidArgument(
                $"resourceType: Unsupported value: \"{resourceType}\": supported values: \"container\", \"pod\", \"secret\", \"imageCache\", \"podTemplate\""),
        };
        return new { quota = new { resourceType, limit, used } };
    }

    /// <summary>describeInstanceTypes (docs/jdcloud-api.md, Limits): the catalogue with per-zone stock, each item in the
    /// SDKs' InstanceType shape; filters <c>instanceTypes</c> and <c>az</c>. An <c>az</c> filter naming none of the
    /// region's pod zones leaves no type.</summary>
    public object DescribeInstanceTypes(string regionId, IReadOnlyList<QueryFilter> filters)
    {
        var region = Region(regionId);
        var wantedTypes = filters.FirstOrDefault(f => f.Name == "instanceTypes")?.Values;
        var wantedZones = filters.FirstOrDefault(f => f.Name == "az")?.Values;
        var zones = (wantedZones ?? region.PodZones).Where(region.PodZones.Contains).ToList();
        var types = World.InstanceTypes
            .Where(t => t.OfferedIn(regionId) && (wantedTypes is null || wantedTypes.Contains(t.Name)) && (wantedZones is null || zones.Count > 0))
            .Select(t => new
            {
                family = t.Family, instanceType = t.Name, cpu = t.Cpu, memoryMB = t.MemoryMB, nicLimit = 1, desc = t.Description,
                state = zones.Select(az => new { az, inStock = World.InStock(t.Name, az), online = true }),
            })
            .ToList();
        return new { instanceTypes = types, specificInstanceTypes = Array.Empty<object>(), totalCount = types.Count };
    }
}
