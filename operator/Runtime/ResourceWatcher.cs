using System.Diagnostics;
using JdCloudPodOperator.KubernetesApi;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Keeps <see cref="ResourceCache{T}"/> equal to the server, like client-go's reflector: list, then watch from the
/// list's resourceVersion, tracking the last resourceVersion seen (bookmarks included). When the server ends a
/// watch it continues from there; after a dropped connection or server restart it does the same with capped
/// exponential backoff; on 410 Gone it relists and reports only the difference to the cache (vanished objects as
/// Deleted, changed ones as Modified), so nothing is lost and nothing unchanged is reported twice. It never stops
/// until cancelled: every failure is logged and retried, and <see cref="Health"/> shows when the server was last heard.
/// </summary>
public sealed class ResourceWatcher<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan MinWatchDuration = TimeSpan.FromSeconds(1);
    // A loaded API server (or machine) ends a watch late; only a silence well past its timeout means half-open.
    private static readonly TimeSpan MinSilenceGrace = TimeSpan.FromSeconds(30);
    private readonly EntityClient<T> _client;
    private readonly ResourceCache<T> _cache;
    private readonly WatchOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WatchScope[] _scopes;
    private readonly KeyBackoff _retryBackoff;
    private int _running;

    public ResourceWatcher(EntityClient<T> client, ResourceCache<T> cache, WatchOptions options,
        ILogger<ResourceWatcher<T>> logger, TimeProvider time)
    {
        _client = client;
        _cache = cache;
        _options = options;
        _logger = logger;
        _time = time;
        _retryBackoff = new KeyBackoff(options.RetryInitialDelay, options.RetryMaxDelay, jitter: 0.2);
        _scopes = options.Namespaces.Count == 0
            ? [new WatchScope(null)]
            : [.. options.Namespaces.Distinct().Select(ns => new WatchScope(ns))];
    }

    /// <summary>Raised on the watch loop for every change applied to the cache; handlers must be quick and not throw.</summary>
    public event Action<ResourceEvent<T>>? Changed;

    /// <summary>The cache holds a full list of every watched namespace (controller-runtime's WaitForCacheSync).</summary>
    public bool Synced => _scopes.All(s => s.Synced);

    public WatcherHealth Health => new(
        Volatile.Read(ref _running) == 1,
        Synced,
        _scopes.Min(s => s.LastContact),
        _scopes.Select(s => s.LastError).FirstOrDefault(e => e is not null),
        _scopes.Sum(s => s.Relists),
        _scopes.Sum(s => s.Watches),
        _scopes.Sum(s => s.Reconnects));

    /// <summary>Runs until cancelled. May be run again later: it continues from the last resourceVersion and cache.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) throw new InvalidOperationException("the watcher is already running");
        try
        {
            foreach (var scope in _scopes) scope.Contact(_time.GetUtcNow());
            await Task.WhenAll(_scopes.Select(s => Task.Run(() => RunScopeAsync(s, cancellationToken), CancellationToken.None)));
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task RunScopeAsync(WatchScope scope, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (scope.ResourceVersion is null) await RelistAsync(scope, cancellationToken);
                await WatchAsync(scope, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (ApiErrors.IsGone(e))
            {
                _logger.LogInformation("{Kind} watch{Scope}: resourceVersion {ResourceVersion} is no longer in the server's watch cache; relisting",
                    EntityClient<T>.Kind, scope, scope.ResourceVersion);
                scope.ResourceVersion = null;
                await RetryDelayAsync(scope, e, cancellationToken);
            }
            catch (Exception e)
            {
                _logger.LogWarning("{Kind} watch{Scope} failed ({Error}: {Message}); retrying from resourceVersion {ResourceVersion}",
                    EntityClient<T>.Kind, scope, e.GetType().Name, e.Message, scope.ResourceVersion ?? "(relist)");
                await RetryDelayAsync(scope, e, cancellationToken);
            }
        }
    }

    private async Task RelistAsync(WatchScope scope, CancellationToken cancellationToken)
    {
        var list = await _client.ListAsync(scope.Namespace, cancellationToken, _cache.Slim);
        var changes = _cache.Replace(scope.Namespace, list.Items);
        scope.ResourceVersion = list.Metadata.ResourceVersion;
        scope.Relists++;
        scope.Contact(_time.GetUtcNow());
        _logger.LogInformation("{Kind} list{Scope}: {Count} objects at resourceVersion {ResourceVersion}, {Changes} changes to the cache",
            EntityClient<T>.Kind, scope, list.Items.Count, scope.ResourceVersion, changes.Count);
        foreach (var change in changes) Raise(change);
        // Synced once the handlers have had the list's changes, as an informer's HasSynced: whoever waits for it then
        // sees every object of the first list handled, and only later changes after it.
        scope.Synced = true;
    }

    // One watch request. The server ends it after serverTimeout; a connection that stays silent past that plus
    // WatchTimeout (at least MinSilenceGrace) is half-open (no FIN ever arrives) and is abandoned.
    private async Task WatchAsync(WatchScope scope, CancellationToken cancellationToken)
    {
        // Whole seconds, as the server is told (timeoutSeconds): the half-open deadline must count from what the
        // server was actually asked, or rounding up eats into the margin (all of it when WatchTimeout is short).
        var serverTimeout = TimeSpan.FromSeconds(Math.Ceiling((_options.WatchTimeout * (1 + Random.Shared.NextDouble())).TotalSeconds));
        var silenceLimit = serverTimeout + TimeSpan.FromTicks(Math.Max(_options.WatchTimeout.Ticks, MinSilenceGrace.Ticks));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(silenceLimit);
        var started = Stopwatch.GetTimestamp();
        var received = 0;
        scope.Watches++;
        try
        {
            await foreach (var (type, obj) in _client.WatchAsync(scope.Namespace, scope.ResourceVersion!, serverTimeout, deadline.Token))
            {
                received++;
                var change = type switch
                {
                    WatchEventType.Added or WatchEventType.Modified => _cache.Apply(obj),
                    WatchEventType.Deleted => _cache.Remove(obj),
                    _ => null,
                };
                scope.ResourceVersion = obj.Metadata.ResourceVersion ?? scope.ResourceVersion;
                Healthy(scope);
                if (change is not null) Raise(change);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no word from the server for {silenceLimit:g}");
        }
        if (received == 0 && Stopwatch.GetElapsedTime(started) < MinWatchDuration)
        {
            throw new IOException("the server closed the watch at once");
        }
        Healthy(scope);
    }

    private async Task RetryDelayAsync(WatchScope scope, Exception error, CancellationToken cancellationToken)
    {
        scope.LastError = $"{error.GetType().Name}: {error.Message}";
        scope.Reconnects++;
        var delay = _retryBackoff.Next(scope.Key);
        // The first 410 after a healthy watch relists at once; anything repeated backs off.
        if (_retryBackoff.Failures(scope.Key) == 1 && ApiErrors.IsGone(error)) return;
        await Task.Delay(delay, _time, cancellationToken);
    }

    // The watch delivered: failures so far are over (a relist alone does not count, or a 410 loop could spin).
    private void Healthy(WatchScope scope)
    {
        scope.Contact(_time.GetUtcNow());
        scope.LastError = null;
        _retryBackoff.Reset(scope.Key);
    }

    private void Raise(ResourceEvent<T> change)
    {
        try
        {
            Changed?.Invoke(change);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Kind} change handler failed for {Key}", EntityClient<T>.Kind, NamespacedName.Of(change.Object));
        }
    }

    /// <summary>One list+watch stream: a namespace, or the whole cluster.</summary>
    private sealed class WatchScope(string? @namespace)
    {
        private long _lastContactTicks;

        public string? Namespace { get; } = @namespace;
        public NamespacedName Key { get; } = new(@namespace, "watch");
        public volatile string? ResourceVersion;
        public volatile bool Synced;
        public volatile string? LastError;
        public long Relists;
        public long Watches;
        public long Reconnects;

        public DateTimeOffset LastContact => new(Interlocked.Read(ref _lastContactTicks), TimeSpan.Zero);

        public void Contact(DateTimeOffset now) => Interlocked.Exchange(ref _lastContactTicks, now.UtcTicks);

        public override string ToString() => Namespace is null ? "" : $" in {Namespace}";
    }
}
