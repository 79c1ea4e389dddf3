using System.Text.Json;

namespace JdCloudSimulator.Pods;

/// <summary>Containers and volumes in the Pod model: the spec's fields with their disks described
/// (<see cref="DiskView"/>), and each container's status in Kubernetes' shape (docs/jdcloud-api.md, Models).</summary>
internal static partial class PodView
{
    private static void Containers(Utf8JsonWriter w, SimulatedPod pod)
    {
        w.WriteStartArray("containers");
        foreach (var container in pod.SpecJson.Containers) Container(w, pod, container);
        w.WriteEndArray();
    }

    /// <summary>The spec's fields, the system disk as described, then <c>containerStatus</c>.</summary>
    private static void Container(Utf8JsonWriter w, SimulatedPod pod, JsonElement spec)
    {
        var name = spec.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        w.WriteStartObject();
        Fields(w, spec, "systemDisk", VolumeId(pod.Disks.SystemDisks, name), systemDisk: true);
        w.WriteStartObject("containerStatus");
        w.WriteString("name", name);
        w.WriteNumber("restartCount", 0);
        w.WriteBoolean("ready", pod.Phase == PodPhase.Running);
        w.WriteStartObject("state");
        State(w, pod, name);
        w.WriteEndObject();
        w.WriteNull("lastState");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// One of running, waiting or terminated. A container that never started is waiting, never terminated, as in
    /// Kubernetes: while the pod is created or started, and after a failed image pull, where the container whose image
    /// failed says so and the others were never started with it.
    /// </summary>
    private static void State(Utf8JsonWriter w, SimulatedPod pod, string? container)
    {
        switch (pod.Phase)
        {
            case PodPhase.Running or PodPhase.Stopping when pod.StartedAt is { } startedAt:
                w.WriteStartObject("running");
                w.WriteString("startedAt", Time(startedAt));
                break;
            case PodPhase.Error or PodPhase.Deleting when pod.PullFailure is { } failure:
                var failed = failure.Container == container;
                Waiting(w, failed ? "ErrImagePull" : "ContainerCreating", failed ? failure.Message : "");
                break;
            case PodPhase.Pending or PodPhase.Starting:
                Waiting(w, "ContainerCreating", "");
                break;
            default:
                w.WriteStartObject("terminated");
                w.WriteNumber("signal", 0);
                w.WriteNumber("exitCode", pod.Phase == PodPhase.Error ? 1 : 0);
                w.WriteString("reason", pod.Reason);
                w.WriteString("message", pod.Message);
                OptionalTime(w, "startedAt", pod.StartedAt);
                w.WriteString("finishedAt", Time(pod.PhaseSince));
                break;
        }
        w.WriteEndObject();
    }

    private static void Waiting(Utf8JsonWriter w, string reason, string message)
    {
        w.WriteStartObject("waiting");
        w.WriteString("reason", reason);
        w.WriteString("message", message);
    }

    private static void Volumes(Utf8JsonWriter w, SimulatedPod pod)
    {
        w.WriteStartArray("volumes");
        foreach (var volume in pod.SpecJson.Volumes is { } volumes ? volumes.EnumerateArray() : default)
        {
            var name = volume.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            w.WriteStartObject();
            Fields(w, volume, "jdcloudDisk", VolumeId(pod.Disks.DataDisks, name), systemDisk: false);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The fields of a spec object as given, but its disk (<paramref name="diskField"/>) described.</summary>
    private static void Fields(Utf8JsonWriter w, JsonElement spec, string diskField, string? volumeId, bool systemDisk)
    {
        foreach (var field in spec.EnumerateObject())
        {
            if (volumeId is null || !field.NameEquals(diskField))
            {
                field.WriteTo(w);
                continue;
            }
            w.WritePropertyName(diskField);
            DiskView.Write(w, field.Value, volumeId, systemDisk);
        }
    }

    private static string? VolumeId(IReadOnlyDictionary<string, string> ids, string? name) =>
        name is not null && ids.TryGetValue(name, out var id) ? id : null;
}
