namespace JdCloudPodOperator.Runtime;

public enum ResourceEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// A change the watcher applied to its cache. The type follows the cache, not the wire: a relist that finds a
/// changed object reports Modified, a vanished one Deleted (with the last state the cache knew).
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The new state; for Deleted, the final state.</param>
/// <param name="Old">The state the cache held before, for Modified.</param>
public sealed record ResourceEvent<T>(ResourceEventType Type, T Object, T? Old = null)
    where T : class;
