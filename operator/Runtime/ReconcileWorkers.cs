using System.Threading.RateLimiting;
using JdCloudPodOperator.KubernetesApi;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// N workers draining a <see cref="WorkQueue"/> into the reconciler: up to N objects in parallel (more when some wait
/// for a shared result without their worker, up to <see cref="ParkedPerWorker"/> times N: <see cref="WorkerSlot"/>), one key never twice at once (the queue sees to it). Every reconcile start takes a token from the global rate limiter. A result
/// of RequeueAfter queues the key again after the delay; a failure after the key's backoff; a success resets it.
/// </summary>
public sealed class ReconcileWorkers
{
    private readonly WorkQueue _queue;
    private readonly KeyBackoff _backoff;
    private readonly RateLimiter _rateLimiter;
    private readonly Func<NamespacedName, CancellationToken, Task<ReconcileResult>> _reconcile;
    private readonly WorkerPool _pool;
    private readonly ILogger _logger;
    private long _reconciles;
    private long _failures;

    public ReconcileWorkers(WorkQueue queue, KeyBackoff backoff, RateLimiter rateLimiter,
        Func<NamespacedName, CancellationToken, Task<ReconcileResult>> reconcile, int workers, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _queue = queue;
        _backoff = backoff;
        _rateLimiter = rateLimiter;
        _reconcile = reconcile;
        _pool = new WorkerPool(workers, workers * ParkedPerWorker);
        _logger = logger;
    }

    /// <summary>
    /// Reconciles that may wait for a shared result without a worker, per worker: with the default 16 workers, 128
    /// can fill a describePods batch (100 values, <c>DescribeBatcher</c>) without holding any worker, and no more
    /// than that keep their state alive while they wait.
    /// </summary>
    public const int ParkedPerWorker = 8;

    /// <summary>
    /// The global limit on reconcile starts: a token bucket holding <see cref="WorkQueueOptions.RateLimitBurst"/>
    /// tokens, refilled at <see cref="WorkQueueOptions.RateLimitPerSecond"/>; every worker may wait in it.
    /// </summary>
    public static RateLimiter CreateRateLimiter(WorkQueueOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RateLimitPerSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.RateLimitBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.RateLimitPerSecond),
            QueueLimit = options.Workers,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Reconciles started.</summary>
    public long Reconciles => Interlocked.Read(ref _reconciles);

    /// <summary>Reconciles that threw (each one is retried with backoff).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Waits for a shared result that gave their worker back (<see cref="WorkerSlot"/>).</summary>
    public long ParkedWaits => _pool.ParkedWaits;

    /// <summary>Waits for a shared result that kept their worker, <see cref="ParkedPerWorker"/> times N being parked.</summary>
    public long KeptWaits => _pool.KeptWaits;

    /// <summary>
    /// Runs until cancelled: hands each key to a reconcile as soon as a worker is free, and returns once every
    /// reconcile in flight has finished. A reconcile holds its worker except while it waits for a shared result
    /// (<see cref="WorkerSlot"/>).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Reconciles in flight, and this loop: the last one to end completes `drained`.
        var running = 1;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Ended()
        {
            if (Interlocked.Decrement(ref running) == 0) drained.SetResult();
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            NamespacedName key;
            try
            {
                key = await _queue.TakeAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            // The key first, then a worker: a worker is never held idle while reconciles that waited want one back.
            try
            {
                await _pool.Free.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _queue.Done(key);
                break;
            }
            Interlocked.Increment(ref running);
            _ = Task.Run(async () =>
            {
                try
                {
                    await WorkerSlot.RunAsync(_pool, () => ReconcileAsync(key, cancellationToken));
                }
                finally
                {
                    Ended();
                }
            }, CancellationToken.None);
        }
        Ended();
        await drained.Task;
    }

    private async Task ReconcileAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessAsync(key, cancellationToken);
        }
        finally
        {
            _queue.Done(key);
        }
    }

    private async Task ProcessAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        try
        {
            using var token = await _rateLimiter.AcquireAsync(1, cancellationToken);
            if (!token.IsAcquired)
            {
                _queue.AddAfter(key, _backoff.Next(key));
                return;
            }
            Interlocked.Increment(ref _reconciles);
            var result = await _reconcile(key, cancellationToken);
            _backoff.Reset(key);
            if (result.RequeueAfterDelay is { } delay) _queue.AddAfter(key, delay);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or lease lost: whoever reconciles next starts from a full queue.
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failures);
            var delay = _backoff.Next(key);
            _logger.LogWarning(e, "Reconcile of {Key} failed ({Failures} in a row); retrying in {Delay}", key, _backoff.Failures(key), delay);
            _queue.AddAfter(key, delay);
        }
    }
}
