using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// Registers pods of many resources in CMDB, coalesced into calls of at most 200 pods grouped by business. A call is
/// sent as soon as 200 pods wait, or <see cref="CmdbOptions.FlushDelay"/> after the first one arrived. Safe to run
/// again with the same inputs (after a restart, a lost reply, a requeue): pods that exist are found, not re-created.
/// </summary>
public sealed class CmdbRegistrar : IAsyncDisposable
{
    private static readonly CmdbError Withdrawn = new(null, "registration withdrawn: the resource is being deregistered");
    private static readonly CmdbError Stopped = new(null, "registration interrupted: the operator is stopping");

    private readonly CmdbClient client;
    private readonly CmdbOptions options;
    private readonly ILogger<CmdbRegistrar> logger;
    private readonly CmdbPodLookup lookup;
    private readonly ResiliencePipeline retry;
    private readonly CmdbBatchRunner runner;
    private readonly Channel<PendingPod> queue = Channel.CreateUnbounded<PendingPod>();
    private readonly ConcurrentDictionary<RegistrationTracker, byte> active = new();
    private readonly ConcurrentDictionary<Task, byte> batches = new();
    private readonly SemaphoreSlim callSlots;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task pump;

    public CmdbRegistrar(CmdbClient client, IOptions<CmdbOptions> options, ILogger<CmdbRegistrar> logger)
    {
        this.client = client;
        this.options = options.Value;
        this.logger = logger;
        lookup = new CmdbPodLookup(client);
        retry = BuildRetry(this.options, logger);
        runner = new CmdbBatchRunner(client, lookup, retry, logger);
        callSlots = new SemaphoreSlim(this.options.MaxConcurrentCalls);
        pump = Task.Run(PumpAsync);
    }

