using System.Globalization;
using System.Text;

namespace JdCloudSimulator.Pods;

/// <summary>One line a container wrote.</summary>
internal sealed record LogLine(DateTimeOffset At, string Container, string Text);

/// <summary>What getContainerLogs selects (docs/jdcloud-pod-lifecycle.md, "getContainerLogs"). As documented,
/// <see cref="StartTime"/> is the upper bound and <see cref="EndTime"/> the lower one.</summary>
internal sealed record LogSelection(int? TailLines, int? SinceSeconds, int? LimitBytes, DateTimeOffset? StartTime, DateTimeOffset? EndTime);

/// <summary>
/// The simulated containers' logs: a line when a container starts, stops or cannot pull its image. They survive a
/// stop and start, and go with a rebuild (new containers). Reading follows getContainerLogs: time bounds, then the
/// last lines, then at most <see cref="MaxBytes"/> (or limitBytes) from the start of what remains.
/// </summary>
internal static class ContainerLog
{
    public const int MaxBytes = 4096;

    public static void Started(SimulatedPod pod, DateTimeOffset at)
    {
        foreach (var container in pod.Spec.Containers ?? [])
            pod.Logs.Add(new(at, container.Name!, $"container {container.Name} started (image {container.Image})"));
    }

    public static void Stopped(SimulatedPod pod, DateTimeOffset at)
    {
        foreach (var container in pod.Spec.Containers ?? [])
            pod.Logs.Add(new(at, container.Name!, $"container {container.Name} stopped"));
    }

    public static void PullFailed(SimulatedPod pod, DateTimeOffset at, string container, string image) =>
        pod.Logs.Add(new(at, container, $"failed to pull image \"{image}\": the registry refused it (simulator failing image)"));

    /// <summary>A rebuild replaces the containers: their old lines go.</summary>
    public static void Forget(SimulatedPod pod, IReadOnlySet<string> containers) => pod.Logs.RemoveAll(line => containers.Contains(line.Container));

    public static string Read(SimulatedPod pod, string container, LogSelection selection, DateTimeOffset now)
    {
        var lines = pod.Logs.Where(line => line.Container == container
            && (selection.SinceSeconds is not { } since || line.At >= now.AddSeconds(-since))
            && (selection.StartTime is not { } upper || line.At <= upper)
            && (selection.EndTime is not { } lower || line.At >= lower)).ToList();
        if (selection.TailLines is { } tail) lines = lines.TakeLast(tail).ToList();
        var text = string.Concat(lines.Select(line => $"{line.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {line.Text}\n"));
        return Truncate(text, Math.Min(selection.LimitBytes ?? MaxBytes, MaxBytes));
    }

    private static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var length = 0;
        var bytes = 0;
        while (length < text.Length && bytes + Encoding.UTF8.GetByteCount(text.AsSpan(length, 1)) <= maxBytes)
            bytes += Encoding.UTF8.GetByteCount(text.AsSpan(length++, 1));
        return text[..length];
    }
}
