namespace JdCloudSimulator.World;

/// <summary>
/// The default world: the four regions and pod zones of docs/jdcloud-api.md, Limits, and in each region a default VPC
/// with <c>subnet-default</c> and <c>sg-default</c>, plus an <c>isolated</c> VPC (<c>subnet-isolated</c>,
/// <c>sg-isolated</c>) so that the same-VPC rule can be shown failing, and a free disk <c>vol-{zone}</c> per pod zone.
/// </summary>
public static class SeedWorld
{
    public static SimulatedWorld Create()
    {
        var world = new SimulatedWorld();
        Add(world, "cn-north-1", "North China, Beijing", "cn-north-1a", "cn-north-1b");
        Add(world, "cn-east-1", "East China, Suqian"); // zone cn-east-1a exists but offers no pods
        Add(world, "cn-east-2", "East China, Shanghai", "cn-east-2a", "cn-east-2b");
        Add(world, "cn-south-1", "South China, Guangzhou", "cn-south-1a");
        return world;
    }

    private static void Add(SimulatedWorld world, string regionId, string location, params string[] podZones)
    {
        var region = world.AddRegion(new RegionWorld(regionId, location) { DefaultVpcId = "vpc-default" });
        region.PodZones.AddRange(podZones);
        region.AddVpc("vpc-default", "10.0.0.0/8");
        region.AddVpc("vpc-isolated", "172.16.0.0/12");
        region.AddSubnet("subnet-default", "vpc-default", "10.0.0.0/16");
        region.AddSubnet("subnet-isolated", "vpc-isolated", "172.16.0.0/16");
        region.AddSecurityGroup("sg-default", "vpc-default", "default");
        region.AddSecurityGroup("sg-isolated", "vpc-isolated", "isolated");
        foreach (var zone in podZones) region.AddDisk($"vol-{zone}", zone);
    }
}
