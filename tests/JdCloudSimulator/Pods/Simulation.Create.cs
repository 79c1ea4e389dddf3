using JdCloudSimulator.Api;
using JdCloudSimulator.World;

namespace JdCloudSimulator.Pods;

internal sealed partial class Simulation
{
    /// <summary>
    /// createPods (docs/jdcloud-api.md, Idempotent creation): a known clientToken returns the first call's podIds
    /// before anything else is looked at; otherwise validate (all violations at once), then create as many pods as the
    /// quota, capacity and addresses allow (maxCount is best effort, docs/jdcloud-api.md, createPods rules, item 5);
    /// when not one fits, the error says which limit.
    /// </summary>
    public IReadOnlyList<string> CreatePods(string regionId, CreatePodsBody request, DateTimeOffset now)
    {
        var region = Region(regionId);
        var tokenViolations = CreatePodsValidation.ClientTokenViolations(request.ClientToken);
        if (tokenViolations.Count > 0) throw ApiException.InvalidArgument(tokenViolations);
        var pods = _registry.Region(regionId);
        // An empty token is no token: it would otherwise make every later empty-token call in the region a replay.
        if (request.ClientToken is { Length: > 0 } token && pods.Tokens.TryGetValue(token, out var firstResult)) return firstResult;

        GoSdkBlanks.Unset(request.PodSpec);
        var violations = CreatePodsValidation.SpecViolations(request);
        var placement = request.PodSpec is { } spec && request.MaxCount is { } maxCount
            ? PodPlacement.Resolve(World, region, pods, spec, maxCount, _strictWorld, violations)
            : null;
        if (violations.Count > 0 || placement is null) throw ApiException.InvalidArgument(violations);

        var fits = Math.Min(WithinQuota(regionId, pods, request.MaxCount!.Value), Affordable(request));
        var podIds = Create(region, request, placement, fits, now);
        if (request.ClientToken is { Length: > 0 } newToken) pods.Tokens[newToken] = podIds;
        return podIds;
    }

    /// <summary>How many of maxCount the region's pod quota leaves room for; none is 429 "Quota exceeded"
    /// (docs/jdcloud-api.md, Errors; createPods rules, item 126).</summary>
    private int WithinQuota(string regionId, RegionPods pods, int maxCount)
    {
        var limit = _settings().PodQuota;
        var free = Math.Min(maxCount, limit - pods.Live.Count);
        return free > 0 ? free : throw new ApiException(429, ErrorStatus.QuotaExceeded,
            $"Quota exceeded: pod quota of region {regionId} is {limit}, {pods.Live.Count} used, {maxCount} requested");
    }

    /// <summary>How many pods capacity allows: maxCount, or fewer near the configured capacity; none is an error.</summary>
    private int Affordable(CreatePodsBody request)
    {
        var maxCount = request.MaxCount!.Value;
        if (_settings().Capacity is not { } capacity) return maxCount;
        var free = Math.Min(maxCount, capacity - _registry.LiveCount);
        return free > 0 ? free : throw new ApiException(400, ErrorStatus.ResourceExhausted,
            $"Insufficient resources: no capacity left for {request.PodSpec!.InstanceType} in {request.PodSpec.Az}");
    }

    private List<string> Create(RegionWorld region, CreatePodsBody request, PodPlacement placement, int count, DateTimeOffset now)
    {
        var regionId = region.RegionId;
        var spec = request.PodSpec!;
        var podIds = new List<string>(count);
        var specJson = SpecJson.Of(spec);
        foreach (var name in PodNames.For(spec.Name!, request.MaxCount!.Value, _registry.Region(regionId).ByName).Take(count).ToList())
        {
            var resources = AllocateResources(spec, placement);
            if (resources is null) break; // the subnet is full: best effort ends here
            var disks = PodDisks.For(spec, () => NewVolumeId(region));
            var pod = new SimulatedPod
            {
                PodId = NewPodId(), RegionId = regionId, Name = name, Sequence = _registry.NextSequence(), Spec = spec, SpecJson = specJson,
                Resources = resources with { Disks = [.. resources.Disks, .. NewDisks(region, disks, spec.Az ?? "")] },
                CreatedAt = now, ClientToken = request.ClientToken,
                ElasticIp = spec.ElasticIp is null ? null : NewElasticIp(region),
                Disks = disks,
            };
            foreach (var disk in pod.Resources.Disks) disk.AttachedTo = pod.PodId;
            if (pod.ElasticIp is { } eip) eip.BoundTo = pod.PodId;
            _registry.Add(pod);
            _lifecycle.Created(pod, _random.NextDouble() < _settings().BootFailureRate, now);
            podIds.Add(pod.PodId);
        }
        return podIds.Count > 0 ? podIds : throw new ApiException(400, ErrorStatus.ResourceExhausted,
            $"Insufficient resources: subnet {placement.Subnet.SubnetId} has no free address");
    }

    private PodResources? AllocateResources(JdCloudPodOperator.Entities.PodSpec spec, PodPlacement placement)
    {
        var subnet = placement.Subnet;
        string? primary;
        if (placement.PrimaryIp is { } explicitIp)
        {
            subnet.Reserve(explicitIp);
            primary = explicitIp.ToString();
        }
        else if ((primary = subnet.Allocate()) is null)
        {
            return null;
        }
        foreach (var ip in placement.SecondaryIps) subnet.Reserve(ip);
        var secondaries = placement.SecondaryIps.Select(ip => ip.ToString())
            .Concat(AllocateMany(subnet, spec.PrimaryNetworkInterface?.NetworkInterface?.SecondaryIpCount ?? 0))
            .ToList();
        return new PodResources(subnet, placement.SecurityGroups, primary, secondaries, placement.Disks, _ids.Next("port-"), _ids.MacAddress())
        {
            Ipv6Addresses = Ipv6Of(spec.PrimaryNetworkInterface?.NetworkInterface),
        };
    }

    /// <summary>The explicit IPv6 address, or as many as ipv6AddressCount asks for.</summary>
    private List<string> Ipv6Of(JdCloudPodOperator.Entities.NetworkInterfaceSpec? nic)
    {
        if (nic?.Ipv6Address is { } explicitAddress) return [explicitAddress];
        return [.. Enumerable.Range(0, nic?.Ipv6AddressCount ?? 0).Select(_ => _ids.Ipv6())];
    }

    private static IEnumerable<string> AllocateMany(Subnet subnet, int count) =>
        Enumerable.Range(0, count).Select(_ => subnet.Allocate()).OfType<string>().ToList();

    /// <summary>A new EIP in the region, as createPods makes one from <c>podSpec.elasticIp</c>.</summary>
    private ElasticIp NewElasticIp(RegionWorld region) =>
        region.AddElasticIp(_ids.Unused("fip-", region.ElasticIps.ContainsKey), _ids.PublicIp());

    /// <summary>
    /// The disks createPods made for a pod enter the region's disks, held by the pod like an existing one it names: a
    /// later createPods naming one is refused while the pod lives (released with it, as an existing disk is).
    /// </summary>
    private static List<Disk> NewDisks(RegionWorld region, PodDisks disks, string az) =>
        [.. disks.SystemDisks.Values.Concat(disks.DataDisks.Values).Where(id => !region.Disks.ContainsKey(id)).Select(id => region.AddDisk(id, az))];

    /// <summary>A new disk's ID, in the form of the world's disks and none of theirs.</summary>
    private string NewVolumeId(RegionWorld region) => _ids.Unused("vol-", region.Disks.ContainsKey);

    private string NewPodId() => _ids.Unused("pod-", _registry.IdTaken);
}
