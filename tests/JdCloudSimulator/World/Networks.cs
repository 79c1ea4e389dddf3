using System.Net;

namespace JdCloudSimulator.World;

public sealed record Vpc(string VpcId, string Cidr);

public sealed record SecurityGroup(string GroupId, string GroupName, string VpcId);

/// <summary>A subnet and its address allocations. Mutated only under the simulator's lock.</summary>
public sealed class Subnet
{
    private readonly HashSet<uint> _used = [];
    private readonly uint _network;
    private readonly uint _size;
    private uint _next = 2; // .0 is the network, .1 the gateway

    public Subnet(string subnetId, string vpcId, string cidr)
    {
        SubnetId = subnetId;
        VpcId = vpcId;
        Cidr = cidr;
        var parts = cidr.Split('/');
        _network = ToUInt(IPAddress.Parse(parts[0]));
        _size = 1u << (32 - int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public string SubnetId { get; }
    public string VpcId { get; }
    public string Cidr { get; }

    public bool Contains(IPAddress address) => ToUInt(address) - _network < _size;

    /// <summary>Usable for a pod: inside the subnet, not the network/gateway/broadcast address, and free.</summary>
    public bool IsFree(IPAddress address)
    {
        var offset = ToUInt(address) - _network;
        return offset >= 2 && offset < _size - 1 && !_used.Contains(offset);
    }

    public void Reserve(IPAddress address) => _used.Add(ToUInt(address) - _network);

    public void Release(string address) => _used.Remove(ToUInt(IPAddress.Parse(address)) - _network);

    /// <summary>The next free address (round robin, so a released address is not reused at once), or null when full.</summary>
    public string? Allocate()
    {
        for (uint tried = 0; tried < _size; tried++)
        {
            var candidate = _next;
            _next = _next + 1 >= _size - 1 ? 2 : _next + 1;
            if (candidate >= 2 && candidate < _size - 1 && _used.Add(candidate)) return ToAddress(_network + candidate).ToString();
        }
        return null;
    }

    private static uint ToUInt(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    private static IPAddress ToAddress(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}

/// <summary>An existing cloud disk that a pod can use through <c>volumeId</c> (docs/jdcloud-api.md, createPods rules,
/// item 127).</summary>
public sealed class Disk(string volumeId, string az)
{
    public string VolumeId { get; } = volumeId;
    public string Az { get; } = az;

    /// <summary>The pod using the disk, or null when it is free.</summary>
    public string? AttachedTo { get; set; }
}
