using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Typed access to one resource type, custom (JdCloudPod) or built in (ConfigMap), through the API's generic
/// group/version/plural endpoints. Writes are patches, never full-object replaces: status through a merge patch of
/// the status subresource, finalizers through JSON patches guarded by a <c>test</c> of the current list, so a
/// concurrent writer can never be overwritten and there is no 409 retry loop.
/// </summary>
public sealed class EntityClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const int FinalizerAttempts = 3;
    private static readonly KubernetesEntityAttribute Entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity] attribute");
    private readonly ICustomObjectsOperations _api;

    public EntityClient(IKubernetes client) => _api = client.CustomObjects;

    /// <summary>Objects per list request; a list of more is read in several pages.</summary>
    internal int PageSize { get; init; } = 500;

    public static string Kind => Entity.Kind;
    public static string ApiVersion => string.IsNullOrEmpty(Entity.Group) ? Entity.ApiVersion : $"{Entity.Group}/{Entity.ApiVersion}";
    private static string Group => Entity.Group ?? "";
    private static string Version => Entity.ApiVersion;
    private static string Plural => Entity.PluralName;

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> GetAsync(NamespacedName key, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = key.Namespace is null
                ? await _api.GetClusterCustomObjectWithHttpMessagesAsync<T>(Group, Version, Plural, key.Name, cancellationToken: cancellationToken)
                : await _api.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(Group, Version, key.Namespace, Plural, key.Name, cancellationToken: cancellationToken);
            return response.Body;
        }
        catch (HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Every object in <paramref name="namespace"/> (null: all namespaces), read in pages of one consistent
    /// snapshot; the list's resourceVersion is where a watch continues. <paramref name="each"/> sees every object
    /// as its page arrives (a cache slims them there, so a list of thousands is never held whole).
    /// </summary>
    public async Task<EntityList<T>> ListAsync(string? @namespace, CancellationToken cancellationToken = default, Action<T>? each = null)
    {
        var all = new EntityList<T> { ApiVersion = ApiVersion, Kind = Kind + "List" };
        string? next = null;
        do
        {
            using var page = @namespace is null
                ? await _api.ListClusterCustomObjectWithHttpMessagesAsync<EntityList<T>>(Group, Version, Plural,
                    continueParameter: next, limit: PageSize, cancellationToken: cancellationToken)
                : await _api.ListNamespacedCustomObjectWithHttpMessagesAsync<EntityList<T>>(Group, Version, @namespace, Plural,
                    continueParameter: next, limit: PageSize, cancellationToken: cancellationToken);
            foreach (var item in page.Body.Items)
            {
                each?.Invoke(item);
                all.Items.Add(item);
            }
            all.Metadata.ResourceVersion = page.Body.Metadata.ResourceVersion;
            next = page.Body.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        return all;
    }

    /// <summary>
    /// Changes after <paramref name="resourceVersion"/>, bookmarks included, until the server ends the watch after
    /// <paramref name="timeout"/>. An ERROR event (410 Gone above all) or an event the client cannot decode is thrown
    /// (the client reports both to onError and reads on) and ends the watch at once, rather than when the next event
    /// arrives, so no change is lost silently and the caller relists.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string? @namespace, string resourceVersion,
        TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
        Exception? error = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Fail(Exception e)
        {
            error ??= e;
            stop.Cancel();
        }
        var changes = @namespace is null
            ? _api.WatchListClusterCustomObjectAsync(Group, Version, Plural, allowWatchBookmarks: true,
                resourceVersion: resourceVersion, timeoutSeconds: seconds, onError: Fail, cancellationToken: stop.Token)
            : _api.WatchListNamespacedCustomObjectAsync(Group, Version, @namespace, Plural, allowWatchBookmarks: true,
                resourceVersion: resourceVersion, timeoutSeconds: seconds, onError: Fail, cancellationToken: stop.Token);
        var events = changes.GetAsyncEnumerator(stop.Token);
        try
        {
            while (await NextAsync(events, () => error is not null))
            {
                var (type, raw) = events.Current;
                yield return (type, KubernetesJson.Deserialize<T>((JsonElement)raw));
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
        if (error is not null) throw error;
    }

    /// <summary>False at the end of the stream or once <paramref name="failed"/> (the stream then stops by cancellation).</summary>
    private static async Task<bool> NextAsync<TEvent>(IAsyncEnumerator<TEvent> events, Func<bool> failed)
    {
        try
        {
            return await events.MoveNextAsync() && !failed();
        }
        catch (OperationCanceledException) when (failed())
        {
            return false;
        }
    }

    /// <summary>
    /// Writes the difference between <paramref name="originalStatus"/> (the status <paramref name="original"/> has on
    /// the server) and <paramref name="modifiedStatus"/> as a merge patch of the status subresource (fields set to
    /// null in the modified status are removed). No request when nothing changed: <paramref name="original"/> is
    /// returned. Only the statuses are serialised, never the whole object (a pass's hot path).
    /// </summary>
    public async Task<T> PatchStatusAsync(T original, object? originalStatus, object? modifiedStatus, CancellationToken cancellationToken = default)
    {
        var patch = JsonMergePatch.Create(StatusOf(originalStatus), StatusOf(modifiedStatus));
        if (patch is null) return original;
        var key = NamespacedName.Of(original);
        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        using var response = key.Namespace is null
            ? await _api.PatchClusterCustomObjectStatusWithHttpMessagesAsync<T>(body, Group, Version, Plural, key.Name, cancellationToken: cancellationToken)
            : await _api.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(body, Group, Version, key.Namespace, Plural, key.Name, cancellationToken: cancellationToken);
        return response.Body;
    }

    /// <summary>Adds <paramref name="finalizer"/> unless present; returns the object as the server has it.</summary>
    public Task<T> AddFinalizerAsync(T entity, string finalizer, CancellationToken cancellationToken = default) =>
        PatchFinalizersAsync(entity, current => current?.Contains(finalizer) == true ? null : current is null
            ? [Op("add", "/metadata/finalizers", new JsonArray(finalizer))]
            : [Op("add", "/metadata/finalizers/-", finalizer)], cancellationToken);

    /// <summary>Removes <paramref name="finalizer"/> when present; returns the object as the server has it.</summary>
    public Task<T> RemoveFinalizerAsync(T entity, string finalizer, CancellationToken cancellationToken = default) =>
        PatchFinalizersAsync(entity, current => current?.IndexOf(finalizer) is >= 0 and var i
            ? [Op("remove", $"/metadata/finalizers/{i}")]
            : null, cancellationToken);

    // The test op makes the patch apply only to the finalizer list it was computed from; when another writer
    // changed it in between (422), the list is read again and the patch recomputed, a bounded number of times.
    private async Task<T> PatchFinalizersAsync(T entity, Func<IList<string>?, JsonObject[]?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = entity.Metadata.Finalizers;
            if (change(current) is not { } ops) return entity;
            var guard = Op("test", "/metadata/finalizers", current is null ? null : new JsonArray([.. current.Select(f => JsonValue.Create(f))]));
            try
            {
                return await JsonPatchAsync(NamespacedName.Of(entity), [guard, .. ops], cancellationToken);
            }
            catch (HttpOperationException e) when (ApiErrors.IsUnprocessable(e) && attempt < FinalizerAttempts)
            {
                entity = await GetAsync(NamespacedName.Of(entity), cancellationToken)
                    ?? throw new InvalidOperationException($"{Kind} {NamespacedName.Of(entity)} no longer exists", e);
            }
        }
    }

    private async Task<T> JsonPatchAsync(NamespacedName key, JsonObject[] ops, CancellationToken cancellationToken)
    {
        var body = new V1Patch(new JsonArray(ops).ToJsonString(), V1Patch.PatchType.JsonPatch);
        using var response = key.Namespace is null
            ? await _api.PatchClusterCustomObjectWithHttpMessagesAsync<T>(body, Group, Version, Plural, key.Name, cancellationToken: cancellationToken)
            : await _api.PatchNamespacedCustomObjectWithHttpMessagesAsync<T>(body, Group, Version, key.Namespace, Plural, key.Name, cancellationToken: cancellationToken);
        return response.Body;
    }

    private static JsonObject Op(string op, string path, JsonNode? value = null)
    {
        var o = new JsonObject { ["op"] = op, ["path"] = path };
        if (op != "remove") o["value"] = value;
        return o;
    }

    private static JsonObject StatusOf(object? status) =>
        new() { ["status"] = status is null ? null : JsonNode.Parse(KubernetesJson.Serialize(status)) };
}
