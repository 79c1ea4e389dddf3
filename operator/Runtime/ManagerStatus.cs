namespace JdCloudPodOperator.Runtime;

/// <summary>A snapshot of the runtime for metrics and health endpoints.</summary>
/// <param name="IsLeader">This replica holds the Lease (with leader election off: it reconciles, once synced).</param>
/// <param name="QueueDepth">Keys waiting for a worker.</param>
/// <param name="InFlight">Reconciles running now.</param>
/// <param name="Delayed">Keys waiting for requeueAfter or backoff.</param>
/// <param name="Reconciles">Reconciles started since this process started.</param>
/// <param name="Failures">Reconciles that threw since this process started.</param>
/// <param name="Watch">The watcher's state.</param>
/// <param name="Term">Leadership terms begun since this process started (0: none yet). State a controller builds
/// from the cache for one term (its pod claims) is rebuilt when this changes: another leader may have acted between.</param>
public sealed record ManagerStatus(bool IsLeader, int QueueDepth, int InFlight, int Delayed, long Reconciles, long Failures, WatcherHealth Watch, long Term);
