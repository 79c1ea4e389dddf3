namespace JdCloudSimulator.World;

/// <summary>
/// What createPods checks against (docs/jdcloud-api.md, createPods rules, items 122-127): regions and their pod zones,
/// the instance-type catalogue and its stock, subnets and security groups mapped to VPCs, existing disks.
/// </summary>
public sealed class SimulatedWorld
{
    private readonly HashSet<(string Type, string Az)> _outOfStock = [];

    public Dictionary<string, RegionWorld> Regions { get; } = [];
    public List<InstanceType> InstanceTypes { get; } = [.. InstanceTypeCatalogue.Default];

    public RegionWorld AddRegion(RegionWorld region) => Regions[region.RegionId] = region;

    public InstanceType? FindInstanceType(string name) => InstanceTypes.Find(t => t.Name == name);

    public bool InStock(string instanceType, string az) => !_outOfStock.Contains((instanceType, az));

    /// <summary>Marks an instance type sold out (or back in stock) in one zone.</summary>
    public void SetInStock(string instanceType, string az, bool inStock)
    {
        if (inStock) _outOfStock.Remove((instanceType, az));
        else _outOfStock.Add((instanceType, az));
    }
}
