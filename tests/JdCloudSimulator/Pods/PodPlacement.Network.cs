using System.Net;
using System.Net.Sockets;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.World;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Pods;

/// <summary>Network interfaces: subnets, security groups in the subnet's VPC, explicit addresses (items 123-124).</summary>
internal sealed partial record PodPlacement
{
    private static Subnet? ResolveSubnet(RegionWorld region, string subnetId, bool strictWorld, string nic, List<FieldViolation> violations)
    {
        var subnet = region.Subnets.GetValueOrDefault(subnetId)
            ?? (!strictWorld && subnetId.StartsWith("subnet-", StringComparison.Ordinal) ? region.AutoCreateSubnet(subnetId) : null);
        if (subnet is null) violations.Add(new($"{nic}.subnetId", ViolationKind.Invalid, subnetId, $"no such subnet in region {region.RegionId}"));
        return subnet;
    }

    /// <summary>Secondary interfaces: their subnets and security groups obey the same world rules (no addresses are simulated for them).</summary>
    private static void ResolveSecondaryInterfaces(RegionWorld region, PodSpec spec, bool strictWorld, List<FieldViolation> violations)
    {
        var attachments = spec.SecondaryNetworkInterfaces ?? [];
        for (var i = 0; i < attachments.Count; i++)
        {
            var field = $"podSpec.secondaryNetworkInterfaces[{i}].networkInterface";
            if (attachments[i]?.NetworkInterface is not { SubnetId: { } subnetId } nic) continue;
            if (ResolveSubnet(region, subnetId, strictWorld, field, violations) is { } subnet)
                ResolveSecurityGroups(region, subnet, nic.SecurityGroups ?? [], strictWorld, field, violations);
        }
    }

    private static List<SecurityGroup> ResolveSecurityGroups(
        RegionWorld region, Subnet subnet, List<string> ids, bool strictWorld, string nic, List<FieldViolation> violations)
    {
        var groups = new List<SecurityGroup>();
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var group = region.SecurityGroups.GetValueOrDefault(id)
                ?? (!strictWorld && id.StartsWith("sg-", StringComparison.Ordinal) ? region.AddSecurityGroup(id, region.DefaultVpcId) : null);
            if (group is null)
                violations.Add(new($"{nic}.securityGroups[{i}]", ViolationKind.Invalid, id, $"no such security group in region {region.RegionId}"));
            else if (group.VpcId != subnet.VpcId)
                violations.Add(new($"{nic}.securityGroups[{i}]", ViolationKind.Invalid, id, $"is in {group.VpcId} but subnet {subnet.SubnetId} is in {subnet.VpcId}; security groups must be in the subnet's VPC"));
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
}
