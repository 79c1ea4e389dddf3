namespace JdCloudSimulator.World;

/// <summary>An elastic IP of a region: created with a pod (<c>podSpec.elasticIp</c>) or existing on its own, bound to
/// at most one pod. Mutated only under the simulator's lock.</summary>
public sealed class ElasticIp(string elasticIpId, string address)
{
    public string ElasticIpId { get; } = elasticIpId;
    public string Address { get; } = address;

    /// <summary>The pod it is bound to, or null when free. Deleting a pod frees it (the EIP itself stays).</summary>
    public string? BoundTo { get; set; }
}
