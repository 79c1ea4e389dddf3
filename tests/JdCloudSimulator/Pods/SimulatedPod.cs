using JdCloudPodOperator.Entities;
using JdCloudSimulator.World;

namespace JdCloudSimulator.Pods;

/// <summary>
/// Pod phases (docs/jdcloud-pod-lifecycle.md, "Phases"). <see cref="Rebuilding"/> and <see cref="Resizing"/> are the
/// simulator's reading of an open question; <see cref="Gone"/> is not a cloud phase: the pod no longer exists (404).
/// </summary>
public enum PodPhase { Pending, Running, Stopping, Stopped, Starting, Rebuilding, Resizing, Error, Deleting, Gone }

public static class PodPhaseNames
{
    /// <summary>The lower-case token the API reports in <c>podStatus.phase</c>.</summary>
    public static string Token(this PodPhase phase) => phase.ToString().ToLowerInvariant();

    /// <summary>Intermediate phases: every call that needs a phase is refused as busy (FAILED_PRECONDITION) in them.</summary>
    public static bool IsTransient(this PodPhase phase) =>
        phase is PodPhase.Pending or PodPhase.Stopping or PodPhase.Starting or PodPhase.Rebuilding or PodPhase.Resizing or PodPhase.Deleting;
}

/// <summary>What the simulator assigned to a pod besides its spec: network, addresses, disks.</summary>
internal sealed record PodResources(
    Subnet Subnet, IReadOnlyList<SecurityGroup> SecurityGroups, string PrivateIpAddress,
    IReadOnlyList<string> SecondaryIpAddresses, IReadOnlyList<Disk> Disks, string NetworkInterfaceId, string MacAddress)
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

    /// <summary>The spec the pod runs: createPods' own, until rebuildPod, resizePod or modifyPodAttribute revise it.</summary>
    public required PodSpec Spec { get; set; }

    /// <summary>The spec as it appears in the Pod model, shared by the pods of one createPods call until revised.</summary>
    public required SpecJson SpecJson { get; set; }
    public required PodResources Resources { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ClientToken { get; init; }

    /// <summary>The volume IDs of the pod's disks, given or generated at creation.</summary>
    public PodDisks Disks { get; init; } = PodDisks.None;

    /// <summary>Why the pod went to error when a container's image could not be pulled, else null.</summary>
    public PullFailure? PullFailure { get; set; }

    /// <summary>The EIP bound to the primary IP: created with the pod, or associated later.</summary>
    public ElasticIp? ElasticIp { get; set; }

    public PodPhase Phase { get; private set; } = PodPhase.Pending;
    public string Reason { get; private set; } = "ContainerCreating";
    public string Message { get; private set; } = "";
    public DateTimeOffset PhaseSince { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Bumped on every change, so a transition scheduled before it is recognised as stale.</summary>
    public int Version { get; private set; }

    public List<PhaseChange> History { get; } = [];

    /// <summary>What the containers wrote, oldest first (see <see cref="ContainerLog"/>).</summary>
    public List<LogLine> Logs { get; } = [];

    public void Revise(PodSpec spec)
    {
        Spec = spec;
        SpecJson = SpecJson.Of(spec);
    }

    public void MoveTo(PodPhase phase, DateTimeOffset at, long sequence, string reason, string message = "")
    {
        var previous = History.Count == 0 ? (PodPhase?)null : Phase;
        Phase = phase;
        Reason = reason;
        Message = message;
        PhaseSince = at;
        Version++;
        if (phase == PodPhase.Running) StartedAt = at;
        if (phase == PodPhase.Deleting) DeletedAt = at;
        History.Add(new PhaseChange(phase, at, reason, message, sequence, previous));
    }
}

/// <summary>One phase change of one pod. <see cref="Sequence"/> orders the changes of every pod, also those at the
/// same instant; <see cref="Previous"/> is null for the first.</summary>
public sealed record PhaseChange(PodPhase Phase, DateTimeOffset At, string Reason, string Message, long Sequence, PodPhase? Previous);

/// <summary>The container whose image could not be pulled, and the message saying so.</summary>
internal sealed record PullFailure(string Container, string Message);
