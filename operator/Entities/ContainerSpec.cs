using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

[Description("A container of the pod.")]
[AtLeastOneOf("image", "imageCacheId")]
public sealed class ContainerSpec
{
    [Required, Length(1, 63), Pattern(Patterns.Dns1123Label, Patterns.Dns1123LabelMeaning)]
    [Description("Container name: a DNS-1123 label (1-63 characters), unique within the pod.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [TotalLength(256)]
    [CelRule("size(self.join('')) <= 256", "command: total length of all items must be at most 256 characters")]
    [Description("Entrypoint; the image's ENTRYPOINT when absent. All items together at most 256 characters.")]
    [JsonPropertyName("command")] public List<string>? Command { get; set; }

    [TotalLength(2048)]
    [CelRule("size(self.join('')) <= 2048", "args: total length of all items must be at most 2048 characters")]
    [Description("Arguments; the image's CMD when absent. All items together at most 2048 characters.")]
    [JsonPropertyName("args")] public List<string>? Args { get; set; }

    // Not a list map: createPods has no rule against a repeated name (the seed document, item 58), so neither has the
    // schema; a repeat is passed on as given, and the warning makes sure it is not an accident.
    [Items(0, 100), WarnRepeats("name", "JD Cloud receives both entries")]
    [Description("Environment variables (0-100); they override the image's variables of the same name. A repeated name is passed on as given.")]
    [JsonPropertyName("env")] public List<EnvSpec>? Env { get; set; }

    [Length(1, 639)]
    [Description("Image, for example nginx:latest or mysql/mysql-server (Docker Hub). 1-639 characters: registry at most 255, repository at most 256, tag at most 128. Required unless imageCacheId is set.")]
    [JsonPropertyName("image")] public string? Image { get; set; }

    [Length(1, 64)]
    [Description("Image cache ID; image or imageCacheId (or both) must be set.")]
    [JsonPropertyName("imageCacheId")] public string? ImageCacheId { get; set; }

    [OneOf("init")]
    [Description("Container type: init for an init container. Absent for an ordinary container.")]
    [JsonPropertyName("type")] public string? Type { get; set; }

    [Length(1, 253)]
    [Description("Name of the image registry credential (a JD Cloud pod secret). Docker Hub when absent.")]
    [JsonPropertyName("secret")] public string? Secret { get; set; }

    [Description("Allocate a TTY. Default false.")]
    [JsonPropertyName("tty")] public bool? Tty { get; set; }

    [Length(0, 1024), Pattern(Patterns.AbsolutePath, Patterns.AbsolutePathMeaning)]
    [Description("Working directory: an absolute path, at most 1024 characters; empty or absent means '/'.")]
    [JsonPropertyName("workingDir")] public string? WorkingDir { get; set; }

    [Description("Liveness probe: the container is restarted when it fails.")]
    [JsonPropertyName("livenessProbe")] public ProbeSpec? LivenessProbe { get; set; }

    [Description("Readiness probe: the container is ready when it succeeds.")]
    [JsonPropertyName("readinessProbe")] public ProbeSpec? ReadinessProbe { get; set; }

    [Description("CPU and memory requests and limits.")]
    [JsonPropertyName("resources")] public ResourceRequestsSpec? Resources { get; set; }

    [Required]
    [Description("The container's system disk, mounted at '/': a cloud disk of 20-100 GB in steps of 10.")]
    [JsonPropertyName("systemDisk")] public CloudDiskSpec? SystemDisk { get; set; }

    // 64 is the operator's own bound (the document states none): CEL rules over this list need a maxItems to stay
    // within the API server's rule cost budget on Kubernetes >= 1.25.
    [Items(0, 64), ListMap("mountPath")]
    [CelRule("self.all(a, self.all(b, a.mountPath == b.mountPath || !b.mountPath.startsWith(a.mountPath + '/')))",
        "volumeMounts: mount paths must not be nested")]
    [Description("Volumes to mount (at most 64): each names a pod volume; absolute mount paths, unique, not nested, never '/'.")]
    [JsonPropertyName("volumeMounts")] public List<VolumeMountSpec>? VolumeMounts { get; set; }
}

[Description("An environment variable.")]
public sealed class EnvSpec
{
    [Required, Length(1, 64), Pattern(Patterns.EnvName, Patterns.EnvNameMeaning)]
    [Description("Variable name: ASCII letters, digits and '_', 1-64 characters.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Length(0, 1024)]
    [Description("Value: 0-1024 characters.")]
    [JsonPropertyName("value")] public string? Value { get; set; }
}

[Description("A volume mounted into a container.")]
public sealed class VolumeMountSpec
{
    [Required, Length(1, 63), Pattern(Patterns.Dns1123Label, Patterns.Dns1123LabelMeaning)]
    [Description("Name of the pod volume (volumes[].name) to mount.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Required, Length(1, 1024), Pattern(Patterns.MountPath, Patterns.MountPathMeaning)]
    [Description("Mount point inside the container: an absolute path, 1-1024 characters, not '/', not repeated or nested within the container.")]
    [JsonPropertyName("mountPath")] public string? MountPath { get; set; }

    [Description("Mount read-only. Default false (read-write).")]
    [JsonPropertyName("readOnly")] public bool? ReadOnly { get; set; }

    [Length(1, 1024)]
    [Description("Sub-path of a configFile volume to mount.")]
    [JsonPropertyName("subPath")] public string? SubPath { get; set; }
}

[Description("Compute resources of a container.")]
public sealed class ResourceRequestsSpec
{
    [Description("Resources the container needs.")]
    [JsonPropertyName("requests")] public RequestSpec? Requests { get; set; }

    [Description("Upper limits of the container's resources.")]
    [JsonPropertyName("limits")] public RequestSpec? Limits { get; set; }
}

[Description("CPU and memory amounts.")]
public sealed class RequestSpec
{
    [Length(1, 32)]
    [Description("CPU, as a Kubernetes quantity, for example 500m or 2.")]
    [JsonPropertyName("cpu")] public string? Cpu { get; set; }

    [Length(1, 32)]
    [Description("Memory in MB, for example 1024.")]
    [JsonPropertyName("memoryMB")] public string? MemoryMB { get; set; }
}