    /// <summary>
    /// Registers the pods; completes when every pod has a CMDB id or its own error. Cancelling stops waiting and
    /// withdraws the pods not yet sent.
    /// </summary>
    public async Task<CmdbRegistrationResult> RegisterAsync(CmdbRegistration registration, CancellationToken ct = default)
    {
        if (registration.Pods.Count == 0) return new CmdbRegistrationResult(registration.Resource, []);
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        var tracker = new RegistrationTracker(registration);
        active[tracker] = 0;
        for (var i = 0; i < registration.Pods.Count; i++) queue.Writer.TryWrite(new PendingPod(tracker, i));
        using var withdraw = ct.Register(() => tracker.Withdraw(Withdrawn));
        try
        {
            return await tracker.Completion.WaitAsync(ct);
        }
        finally
        {
            if (tracker.Completion.IsCompleted) active.TryRemove(tracker, out _);
            else _ = tracker.Completion.ContinueWith(t => active.TryRemove(tracker, out var _), TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Removes the resource's pods from CMDB: every record its pod keys find that carries the owner label of the
    /// cloud pod it stands for (<see cref="CmdbOwnership"/>), so nothing it registered is left behind even if the id
    /// never reached the status, and nothing anyone else registered under the same name is touched (whatever ids a
    /// status holds). Pending registrations of the resource are withdrawn and in-flight ones awaited first.
    /// Idempotent: absent ids are ignored by the server.
    /// </summary>
    public async Task<CmdbDeregistrationResult> DeregisterAsync(CmdbDeregistration deregistration, CancellationToken ct = default)
    {
        await WithdrawAsync(deregistration.Resource, ct);
        try
        {
            var (deleted, foreign) = await retry.ExecuteAsync(async attemptCt =>
            {
                var found = await lookup.FindAsync(deregistration.BizId, deregistration.Pods.Select(p => p.Key), attemptCt);
                var ours = deregistration.Pods.Where(p => found.TryGetValue(p.Key, out var listed) && CmdbOwnership.IsOwnedBy(listed, p.CloudPodId))
                    .Select(p => found[p.Key].Id).Distinct().ToList();
                foreach (var chunk in ours.Chunk(CmdbOptions.MaxPodsPerCall))
                    await client.BatchDeleteKubePodAsync(new BatchDeleteKubePodRequest([new BatchDeleteKubePodEntry(deregistration.BizId, chunk)]), attemptCt);
                return (ours, found.Values.Select(p => p.Id).Except(ours).ToList());
            }, ct);
            if (foreign.Count > 0)
                logger.LogWarning("CMDB deregistration of {Resource} left {Ids} alone: same name, not registered by this operator for its pods",
                    deregistration.Resource, string.Join(", ", foreign));
            return new CmdbDeregistrationResult(deregistration.Resource, deleted, null, foreign);
        }
        catch (CmdbException e)
        {
            logger.LogWarning("CMDB deregistration of {Resource} failed: {Error}", deregistration.Resource, e.Error);
            return new CmdbDeregistrationResult(deregistration.Resource, [], e.Error);
        }
    }

    private async Task WithdrawAsync(string resource, CancellationToken ct)
    {
        var trackers = active.Keys.Where(t => t.Registration.Resource == resource).ToList();
        foreach (var tracker in trackers) tracker.Withdraw(Withdrawn);
        await Task.WhenAll(trackers.Select(t => t.Completion)).WaitAsync(ct);
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping.Token))
            {
                var gathered = await GatherAsync();
                await callSlots.WaitAsync(stopping.Token);
                // Claim only now: until the call goes out, a deregistration can still withdraw the pods.
                var batch = gathered.Where(p => p.Tracker.TryClaim(p.Index)).ToList();
                if (batch.Count == 0)
                {
                    callSlots.Release();
                    continue;
                }
                var task = RunBatchAsync(batch);
                batches[task] = 0;
                _ = task.ContinueWith(t => batches.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Collects up to 200 distinct pods, waiting at most the flush delay for the batch to fill. Pods stay unclaimed:
    /// those given up meanwhile are skipped at dispatch, those left when stopping are completed by DisposeAsync.
    /// </summary>
    private async Task<List<PendingPod>> GatherAsync()
    {
        var pods = new List<PendingPod>();
        var keys = new HashSet<CmdbPodKey>();
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        window.CancelAfter(options.FlushDelay);
        while (true)
        {
            while (queue.Reader.TryPeek(out var next) && (keys.Count < CmdbOptions.MaxPodsPerCall || keys.Contains(next.Pod.Key)))
            {
                queue.Reader.TryRead(out _);
                pods.Add(next);
                keys.Add(next.Pod.Key);
            }
            if (keys.Count >= CmdbOptions.MaxPodsPerCall) return pods;
            try
            {
                if (!await queue.Reader.WaitToReadAsync(window.Token)) return pods;
            }
            catch (OperationCanceledException)
            {
                return pods;
            }
        }
    }

    private async Task RunBatchAsync(List<PendingPod> batch)
    {
        var groups = KeyGroup.Of(batch);
        try
        {
            logger.LogDebug("CMDB: registering {Count} pod(s) of {Businesses} business(es)", groups.Count,
                groups.Select(g => g.BizId).Distinct().Count());
            await runner.RunAsync(groups, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            foreach (var group in groups.Where(g => !g.Done)) group.Fail(Stopped);
        }
        // Anything else (a client timeout reading the credentials, an answer of an unexpected shape) fails the batch's
        // pods with it, for their passes to report and retry: a batch task faulted unseen would leave them waiting.
        catch (Exception e)
        {
            var failed = new CmdbError(null, $"registration failed: {e.GetType().Name}: {Validation.FieldViolation.Truncate(e.Message, 512)}");
            logger.LogWarning("CMDB: a registration batch failed: {Error}", failed.Message);
            foreach (var group in groups.Where(g => !g.Done)) group.Fail(failed);
        }
        finally
        {
            callSlots.Release();
        }
    }

    private static ResiliencePipeline BuildRetry(CmdbOptions options, ILogger logger) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<CmdbException>(e => e.Error.IsTransient || e.Error.IsDuplicate),
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxDelay = TimeSpan.FromSeconds(30),
            // A duplicate means someone else created part of the batch: re-list and go on at once.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Exception is CmdbException { Error.IsDuplicate: true } ? TimeSpan.Zero : null),
            OnRetry = args =>
            {
                logger.LogInformation("CMDB call failed ({Error}); retry {Attempt} in {Delay} after re-listing",
                    (args.Outcome.Exception as CmdbException)?.Error, args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested) return;
        await stopping.CancelAsync();
        queue.Writer.TryComplete();
        await pump;
        await Task.WhenAll(batches.Keys);
        foreach (var tracker in active.Keys) tracker.Withdraw(Stopped);
        stopping.Dispose();
        callSlots.Dispose();
    }
}
