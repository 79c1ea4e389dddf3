using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// The hosted service that owns every lifecycle, like controller-runtime's manager: the watcher runs on every
/// replica (a warm cache for a fast takeover); only the leader, once the cache is synced, runs a work queue and its
/// workers, seeded with every cached key and fed by watch events and the periodic resync. Losing the lease or
/// shutting down cancels the reconciles in flight and discards the queue; the next term starts from the cache.
/// Every replica gives memory back once quiet after a burst (<see cref="MemoryTrim"/>).
/// </summary>
public sealed class ControllerManager<TEntity, TReconciler> : BackgroundService
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
    where TReconciler : class, IReconciler
{
    private static readonly TimeSpan SyncPollInterval = TimeSpan.FromMilliseconds(100);
    private readonly ResourceWatcher<TEntity> _watcher;
    private readonly ResourceCache<TEntity> _cache;
    private readonly IServiceScopeFactory _scopes;
    private readonly OperatorRuntimeOptions _options;
    private readonly LeaderElectionLoop? _election;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly MemoryTrim _trim;
    private volatile Term? _term;
    private long _pastReconciles;
    private long _pastFailures;
    private long _terms;

    public ControllerManager(ResourceWatcher<TEntity> watcher, ResourceCache<TEntity> cache, IServiceScopeFactory scopes,
        IOptions<OperatorRuntimeOptions> options, IKubernetes client, ILoggerFactory loggers, TimeProvider time)
    {
        _watcher = watcher;
        _cache = cache;
        _scopes = scopes;
        _options = options.Value;
        _logger = loggers.CreateLogger<ControllerManager<TEntity, TReconciler>>();
        _time = time;
        _trim = new MemoryTrim(_options.MemoryTrim, time, loggers.CreateLogger<MemoryTrim>());
        _election = _options.LeaderElection.Enabled
            ? new LeaderElectionLoop(client, _options.LeaderElection, _options.Identity, loggers.CreateLogger<LeaderElectionLoop>())
            : null;
    }

    public ManagerStatus Status
    {
        get
        {
            var term = _term;
            return new ManagerStatus(_election?.IsLeader ?? term is not null, term?.Queue.Depth ?? 0, term?.Queue.InFlight ?? 0, term?.Queue.Delayed ?? 0,
                Interlocked.Read(ref _pastReconciles) + (term?.Workers.Reconciles ?? 0),
                Interlocked.Read(ref _pastFailures) + (term?.Workers.Failures ?? 0),
                _watcher.Health, Interlocked.Read(ref _terms));
        }
    }

    /// <summary>Memory given back after bursts since the process started (<see cref="MemoryTrim"/>).</summary>
    public long MemoryTrims => _trim.Trims;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _watcher.Changed += OnChanged;
        try
        {
            var watching = _watcher.RunAsync(stoppingToken);
            var reconciling = _election is null ? LeadAsync(stoppingToken) : _election.RunAsync(LeadAsync, stoppingToken);
            var trimming = _trim.RunAsync(stoppingToken);
            await Task.WhenAll(watching, reconciling, trimming);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _watcher.Changed -= OnChanged;
        }
    }

    // One leadership term: runs until the token is cancelled (lease lost or shutdown).
    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        while (!_watcher.Synced) await Task.Delay(SyncPollInterval, _time, cancellationToken);
        var q = _options.Queue;
        using var queue = new WorkQueue(_time);
        using var rateLimiter = ReconcileWorkers.CreateRateLimiter(q);
        var workers = new ReconcileWorkers(queue, new KeyBackoff(q.BackoffBase, q.BackoffMax, q.Jitter), rateLimiter,
            ReconcileAsync, q.Workers, _logger);
        Interlocked.Increment(ref _terms);
        _term = new Term(queue, workers);
        try
        {
            EnqueueAll(queue);
            _logger.LogInformation("Reconciling {Count} {Kind} objects with {Workers} workers", _cache.Count, EntityClient<TEntity>.Kind, q.Workers);
            await Task.WhenAll(workers.RunAsync(cancellationToken), ResyncAsync(queue, cancellationToken));
        }
        finally
        {
            _term = null;
            Interlocked.Add(ref _pastReconciles, workers.Reconciles);
            Interlocked.Add(ref _pastFailures, workers.Failures);
        }
    }

    private async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        using var telemetry = OperatorTelemetry.StartReconcile(EntityClient<TEntity>.Kind, key);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<TReconciler>().ReconcileAsync(key, cancellationToken);
            telemetry.Finish(requeued: result.RequeueAfterDelay is not null);
            return result;
        }
        catch (Exception e) when (telemetry.Fail(e, canceled: cancellationToken.IsCancellationRequested))
        {
            throw; // never reached: Fail records and returns false
        }
    }

    private async Task ResyncAsync(WorkQueue queue, CancellationToken cancellationToken)
    {
        if (_options.WatchResyncPeriod <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(_options.WatchResyncPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken)) EnqueueAll(queue);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void EnqueueAll(WorkQueue queue)
    {
        _trim.Changed();
        foreach (var key in _cache.Keys()) queue.Add(key);
    }

    private void OnChanged(ResourceEvent<TEntity> change)
    {
        _trim.Changed();
        if (ChangeFilter.Matters(change)) _term?.Queue.Add(NamespacedName.Of(change.Object));
    }

    private sealed record Term(WorkQueue Queue, ReconcileWorkers Workers);
}
