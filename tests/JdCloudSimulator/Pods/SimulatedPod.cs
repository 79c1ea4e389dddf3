using JdCloudPodOperator.Entities;
using JdCloudSimulator.World;

namespace JdCloudSimulator.Pods;

/// <summary>Pod phases (fact sheet §6). <see cref="Gone"/> is not a cloud phase: the pod no longer exists (404).</summary>
public enum PodPhase { Pending, Running, Error, Deleting, Gone }

public static class PodPhaseNames
{
    /// <summary>The lower-case token the API reports in <c>podStatus.phase</c>.</summary>
    public static string Token(this PodPhase phase) => phase.ToString().ToLowerInvariant();

    public static bool IsTransient(this PodPhase phase) => phase is PodPhase.Pending or PodPhase.Deleting;
}

/// <summary>What the simulator assigned to a pod besides its spec: network, addresses, disks.</summary>
internal sealed record PodResources(
    Subnet Subnet, IReadOnlyList<SecurityGroup> SecurityGroups, string PrivateIpAddress,
    IReadOnlyList<string> SecondaryIpAddresses, IReadOnlyList<Disk> Disks,
    string NetworkInterfaceId, string MacAddress, string? ElasticIpId, string? ElasticIpAddress)
{
    public IReadOnlyList<string> Ipv6Addresses { get; init; } = [];
}

/// <summary>One pod, alive or gone. Mutated only under the simulator's lock.</summary>
internal sealed class SimulatedPod
{
    public required string PodId { get; init; }
    public required string RegionId { get; init; }
    public required string Name { get; init; }
    public required long Sequence { get; init; }
    public required PodSpec Spec { get; init; }

    /// <summary>The spec as it appears in the Pod model, shared by the pods of one createPods call.</summary>
    public required SpecJson SpecJson { get; init; }
    public required PodResources Resources { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ClientToken { get; init; }

    public PodPhase Phase { get; private set; } = PodPhase.Pending;
    public string Reason { get; private set; } = "ContainerCreating";
    public string Message { get; private set; } = "";
    public DateTimeOffset PhaseSince { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Bumped on every change, so a transition scheduled before it is recognised as stale.</summary>
    public int Version { get; private set; }

    public List<PhaseChange> History { get; } = [];

    public void MoveTo(PodPhase phase, DateTimeOffset at, string reason, string message = "")
    {
        Phase = phase;
        Reason = reason;
        Message = message;
        PhaseSince = at;
        Version++;
        if (phase == PodPhase.Running) StartedAt = at;
        if (phase == PodPhase.Deleting) DeletedAt = at;
        History.Add(new PhaseChange(phase, at, reason, message));
    }
}

public sealed record PhaseChange(PodPhase Phase, DateTimeOffset At, string Reason, string Message);
