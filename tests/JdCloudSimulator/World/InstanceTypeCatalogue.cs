namespace JdCloudSimulator.World;

/// <summary>One pod instance type, as describeInstanceTypes lists it (docs/jdcloud-api.md, Limits).</summary>
public sealed record InstanceType(string Name, string Family, int Cpu, int MemoryMB, string Description)
{
    /// <summary>Regions that offer the type; null means every region (1st generation is cn-north-1 only).</summary>
    public IReadOnlySet<string>? Regions { get; init; }

    public bool OfferedIn(string regionId) => Regions is null || Regions.Contains(regionId);
}

/// <summary>The pod instance-type families (docs/jdcloud-api.md, Limits): 2nd and 3rd generation everywhere, 1st in
/// cn-north-1.</summary>
public static class InstanceTypeCatalogue
{
    private static readonly Dictionary<string, int> CpuBySize = new()
    {
        ["medium"] = 1, ["large"] = 2, ["xlarge"] = 4, ["2xlarge"] = 8, ["3xlarge"] = 12, ["4xlarge"] = 16,
        ["6xlarge"] = 24, ["8xlarge"] = 32, ["12xlarge"] = 48, ["16xlarge"] = 64, ["18xlarge"] = 72, ["22xlarge"] = 88,
    };

    private static readonly string[] GeneralSizes = ["medium", "large", "xlarge", "2xlarge", "3xlarge", "4xlarge", "6xlarge", "8xlarge", "12xlarge", "16xlarge", "18xlarge"];
    private static readonly string[] LargeTo18 = GeneralSizes[1..];

    public static IReadOnlyList<InstanceType> Default { get; } = Build();

    private static List<InstanceType> Build()
    {
        var northOnly = new HashSet<string> { "cn-north-1" };
        var types = new List<InstanceType>();
        Family(types, "g.n3", "general purpose, 3rd generation", 4, GeneralSizes);
        Family(types, "c.n3", "compute optimised, 3rd generation", 2, [.. LargeTo18[..^2], "16xlarge", "22xlarge"]);
        Family(types, "m.n3", "memory optimised, 3rd generation", 8, ["large", "xlarge", "2xlarge", "3xlarge", "4xlarge", "6xlarge", "8xlarge", "16xlarge"]);
        Family(types, "g.n2", "general purpose, 2nd generation", 4, GeneralSizes);
        Family(types, "c.n2", "compute optimised, 2nd generation", 2, LargeTo18);
        Family(types, "m.n2", "memory optimised, 2nd generation", 8, LargeTo18);
        Family(types, "h.g2", "high clock speed, 2nd generation", 4, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"]);
        types.Add(new InstanceType("g.s1.micro", "g.s1", 1, 1024, "native container, 1st generation") { Regions = northOnly });
        types.Add(new InstanceType("g.s1.small", "g.s1", 1, 2048, "native container, 1st generation") { Regions = northOnly });
        Family(types, "g.n1", "general purpose, 1st generation", 4, ["medium", "large", "xlarge", "2xlarge", "4xlarge"], northOnly);
        Family(types, "c.n1", "compute optimised, 1st generation", 2, ["large", "xlarge", "2xlarge", "4xlarge"], northOnly);
        Family(types, "m.n1", "memory optimised, 1st generation", 8, ["large", "xlarge", "2xlarge", "4xlarge"], northOnly);
        return types;
    }

    private static void Family(List<InstanceType> types, string family, string description, int gibPerCpu, string[] sizes, IReadOnlySet<string>? regions = null)
    {
        foreach (var size in sizes)
        {
            var cpu = CpuBySize[size];
            types.Add(new InstanceType($"{family}.{size}", family, cpu, cpu * gibPerCpu * 1024, description) { Regions = regions });
        }
    }
}
