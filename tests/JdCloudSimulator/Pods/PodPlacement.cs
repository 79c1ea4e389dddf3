using System.Net;
using System.Net.Sockets;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.World;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Pods;

/// <summary>
/// The server-side rules of createPods that need the world (docs/jdcloud-api.md, createPods rules, items 122-127):
/// zone (or availability group), instance type and stock, subnets, security groups in their subnet's VPC, explicit IPs
/// inside the subnet and free, existing disks free and in the pod's zone, local disks not granted, and the pod name
/// unused in the region. Resolving also yields what the pods will use.
/// </summary>
internal sealed partial record PodPlacement(
    Subnet Subnet, IReadOnlyList<SecurityGroup> SecurityGroups, IPAddress? PrimaryIp,
    IReadOnlyList<IPAddress> SecondaryIps, IReadOnlyList<Disk> Disks)
{
    private const string Nic = "podSpec.primaryNetworkInterface.networkInterface";

    /// <summary>Adds a violation per broken rule; returns the placement when the network could be resolved.</summary>
    public static PodPlacement? Resolve(
        SimulatedWorld world, RegionWorld region, RegionPods pods, PodSpec spec, int maxCount, bool strictWorld,
        List<FieldViolation> violations)
    {
        ResolveAvailabilityGroup(region, spec, strictWorld, violations);
        CheckZoneAndType(world, region, spec, violations);
        CheckName(region, pods, spec, violations);
        var disks = ResolveDisks(region, spec, maxCount, strictWorld, violations);
        ResolveSecondaryInterfaces(region, spec, strictWorld, violations);
        var nic = spec.PrimaryNetworkInterface?.NetworkInterface;
        if (nic?.SubnetId is not { } subnetId || ResolveSubnet(region, subnetId, strictWorld, Nic, violations) is not { } subnet) return null;
        var groups = ResolveSecurityGroups(region, subnet, nic.SecurityGroups ?? [], strictWorld, Nic, violations);
        var primary = CheckAddress(subnet, nic.PrimaryIpAddress, $"{Nic}.primaryIpAddress", violations);
        var secondaries = (nic.SecondaryIpAddresses ?? [])
            .Select((ip, i) => CheckAddress(subnet, ip, $"{Nic}.secondaryIpAddresses[{i}]", violations))
            .OfType<IPAddress>().ToList();
        return new PodPlacement(subnet, groups, primary, secondaries, disks);
    }

    /// <summary>
    /// With agId and no az the pods go to the group's zone. The simulator has no availability-group model: in the
    /// lenient world any <c>ag-</c> ID is a group in the region's first pod zone; the strict world knows none.
    /// </summary>
    private static void ResolveAvailabilityGroup(RegionWorld region, PodSpec spec, bool strictWorld, List<FieldViolation> violations)
    {
        if (spec.AgId is not { } agId) return;
        if (strictWorld || !agId.StartsWith("ag-", StringComparison.Ordinal))
            violations.Add(new("podSpec.agId", ViolationKind.Invalid, agId, $"no such availability group in region {region.RegionId}"));
        else spec.Az ??= region.PodZones.FirstOrDefault();
    }

    private static void CheckZoneAndType(SimulatedWorld world, RegionWorld region, PodSpec spec, List<FieldViolation> violations)
    {
        var zoneOffered = spec.Az is { } az && region.PodZones.Contains(az);
        if (spec.Az is not null && !zoneOffered)
        {
            var detail = region.PodZones.Count == 0
                ? $"region {region.RegionId} has no zone that offers pods"
                : "supported values: " + string.Join(", ", region.PodZones.Select(z => $"\"{z}\""));
            violations.Add(new("podSpec.az", ViolationKind.NotSupported, spec.Az, detail));
        }
        if (spec.InstanceType is not { } name) return;
        var type = world.FindInstanceType(name);
        if (type is null || !type.OfferedIn(region.RegionId))
            violations.Add(new("podSpec.instanceType", ViolationKind.NotSupported, name, $"not a pod instance type offered in {region.RegionId} (see describeInstanceTypes)"));
        else if (zoneOffered && !world.InStock(name, spec.Az!))
            violations.Add(new("podSpec.instanceType", ViolationKind.Invalid, name, $"is sold out in zone {spec.Az}"));
    }

    /// <summary>The name is unused in the region; its length with the suffixes is the product validator's rule.</summary>
    private static void CheckName(RegionWorld region, RegionPods pods, PodSpec spec, List<FieldViolation> violations)
    {
        if (spec.Name is { } name && pods.ByName.TryGetValue(name, out var holder))
            violations.Add(new("podSpec.name", ViolationKind.Invalid, name, $"is already used by pod {holder.PodId} in region {region.RegionId}; pod names are unique per region"));
    }
}
