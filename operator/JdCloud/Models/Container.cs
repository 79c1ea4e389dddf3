using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>A container in a response: the spec fields plus <c>containerStatus</c> (docs/jdcloud-api.md,
/// Models).</summary>
public sealed class Container
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("command")] public List<string>? Command { get; set; }
    [JsonPropertyName("args")] public List<string>? Args { get; set; }
    [JsonPropertyName("env")] public List<EnvSpec>? Env { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("secret")] public string? Secret { get; set; }
    [JsonPropertyName("tty")] public bool? Tty { get; set; }
    [JsonPropertyName("workingDir")] public string? WorkingDir { get; set; }
    [JsonPropertyName("livenessProbe")] public ProbeSpec? LivenessProbe { get; set; }
    [JsonPropertyName("readinessProbe")] public ProbeSpec? ReadinessProbe { get; set; }
    [JsonPropertyName("resources")] public ResourceRequestsSpec? Resources { get; set; }

    /// <summary>The system disk; its response shape is not documented, so it is kept as JSON.</summary>
    [JsonPropertyName("systemDisk")] public JsonElement? SystemDisk { get; set; }

    [JsonPropertyName("volumeMounts")] public List<VolumeMountSpec>? VolumeMounts { get; set; }
    [JsonPropertyName("containerStatus")] public ContainerStatus? ContainerStatus { get; set; }
}

public sealed class ContainerStatus
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("restartCount")] public int? RestartCount { get; set; }
    [JsonPropertyName("ready")] public bool? Ready { get; set; }
    [JsonPropertyName("state")] public ContainerState? State { get; set; }
    [JsonPropertyName("lastState")] public ContainerState? LastState { get; set; }
}

/// <summary>Exactly one of running, waiting or terminated is set (Kubernetes semantics).</summary>
public sealed class ContainerState
{
    [JsonPropertyName("running")] public ContainerStateRunning? Running { get; set; }
    [JsonPropertyName("waiting")] public ContainerStateWaiting? Waiting { get; set; }
    [JsonPropertyName("terminated")] public ContainerStateTerminated? Terminated { get; set; }
}

public sealed class ContainerStateRunning
{
    [JsonPropertyName("startedAt")] public string? StartedAt { get; set; }
}

public sealed class ContainerStateWaiting
{
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}

public sealed class ContainerStateTerminated
{
    [JsonPropertyName("signal")] public int? Signal { get; set; }
    [JsonPropertyName("exitCode")] public int? ExitCode { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("startedAt")] public string? StartedAt { get; set; }
    [JsonPropertyName("finishedAt")] public string? FinishedAt { get; set; }
}
