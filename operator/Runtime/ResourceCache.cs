using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using JdCloudPodOperator.KubernetesApi;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// The watched objects as last seen by <see cref="ResourceWatcher{T}"/>, keyed by namespace/name. Thread-safe;
/// readers get deep copies, so a reconciler may change what it reads without corrupting the cache.
/// Objects are kept slim, as memory grows with every object watched: the server's managedFields and kubectl's
/// last-applied-configuration annotation (together often larger than the rest of the object) are dropped, and so is
/// whatever <paramref name="slim"/> drops. No reader needs them: writes are patches, never the cached object sent
/// back. The strings every object repeats (API version, kind, namespace, finalizers) are shared (<see cref="StringPool"/>).
/// A reconciler may read an object for update from the cache instead of the API (<see cref="GetForUpdate"/>) when
/// the cache is known to hold every write this process made to it (<see cref="Written"/>).
/// </summary>
public sealed class ResourceCache<T>(Action<T>? slim = null)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly JsonTypeInfo<T> Json = ApiJson.Info<T>();
    private readonly Lock _lock = new();
    private readonly Dictionary<NamespacedName, T> _items = [];

    // Keys this process wrote whose write the watch has not delivered yet: the version the server answered, or null
    // while a pass that may write is under way.
    private readonly Dictionary<NamespacedName, string?> _unseen = [];

    public int Count
    {
        get { lock (_lock) return _items.Count; }
    }

    public T? Get(NamespacedName key)
    {
        lock (_lock) return _items.TryGetValue(key, out var item) ? Copy(item) : null;
    }

    /// <summary>
    /// The cached object when it holds every write this process made to it (null otherwise: read it from the API),
    /// and from now until <see cref="Written"/> the key counts as being written: a pass that fails half-way, after a
    /// write it could not report, leaves the next pass reading from the API. Objects a process never wrote are as
    /// current as the watch: a write before it started is in its first list. A key the cache does not hold is not
    /// marked (no entry outlives its object).
    /// </summary>
    public T? GetForUpdate(NamespacedName key)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue(key, out var item)) return null;
            var current = _unseen.ContainsKey(key) ? null : Copy(item);
            _unseen[key] = null;
            return current;
        }
    }

    /// <summary>
    /// The object as the server last answered this process (a write's response, or a read): the cache is current
    /// for <see cref="GetForUpdate"/> again once the watch delivers that version.
    /// </summary>
    public void Written(T item)
    {
        var key = NamespacedName.Of(item);
        lock (_lock)
        {
            if (!_items.TryGetValue(key, out var cached) || SameVersion(cached, item)) _unseen.Remove(key);
            else _unseen[key] = item.Metadata.ResourceVersion;
        }
    }

    /// <summary>Every cached object, or those in <paramref name="namespace"/>.</summary>
    public IReadOnlyList<T> List(string? @namespace = null)
    {
        lock (_lock) return [.. _items.Where(p => InScope(p.Key, @namespace)).Select(p => Copy(p.Value))];
    }

    /// <summary>
    /// Reads every cached object under the lock without copying them (for summaries such as metrics, where copying
    /// each object on every scrape would cost more than the answer): <paramref name="read"/> must neither change nor
    /// keep them.
    /// </summary>
    public TResult Read<TResult>(Func<IEnumerable<T>, TResult> read)
    {
        lock (_lock) return read(_items.Values);
    }

    public IReadOnlyList<NamespacedName> Keys()
    {
        lock (_lock) return [.. _items.Keys];
    }

    /// <summary>Stores a watched object; returns the event to raise, or null when the cache already had this version.</summary>
    internal ResourceEvent<T>? Apply(T item)
    {
        Slim(item);
        var key = NamespacedName.Of(item);
        lock (_lock)
        {
            _items.TryGetValue(key, out var old);
            if (old is not null && SameVersion(old, item)) return null;
            _items[key] = item;
            if (_unseen.TryGetValue(key, out var awaited) && awaited == item.Metadata.ResourceVersion) _unseen.Remove(key);
            return old is null ? new(ResourceEventType.Added, item) : new(ResourceEventType.Modified, item, old);
        }
    }

    internal ResourceEvent<T>? Remove(T item)
    {
        var key = NamespacedName.Of(item);
        lock (_lock)
        {
            _unseen.Remove(key);
            return _items.Remove(key) ? new(ResourceEventType.Deleted, item) : null;
        }
    }

    /// <summary>
    /// Makes the part of the cache in <paramref name="namespace"/> (null: all) equal to a fresh list, and returns the
    /// difference: Added and Modified for new or changed objects, Deleted for objects the list no longer has.
    /// </summary>
    internal IReadOnlyList<ResourceEvent<T>> Replace(string? @namespace, IEnumerable<T> items)
    {
        var fresh = items.ToDictionary(NamespacedName.Of);
        lock (_lock)
        {
            var changes = new List<ResourceEvent<T>>();
            foreach (var (key, old) in _items.Where(p => InScope(p.Key, @namespace) && !fresh.ContainsKey(p.Key)).ToList())
            {
                _items.Remove(key);
                _unseen.Remove(key);
                changes.Add(new(ResourceEventType.Deleted, old));
            }
            foreach (var item in fresh.Values)
            {
                if (Apply(item) is { } change) changes.Add(change);
            }
            return changes;
        }
    }

    /// <summary>Drops from <paramref name="item"/> what the cache does not keep (done again when it is stored).</summary>
    internal void Slim(T item)
    {
        item.Metadata.ManagedFields = null;
        item.Metadata.Annotations?.Remove(KubectlAnnotations.LastAppliedConfiguration);
        item.ApiVersion = StringPool.Share(item.ApiVersion);
        item.Kind = StringPool.Share(item.Kind);
        item.Metadata.NamespaceProperty = StringPool.Share(item.Metadata.NamespaceProperty);
        StringPool.ShareEach(item.Metadata.Finalizers);
        slim?.Invoke(item);
    }

    private static bool InScope(NamespacedName key, string? @namespace) => @namespace is null || key.Namespace == @namespace;

    private static bool SameVersion(T a, T b) => a.Metadata.ResourceVersion == b.Metadata.ResourceVersion;

    private static T Copy(T item) => JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(item, Json), Json)!;
}
