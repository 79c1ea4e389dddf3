using System.Net;
using System.Net.Sockets;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.World;

namespace JdCloudSimulator.Pods;

/// <summary>
/// The server-side rules of createPods that need the world (docs/jdcloud-api.md, createPods rules, items 122-127):
/// zone, instance type and stock, subnet, security groups in the subnet's VPC, explicit IPs inside the subnet and free,
/// existing disks free and in the pod's zone, and the pod name unused in the region. Resolving also yields what the
/// pods will use.
/// </summary>
internal sealed record PodPlacement(
    Subnet Subnet, IReadOnlyList<SecurityGroup> SecurityGroups, IPAddress? PrimaryIp,
    IReadOnlyList<IPAddress> SecondaryIps, IReadOnlyList<Disk> Disks)
{
    private const string Nic = "podSpec.primaryNetworkInterface.networkInterface";

    /// <summary>Adds a violation per broken rule; returns the placement when the network could be resolved.</summary>
    public static PodPlacement? Resolve(
        SimulatedWorld world, RegionWorld region, RegionPods pods, PodSpec spec, int maxCount, bool strictWorld,
        List<FieldViolation> violations)
    {
        CheckZoneAndType(world, region, spec, violations);
        CheckName(region, pods, spec, maxCount, violations);
        var disks = ResolveDisks(region, spec, maxCount, strictWorld, violations);
        var nic = spec.PrimaryNetworkInterface?.NetworkInterface;
        if (nic?.SubnetId is not { } subnetId) return null;
        var subnet = region.Subnets.GetValueOrDefault(subnetId)
            ?? (!strictWorld && subnetId.StartsWith("subnet-", StringComparison.Ordinal) ? region.AutoCreateSubnet(subnetId) : null);
        if (subnet is null)
        {
            violations.Add(new($"{Nic}.subnetId", ViolationKind.Invalid, subnetId, $"no such subnet in region {region.RegionId}"));
            return null;
        }
        var groups = ResolveSecurityGroups(region, subnet, nic.SecurityGroups ?? [], strictWorld, violations);
        var primary = CheckAddress(subnet, nic.PrimaryIpAddress, $"{Nic}.primaryIpAddress", violations);
        var secondaries = (nic.SecondaryIpAddresses ?? [])
            .Select((ip, i) => CheckAddress(subnet, ip, $"{Nic}.secondaryIpAddresses[{i}]", violations))
            .OfType<IPAddress>().ToList();
        return new PodPlacement(subnet, groups, primary, secondaries, disks);
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

    private static void CheckName(RegionWorld region, RegionPods pods, PodSpec spec, int maxCount, List<FieldViolation> violations)
    {
        if (spec.Name is not { } name) return;
        if (pods.ByName.TryGetValue(name, out var holder))
            violations.Add(new("podSpec.name", ViolationKind.Invalid, name, $"is already used by pod {holder.PodId} in region {region.RegionId}; pod names are unique per region"));
        if (PodNames.LongestLength(name, maxCount) > 253)
            violations.Add(new("podSpec.name", ViolationKind.TooLong, name, $"with maxCount {maxCount} the names {name}-1..-{maxCount} would exceed 253 characters"));
    }

    private static List<SecurityGroup> ResolveSecurityGroups(
        RegionWorld region, Subnet subnet, List<string> ids, bool strictWorld, List<FieldViolation> violations)
    {
        var groups = new List<SecurityGroup>();
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var group = region.SecurityGroups.GetValueOrDefault(id)
                ?? (!strictWorld && id.StartsWith("sg-", StringComparison.Ordinal) ? region.AddSecurityGroup(id, region.DefaultVpcId) : null);
            if (group is null)
                violations.Add(new($"{Nic}.securityGroups[{i}]", ViolationKind.Invalid, id, $"no such security group in region {region.RegionId}"));
            else if (group.VpcId != subnet.VpcId)
                violations.Add(new($"{Nic}.securityGroups[{i}]", ViolationKind.Invalid, id, $"is in {group.VpcId} but subnet {subnet.SubnetId} is in {subnet.VpcId}; security groups must be in the subnet's VPC"));
            else
                groups.Add(group);
        }
        return groups;
    }

    // Malformed addresses are the product validator's to report; here only "inside the subnet and free" (item 124).
    private static IPAddress? CheckAddress(Subnet subnet, string? text, string field, List<FieldViolation> violations)
    {
        if (text is null || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetwork) return null;
        if (!subnet.Contains(address))
            violations.Add(new(field, ViolationKind.Invalid, text, $"is not inside subnet {subnet.SubnetId} ({subnet.Cidr})"));
        else if (!subnet.IsFree(address))
            violations.Add(new(field, ViolationKind.Invalid, text, $"is not free in subnet {subnet.SubnetId}"));
        else
            return address;
        return null;
    }

    private static List<Disk> ResolveDisks(RegionWorld region, PodSpec spec, int maxCount, bool strictWorld, List<FieldViolation> violations)
    {
        var references = (spec.Containers ?? []).Select((c, i) => (Id: c?.SystemDisk?.VolumeId, Field: $"podSpec.containers[{i}].systemDisk.volumeId"))
            .Concat((spec.Volumes ?? []).Select((v, i) => (Id: v?.JdcloudDisk?.VolumeId, Field: $"podSpec.volumes[{i}].jdcloudDisk.volumeId")))
            .Where(r => r.Id is not null);
        var disks = new List<Disk>();
        foreach (var (id, field) in references)
        {
            var disk = region.Disks.GetValueOrDefault(id!)
                ?? (!strictWorld && spec.Az is { } az && id!.StartsWith("vol-", StringComparison.Ordinal) ? region.AddDisk(id, az) : null);
            var problem = disk switch
            {
                null => $"no such disk in region {region.RegionId}",
                { AttachedTo: { } pod } => $"is in use by pod {pod}",
                _ when disk.Az != spec.Az => $"is in zone {disk.Az}, the pod in {spec.Az}; a disk must be in the pod's zone",
                _ when disks.Contains(disk) => "is used twice in this pod",
                _ when maxCount > 1 => "an existing disk can serve one pod only, so maxCount must be 1",
                _ => null,
            };
            if (problem is null) disks.Add(disk!);
            else violations.Add(new(field, ViolationKind.Invalid, id, problem));
        }
        return disks;
    }
}
