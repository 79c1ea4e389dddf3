using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;
using k8s.Models;

namespace JdCloudPodOperator.Entities;

/// <summary>
/// spec.updateStrategy: how a podSpec change reaches pods that already exist (docs/jdcloud-pod-lifecycle.md, "Which
/// PodSpec field changes how"; docs/rollout.md).
/// </summary>
[Description("How a podSpec change reaches existing pods: in place where JD Cloud allows it (modifyPodAttribute, or stop, rebuild and/or resize, start), otherwise by replacement pods.")]
public sealed class UpdateStrategySpec
{
    [OneOf(UpdateStrategyTypes.RollingUpdate, UpdateStrategyTypes.Recreate, UpdateStrategyTypes.Never), Default(UpdateStrategyTypes.RollingUpdate)]
    [Description("RollingUpdate (default): a few pods at a time, within rollingUpdate's bounds. Recreate: every pod at once (all are unavailable together). Never: podSpec may not change once pods exist (the webhook refuses it; only description may change).")]
    [JsonPropertyName("type")] public string? Type { get; set; }

    [Description("Bounds of a RollingUpdate, as a Deployment's.")]
    [JsonPropertyName("rollingUpdate")] public RollingUpdateSpec? RollingUpdate { get; set; }

    [OneOf(InPlacePolicies.IfPossible, InPlacePolicies.Never), Default(InPlacePolicies.IfPossible)]
    [Description("IfPossible (default): a change that only touches description, the containers' rebuildable fields (image, command, args, env, secret, tty, workingDir, probes, volumeMounts), or instanceType with the containers' resources is applied to the pod itself, which keeps its ID, private IP and data disks. Never: a pod is never stopped to be changed; it is replaced instead (a description-only change still goes through modifyPodAttribute).")]
    [JsonPropertyName("inPlace")] public string? InPlace { get; set; }

    public const int DefaultProgressDeadlineSeconds = 600;

    [Range(1, int.MaxValue), Default(DefaultProgressDeadlineSeconds)]
    [Description("Seconds a rollout may go without progress (one more pod updated and running) before it is reported Stalled with reason ProgressDeadlineExceeded; then no further pod is touched until the spec changes (revert it, fix it, or raise this value). Default 600.")]
    [JsonPropertyName("progressDeadlineSeconds")] public int? ProgressDeadlineSeconds { get; set; }
}

/// <summary>
/// The bounds of a rolling update. The defaults (maxUnavailable 0, maxSurge 1) never leave fewer than maxCount pods
/// running: a replacement is created and running before its old pod goes, and for an in-place update one extra pod
/// covers the pod being stopped and is removed at the end, so the updated pods keep their IDs.
/// </summary>
[Description("Bounds of a rolling update: an integer or a percentage of maxCount, as a Deployment's. The defaults (maxUnavailable 0, maxSurge 1) keep maxCount pods running throughout: one extra pod is created first and removed at the end.")]
public sealed class RollingUpdateSpec
{
    public const int DefaultMaxUnavailable = 0;
    public const int DefaultMaxSurge = 1;

    [Range(0, 100), Pattern(Percentage, PercentageMeaning), Default(DefaultMaxUnavailable)]
    [Description("Most pods that may be unavailable (not running, or being stopped, rebuilt, resized, started or created) below maxCount during an update: an integer 0-100 or a percentage such as \"25%\" (of maxCount, rounded down). Default 0. May be 0 only when maxSurge is not.")]
    [JsonPropertyName("maxUnavailable")] public IntOrString? MaxUnavailable { get; set; }

    [Range(0, 100), Pattern(Percentage, PercentageMeaning), Default(DefaultMaxSurge)]
    [Description("Most pods that may exist above maxCount during an update: an integer 0-100 or a percentage such as \"25%\" (of maxCount, rounded up). Default 1. Extra pods cost money while they exist.")]
    [JsonPropertyName("maxSurge")] public IntOrString? MaxSurge { get; set; }

    private const string Percentage = "^(100|[1-9]?[0-9])%$";
    private const string PercentageMeaning = "must be an integer or a percentage from \"0%\" to \"100%\"";
}

public static class UpdateStrategyTypes
{
    public const string RollingUpdate = "RollingUpdate";
    public const string Recreate = "Recreate";
    public const string Never = "Never";
}

public static class InPlacePolicies
{
    public const string IfPossible = "IfPossible";
    public const string Never = "Never";
}

/// <summary>spec.runState: whether the pods run. Stopped pods keep their IDs, IPs and disks (stopPod).</summary>
public static class RunStates
{
    public const string Running = "Running";
    public const string Stopped = "Stopped";
}
