using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Typed access to one resource type, custom (JdCloudPod) or built in (ConfigMap), through the API's generic
/// group/version/plural endpoints. Writes are patches, never full-object replaces: status through a merge patch of
/// the status subresource (only the fields that changed, but a changed list is replaced whole: one writer per
/// resource, the leader, is assumed: docs/ownership.md, Trade-offs of the owner value), finalizers through JSON patches guarded by a
/// <c>test</c> of the current list, so a concurrent finalizer writer is never overwritten and there is no 409 retry loop. Requests go through KubernetesClient's
/// connection and credentials (<see cref="ApiTransport"/>); objects are read and written with generated JSON
/// metadata (<see cref="ApiJson"/>), not the client's reflection-based JSON: a pass's CPU (docs/performance.md, "Reconcile time").
/// </summary>
public sealed class EntityClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const int FinalizerAttempts = 3;
    private static readonly KubernetesEntityAttribute Entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity] attribute");
    private static readonly JsonTypeInfo<T> Json = ApiJson.Info<T>();
    private static readonly JsonTypeInfo<EntityList<T>> ListJson = ApiJson.Info<EntityList<T>>();
    private readonly ApiTransport _api;

    public EntityClient(IKubernetes client) => _api = new ApiTransport(client);

    /// <summary>Objects per list request; a list of more is read in several pages.</summary>
    internal int PageSize { get; init; } = 500;

    public static string Kind => Entity.Kind;
    public static string ApiVersion => EntityPaths.ApiVersion(Entity);

    private static string Collection(string? @namespace) => EntityPaths.Collection(Entity, @namespace);

    private static string PathOf(NamespacedName key, string? subresource = null) =>
        $"{Collection(key.Namespace)}/{Uri.EscapeDataString(key.Name)}" + (subresource is null ? "" : "/" + subresource);

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> GetAsync(NamespacedName key, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _api.RequestAsync(HttpMethod.Get, PathOf(key), null, Json, cancellationToken);
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
            var query = $"?limit={PageSize}" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}");
            var page = await _api.RequestAsync(HttpMethod.Get, Collection(@namespace) + query, null, ListJson, cancellationToken);
            foreach (var item in page.Items)
            {
                each?.Invoke(item);
                all.Items.Add(item);
            }
            all.Metadata.ResourceVersion = page.Metadata.ResourceVersion;
            next = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        return all;
    }

    /// <summary>
    /// Changes after <paramref name="resourceVersion"/>, bookmarks included, until the server ends the watch after
    /// <paramref name="timeout"/>. An ERROR event (410 Gone above all) or an event that cannot be decoded is thrown
    /// and ends the watch at once, so no change is lost silently and the caller relists.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string? @namespace, string resourceVersion,
        TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = $"?watch=true&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(resourceVersion)}"
            + $"&timeoutSeconds={(int)Math.Ceiling(timeout.TotalSeconds)}";
        using var response = await _api.SendAsync(HttpMethod.Get, Collection(@namespace) + query, null, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var change in WatchEvents.ReadAsync(stream, Json, cancellationToken)) yield return change;
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
        return await _api.RequestAsync(HttpMethod.Patch, PathOf(key, "status"), Body(patch, ApiTransport.MergePatch), Json, cancellationToken);
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
        return await _api.RequestAsync(HttpMethod.Patch, PathOf(key), Body(new JsonArray(ops), ApiTransport.JsonPatch), Json, cancellationToken);
    }

    private static ByteArrayContent Body(JsonNode patch, MediaTypeHeaderValue type) =>
        ApiTransport.Body(Encoding.UTF8.GetBytes(patch.ToJsonString()), type);

    private static JsonObject Op(string op, string path, JsonNode? value = null)
    {
        var o = new JsonObject { ["op"] = op, ["path"] = path };
        if (op != "remove") o["value"] = value;
        return o;
    }

    private static JsonObject StatusOf(object? status) =>
        new() { ["status"] = status is null ? null : JsonSerializer.SerializeToNode(status, ApiJson.Info(status.GetType())) };
}
