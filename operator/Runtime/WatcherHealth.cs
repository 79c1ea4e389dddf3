namespace JdCloudPodOperator.Runtime;

/// <summary>What /healthz and /readyz need to know about a <see cref="ResourceWatcher{T}"/>.</summary>
/// <param name="Running">The watch loop is alive (it ends only on shutdown).</param>
/// <param name="Synced">Every watched namespace has been listed into the cache at least once.</param>
/// <param name="LastContact">The least recent time any watched namespace heard from the server (event, bookmark, list).</param>
/// <param name="LastError">The last list/watch failure, for the health report; null when none since the last contact.</param>
/// <param name="Relists">Full lists done (initial sync, 410 Gone, or recovery).</param>
/// <param name="Watches">Watch requests opened; the server ends each after the watch timeout and the next continues.</param>
/// <param name="Reconnects">Retries after a failure (dropped connection, server restart, silence, 410 Gone).</param>
public sealed record WatcherHealth(bool Running, bool Synced, DateTimeOffset LastContact, string? LastError, long Relists, long Watches, long Reconnects)
{
    /// <summary>Alive and heard from the server within <paramref name="maxSilence"/>.</summary>
    public bool IsHealthy(DateTimeOffset now, TimeSpan maxSilence) => Running && now - LastContact <= maxSilence;
}
