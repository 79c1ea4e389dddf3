namespace JdCloudSimulator.World;

/// <summary>A region: its zones, networks, disks and elastic IPs. Mutated only under the simulator's lock.</summary>
public sealed class RegionWorld(string regionId, string location)
{
    public string RegionId { get; } = regionId;
    public string Location { get; } = location;

    /// <summary>Zones that offer pods (native containers); a zone listed without pods is not here.</summary>
    public List<string> PodZones { get; } = [];
    public Dictionary<string, Vpc> Vpcs { get; } = [];
    public Dictionary<string, Subnet> Subnets { get; } = [];
    public Dictionary<string, SecurityGroup> SecurityGroups { get; } = [];
    public Dictionary<string, Disk> Disks { get; } = [];
    public Dictionary<string, ElasticIp> ElasticIps { get; } = [];

    /// <summary>Where subnets and security groups that are not declared are created in the lenient (default) world.</summary>
    public required string DefaultVpcId { get; init; }

    public Vpc AddVpc(string vpcId, string cidr) => Vpcs[vpcId] = new Vpc(vpcId, cidr);

    public Subnet AddSubnet(string subnetId, string vpcId, string cidr) => Subnets[subnetId] = new Subnet(subnetId, vpcId, cidr);

    public SecurityGroup AddSecurityGroup(string groupId, string vpcId, string? name = null) =>
        SecurityGroups[groupId] = new SecurityGroup(groupId, name ?? groupId, vpcId);

    public Disk AddDisk(string volumeId, string az) => Disks[volumeId] = new Disk(volumeId, az);

    public ElasticIp AddElasticIp(string elasticIpId, string address) => ElasticIps[elasticIpId] = new ElasticIp(elasticIpId, address);

    /// <summary>A subnet for an undeclared ID: the next free 10.x.0.0/16 of the default VPC.</summary>
    public Subnet AutoCreateSubnet(string subnetId) =>
        AddSubnet(subnetId, DefaultVpcId, $"10.{Subnets.Count % 250 + 1}.0.0/16");
}
