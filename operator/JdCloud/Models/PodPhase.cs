namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>
/// Pod phases (docs/jdcloud-api.md, Phases). Only running, stopped and error are confirmed and stable; every other
/// value, including unknown ones, is transient: keep polling, do not fail or act on it. Compared case-insensitively.
/// </summary>
public static class PodPhase
{
    public const string Running = "running";
    public const string Stopped = "stopped";
    public const string Error = "error";
    public const string Pending = "pending";
    public const string Starting = "starting";
    public const string Stopping = "stopping";
    public const string Deleting = "deleting";

    /// <summary>During rebuildPod and resizePod. No source names these tokens (the console shows "Resetting" for a
    /// rebuild); they are the simulator's reading, and being unconfirmed they are transient like any unknown value.</summary>
    public const string Rebuilding = "rebuilding";
    public const string Resizing = "resizing";

    public static bool IsStable(string? phase) => Is(phase, Running) || Is(phase, Stopped) || Is(phase, Error);

    public static bool IsTransient(string? phase) => !IsStable(phase);

    public static bool Is(string? phase, string expected) => string.Equals(phase?.Trim(), expected, StringComparison.OrdinalIgnoreCase);
}
