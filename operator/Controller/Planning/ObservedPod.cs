using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>How the controller treats a cloud pod's phase (docs/jdcloud-api.md, Phases).</summary>
public enum PodState
{
    /// <summary>running: counts towards Ready.</summary>
    Running,

    /// <summary>stopped: exists and is kept, but is not Ready.</summary>
    Stopped,

    /// <summary>error: creation failed; the cloud removes it. The controller deletes and replaces it.</summary>
    Error,

    /// <summary>deleting: going away; no longer counted as one of ours.</summary>
    Deleting,

    /// <summary>Every other phase, unknown ones included: keep polling, do not act.</summary>
    Transient,
}

/// <summary>
/// One cloud pod as describePods last reported it; only what status and planning need, and <c>Owner</c>: the value of
/// its owner tag (<see cref="OwnerTag"/>), null when it has none.
/// </summary>
public sealed record ObservedPod(
    string PodId, string? Name, string? Phase, string? PrivateIpAddress = null, string? ElasticIpAddress = null,
    bool Ready = false, string? Message = null, string? Owner = null, string? InstanceType = null)
{
    public PodState State => StateOf(Phase);

    /// <summary>A pod we may keep or take over: neither failed nor on its way out.</summary>
    public bool IsUsable => State is not (PodState.Error or PodState.Deleting);

    /// <summary>Phases compare case-insensitively; anything unrecognised is transient.</summary>
    public static PodState StateOf(string? phase) =>
        PodPhase.Is(phase, PodPhase.Running) ? PodState.Running
        : PodPhase.Is(phase, PodPhase.Stopped) ? PodState.Stopped
        : PodPhase.Is(phase, PodPhase.Error) ? PodState.Error
        : PodPhase.Is(phase, PodPhase.Deleting) ? PodState.Deleting
        : PodState.Transient;

    /// <summary>The fields status shows, from describePods' answer.</summary>
    public static ObservedPod From(Pod pod) => new(
        pod.PodId ?? "", pod.Name, pod.Phase, pod.PrimaryPrivateIp, pod.ElasticIpAddress,
        pod.PodStatus?.IsReady == true, MessageOf(pod.PodStatus), pod.Tags?.FirstOrDefault(t => t?.Key == OwnerTag.Key)?.Value, pod.InstanceType);

    private static string? MessageOf(JdCloudPodOperator.JdCloud.Models.PodStatus? status) =>
        (status?.Reason, status?.Message) switch
        {
            (null or "", null or "") => null,
            (null or "", var message) => message,
            (var reason, null or "") => reason,
            var (reason, message) => $"{reason}: {message}",
        };

    public CloudPodStatus ToStatus() => new()
    {
        PodId = PodId, Name = Name, Phase = Phase, PrivateIpAddress = PrivateIpAddress,
        ElasticIpAddress = ElasticIpAddress, Ready = Ready, Message = Message,
    };
}
