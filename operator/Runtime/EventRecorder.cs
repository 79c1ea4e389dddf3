using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Telemetry;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Writes core/v1 Events about an object: what <c>kubectl describe</c> shows a user. A repeat of the same type,
/// reason and message within ten minutes increments the existing Event's count instead of creating another (the
/// "x5 over 3m" of describe). Messages pass through <see cref="SecretRedactor"/> and are cut to 1024 characters.
/// Recording is best effort: a failure is logged and never fails the reconcile.
/// </summary>
public sealed class EventRecorder(IKubernetes client, string controllerName, string instance, SecretRedactor redactor,
    ILogger<EventRecorder> logger, TimeProvider time)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
    private const int MaxMessageLength = 1024;
    private const int MaxRemembered = 4096;
    private static readonly TimeSpan AggregationWindow = TimeSpan.FromMinutes(10);
    private readonly Lock _lock = new();
    // By a digest of the object, type, reason and message (KeyOf): the strings themselves would stay in memory for
    // every object with a recent Event, ~300 bytes each.
    private readonly Dictionary<UInt128, Recorded> _recent = [];
    private readonly ApiTransport _api = new(client);

    public Task NormalAsync(IKubernetesObject<V1ObjectMeta> about, string reason, string message, CancellationToken cancellationToken = default) =>
        RecordAsync(about, Normal, reason, message, cancellationToken);

    public Task WarningAsync(IKubernetesObject<V1ObjectMeta> about, string reason, string message, CancellationToken cancellationToken = default) =>
        RecordAsync(about, Warning, reason, message, cancellationToken);

    /// <param name="about">The object the event is about (involvedObject).</param>
    /// <param name="type"><see cref="Normal"/> or <see cref="Warning"/>.</param>
    /// <param name="reason">UpperCamelCase, machine-readable: Created, CreateFailed, Deleted...</param>
    /// <param name="message">For humans; secrets are masked.</param>
    /// <param name="cancellationToken">Cancels the API call.</param>
    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> about, string type, string reason, string message,
        CancellationToken cancellationToken = default)
    {
        message = redactor.Redact(message);
        if (message.Length > MaxMessageLength) message = message[..(MaxMessageLength - 3)] + "...";
        var ns = string.IsNullOrEmpty(about.Metadata.NamespaceProperty) ? "default" : about.Metadata.NamespaceProperty;
        var key = KeyOf(about.Metadata.Uid ?? $"{ns}/{about.Metadata.Name}", type, reason, message);
        var now = time.GetUtcNow();
        try
        {
            Recorded? previous;
            lock (_lock) _recent.TryGetValue(key, out previous);
            if (previous is not null && now - previous.LastSeen < AggregationWindow
                && await TryCountAsync(ns, previous, now, cancellationToken) is { } counted)
            {
                Remember(key, counted);
                return;
            }
            // The answer is not read: the Event's name is the one given here.
            var created = NewEvent(about, ns, type, reason, message, now);
            await _api.RequestAsync(HttpMethod.Post, EventsPath(ns),
                ApiTransport.Body(JsonSerializer.SerializeToUtf8Bytes(created, ApiJson.Info<Corev1Event>()), ApiTransport.Json), cancellationToken);
            Remember(key, new Recorded(created.Metadata.Name, 1, now));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not record {Type} event {Reason} for {Object}: {Error}", type, reason, NamespacedName.Of(about), e.Message);
        }
    }

    // Null when the Event is gone (Events expire, by default after an hour): the caller creates a new one.
    private async Task<Recorded?> TryCountAsync(string ns, Recorded previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = previous.Count + 1;
        var patch = $$"""{"count":{{count}},"lastTimestamp":"{{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}"}""";
        try
        {
            await _api.RequestAsync(HttpMethod.Patch, $"{EventsPath(ns)}/{Uri.EscapeDataString(previous.Name)}",
                ApiTransport.Body(Encoding.UTF8.GetBytes(patch), ApiTransport.MergePatch), cancellationToken);
            return previous with { Count = count, LastSeen = now };
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    private Corev1Event NewEvent(IKubernetesObject<V1ObjectMeta> about, string ns, string type, string reason, string message, DateTimeOffset now)
    {
        var entity = about.GetType().GetCustomAttribute<KubernetesEntityAttribute>();
        var apiVersion = !string.IsNullOrEmpty(about.ApiVersion) ? about.ApiVersion
            : entity is null ? null : EntityPaths.ApiVersion(entity);
        var name = about.Metadata.Name.Length > 236 ? about.Metadata.Name[..236] : about.Metadata.Name;
        return new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{name}.{Guid.NewGuid():N}"[..Math.Min(name.Length + 17, 253)], NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = apiVersion,
                Kind = string.IsNullOrEmpty(about.Kind) ? entity?.Kind : about.Kind,
                Name = about.Metadata.Name,
                NamespaceProperty = about.Metadata.NamespaceProperty,
                Uid = about.Metadata.Uid,
                ResourceVersion = about.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Count = 1,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Source = new V1EventSource { Component = controllerName },
            ReportingComponent = controllerName,
            ReportingInstance = instance,
        };
    }

    private static readonly KubernetesEntityAttribute EventEntity = typeof(Corev1Event).GetCustomAttribute<KubernetesEntityAttribute>()!;

    private static string EventsPath(string ns) => EntityPaths.Collection(EventEntity, ns);

    // SHA-256 cut to 128 bits: two different repeats colliding is not a practical concern. Only the message, last,
    // may contain the separator, so no two keys join to the same text.
    private static UInt128 KeyOf(string about, string type, string reason, string message)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', about, type, reason, message)), digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    private void Remember(UInt128 key, Recorded recorded)
    {
        lock (_lock)
        {
            if (_recent.Count >= MaxRemembered && !_recent.ContainsKey(key))
            {
                _recent.Remove(_recent.MinBy(p => p.Value.LastSeen).Key);
            }
            _recent[key] = recorded;
        }
    }

    private sealed record Recorded(string Name, int Count, DateTimeOffset LastSeen);
}
