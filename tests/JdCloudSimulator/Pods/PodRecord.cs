namespace JdCloudSimulator.Pods;

/// <summary>What a test may inspect about a pod, alive or gone: a snapshot, safe to keep.</summary>
public sealed record PodRecord(
    string PodId, string RegionId, string Name, PodPhase Phase, string? Az, string? InstanceType, string PrivateIpAddress,
    string? ClientToken, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt, IReadOnlyList<PhaseChange> History)
{
    public bool Exists => Phase != PodPhase.Gone;

    internal static PodRecord Of(SimulatedPod pod) => new(
        pod.PodId, pod.RegionId, pod.Name, pod.Phase, pod.Spec.Az, pod.Spec.InstanceType, pod.Resources.PrivateIpAddress,
        pod.ClientToken, pod.CreatedAt, pod.DeletedAt, [.. pod.History]);
}
