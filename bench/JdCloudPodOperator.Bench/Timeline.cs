using System.Collections.Concurrent;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Bench;

/// <summary>
/// BENCH_TIMELINE=&lt;dir&gt;: for each resource, when its create returned and when the bench's watch first saw each
/// stage (finalizer, pendingCreate, podIds, Ready), written as CSV (name,stage,unix ms) for the analysis of where
/// the time to all Ready goes (bench/timeline.py reads them). Off by default; the bench's watch sees a stage when its
/// events reach the bench, which lags the API server under load.
/// </summary>
internal static class Timeline
{
    private static readonly string? Dir = Environment.GetEnvironmentVariable("BENCH_TIMELINE") is { Length: > 0 } d ? d : null;
    private static readonly ConcurrentDictionary<(string, string), long> Seen = new();

    public static void Mark(string name, string stage)
    {
        if (Dir is not null) Seen.TryAdd((name, stage), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    public static void Observe(JdCloudPod pod)
    {
        if (Dir is null || pod.Metadata?.Name is not { } name) return;
        Mark(name, "watch");
        if (pod.Metadata.Finalizers?.Count > 0) Mark(name, "finalizer");
        if (pod.Status?.PendingCreate is not null) Mark(name, "pending");
        if (pod.Status?.PodIds?.Count > 0) Mark(name, "podIds");
        if (pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) Mark(name, "ready");
    }

    /// <summary>&lt;name&gt;.csv, and the simulator's call record (with each call's time) as &lt;name&gt;.calls.json when given.</summary>
    public static async Task SaveAsync(string name, Uri? simulator)
    {
        if (Dir is null) return;
        Directory.CreateDirectory(Dir);
        await File.WriteAllLinesAsync(Path.Combine(Dir, name + ".csv"), Seen.Select(s => $"{s.Key.Item1},{s.Key.Item2},{s.Value}"));
        Seen.Clear();
        if (simulator is null) return;
        using var http = new HttpClient();
        await File.WriteAllTextAsync(Path.Combine(Dir, name + ".calls.json"), await http.GetStringAsync(new Uri(simulator, "_sim/calls")));
    }
}
