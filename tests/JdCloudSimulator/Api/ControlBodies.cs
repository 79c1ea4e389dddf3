using JdCloudSimulator.Faults;

namespace JdCloudSimulator.Api;

internal sealed record ScriptedFault(FaultKind Kind, int Count = 1);

internal sealed record StockChange(string InstanceType, string Az, bool InStock)
{
    public void Apply(SimulatorState state) => state.EditWorld(world => world.SetInStock(InstanceType, Az, InStock));
}

/// <summary>Declares a VPC, optionally a subnet in it and security groups in it (the strict world needs them).</summary>
internal sealed record NetworkDeclaration(string RegionId, string VpcId, string? SubnetId, string? Cidr, IReadOnlyList<string>? SecurityGroups)
{
    public void Apply(SimulatorState state) => state.EditWorld(world =>
    {
        var region = world.Regions.GetValueOrDefault(RegionId) ?? throw ApiException.InvalidArgument($"unknown region \"{RegionId}\"");
        var cidr = Cidr ?? "192.168.0.0/16";
        if (!region.Vpcs.ContainsKey(VpcId)) region.AddVpc(VpcId, cidr);
        if (SubnetId is not null)
        {
            try
            {
                region.AddSubnet(SubnetId, VpcId, cidr);
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
            {
                throw ApiException.InvalidArgument($"cidr: Invalid value: \"{cidr}\": must be an IPv4 CIDR such as 192.168.0.0/16");
            }
        }
        foreach (var group in SecurityGroups ?? []) region.AddSecurityGroup(group, VpcId);
    });
}
