using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>
/// The work queue with its workers, driven by a scripted reconciler. Time is manual and ordering is checked through
/// counts and queue state, never through sleeps.
/// </summary>
public sealed class ReconcileWorkersTests : IAsyncDisposable
{
    private static readonly NamespacedName A = new("ns", "a");
    private static readonly NamespacedName B = new("ns", "b");
    private readonly ManualTimeProvider _time = new();
    private readonly WorkQueue _queue;
    private readonly KeyBackoff _backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), jitter: 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ScriptedReconciler _reconciler = new();
    private RateLimiter _rateLimiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1000, QueueLimit = 0 });
    private ReconcileWorkers? _workers;
    private Task? _running;

    public ReconcileWorkersTests() => _queue = new WorkQueue(_time);

    [Fact]
    public async Task Workers_reconcile_different_objects_in_parallel_up_to_their_number()
    {
        _reconciler.Hold = true;
        Start(workers: 3);
        foreach (var i in Enumerable.Range(0, 5)) _queue.Add(new NamespacedName("ns", $"k{i}"));

        await Eventually.Until(() => _reconciler.Running == 3 && _queue.Depth == 1, "three reconciles running, a fourth key waiting for a worker");
        _queue.InFlight.Should().Be(4, "the three reconciled and the one taken for the next free worker");

        _reconciler.Hold = false;
        _reconciler.ReleaseAll();
        await Eventually.Until(() => _reconciler.Completed == 5, "all five reconciled");
        _reconciler.MaxRunning.Should().Be(3);
    }

    [Fact]
    public async Task A_reconcile_waiting_for_a_shared_result_gives_its_worker_back_and_needs_one_again_to_go_on()
    {
        var shared = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bGoOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bFinished = false;
        bool? bFinishedWhenAResumed = null;
        _reconciler.ScriptAsync(A, async _ =>
        {
            await WorkerSlot.WhileWaitingAsync(shared.Task);
            bFinishedWhenAResumed = Volatile.Read(ref bFinished);
            return ReconcileResult.Done;
        });
        _reconciler.ScriptAsync(B, async _ =>
        {
            bRunning.SetResult();
            await bGoOn.Task;
            Volatile.Write(ref bFinished, true);
            return ReconcileResult.Done;
        });
        Start(workers: 1);
        _queue.Add(A);
        await Eventually.Until(() => _reconciler.Running == 1, "A waiting");

        _queue.Add(B);
        await bRunning.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the one worker took B while A waits
        shared.SetResult(true);
        bGoOn.SetResult();
        await Eventually.Until(() => _reconciler.Completed == 2, "both reconciled");

        bFinishedWhenAResumed.Should().BeTrue("A went on only once B had given the one worker back");
    }

    [Fact]
    public async Task Reconciles_park_without_their_worker_up_to_the_bound_and_one_beyond_it_keeps_its_worker()
    {
        var bound = ReconcileWorkers.ParkedPerWorker; // one worker
        var shared = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var keys = WaitingFor(shared.Task, bound + 2);
        Start(workers: 1);
        keys.ForEach(_queue.Add);

        await Eventually.Until(() => _workers!.KeptWaits == 1, "a wait beyond the bound");
        _workers!.ParkedWaits.Should().Be(bound, "the ones before it parked");
        _reconciler.Running.Should().Be(bound + 1, "the one that kept its worker holds the only worker: the last key waits for it");
        _queue.Depth.Should().Be(0);
        _queue.InFlight.Should().Be(bound + 2, "the last key was taken and waits for the worker");

        shared.SetResult(true);
        await Eventually.Until(() => _reconciler.Completed == bound + 2, "all reconciled once the shared result came");
        _workers.ParkedWaits.Should().Be(bound, "the last one found the result there and waited for nothing");
        _workers.KeptWaits.Should().Be(1);
    }

    [Fact]
    public async Task With_two_workers_twice_as_many_park()
    {
        var bound = 2 * ReconcileWorkers.ParkedPerWorker;
        var shared = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var keys = WaitingFor(shared.Task, bound);
        Start(workers: 2);
        keys.ForEach(_queue.Add);

        await Eventually.Until(() => _workers!.ParkedWaits == bound, "every one parked: the bound is reached, not passed");
        _workers!.KeptWaits.Should().Be(0);
        shared.SetResult(true);
        await Eventually.Until(() => _reconciler.Completed == bound, "all reconciled");
    }

    [Fact]
    public async Task One_object_is_never_reconciled_twice_at_once_and_changes_meanwhile_give_one_more_run()
    {
        _reconciler.Hold = true;
        Start(workers: 4);
        _queue.Add(A);
        await Eventually.Until(() => _reconciler.Running == 1, "A running");

        _queue.Add(A);
        _queue.Add(A);
        _queue.Add(B);
        await Eventually.Until(() => _reconciler.Running == 2, "B running beside A");
        _reconciler.Starts(A).Should().Be(1, "free workers must not take A while it runs");

        _reconciler.ReleaseAll();
        await Eventually.Until(() => _reconciler.Starts(A) == 2, "A once more");
        _reconciler.ReleaseAll();
        await Eventually.Until(() => _reconciler.Completed == 3, "A twice and B once");
        _reconciler.MaxRunningPerKey.Should().Be(1);
        _queue.Depth.Should().Be(0);
    }

    [Fact]
    public async Task RequeueAfter_reconciles_the_object_again_when_the_delay_is_over()
    {
        _reconciler.Script(A, _ => ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)), _ => ReconcileResult.Done);
        Start(workers: 1);
        _queue.Add(A);
        await Eventually.Until(() => _reconciler.Completed == 1 && _queue.Delayed == 1, "first run done, requeue pending");

        _time.Advance(TimeSpan.FromSeconds(29));
        _queue.Depth.Should().Be(0);
        _reconciler.Starts(A).Should().Be(1);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => _reconciler.Completed == 2, "second run");
        _queue.Delayed.Should().Be(0, "Done asks for nothing more");
    }

    [Fact]
    public async Task Failures_back_off_exponentially_per_key_and_a_success_resets_the_backoff()
    {
        var fail = new InvalidOperationException("cloud says no");
        _reconciler.Script(A, _ => throw fail, _ => throw fail, _ => throw fail, _ => ReconcileResult.Done, _ => throw fail, _ => ReconcileResult.Done);
        Start(workers: 2);
        _queue.Add(A);

        foreach (var (run, delay) in new[] { (1, 1), (2, 2), (3, 4) })
        {
            await Eventually.Until(() => _reconciler.Completed == run && _queue.Delayed == 1, $"failure {run} scheduled");
            _backoff.Failures(A).Should().Be(run);
            _time.Advance(TimeSpan.FromSeconds(delay) - TimeSpan.FromMilliseconds(1));
            _queue.Depth.Should().Be(0, $"retry {run} is not due before {delay}s");
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }
        await Eventually.Until(() => _reconciler.Completed == 4, "fourth run succeeds");
        _backoff.Failures(A).Should().Be(0);
        _workers!.Failures.Should().Be(3);

        _queue.Add(A);
        await Eventually.Until(() => _reconciler.Completed == 5 && _queue.Delayed == 1, "a new failure");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => _reconciler.Completed == 6, "retried after the base delay again");
    }

    [Fact]
    public async Task A_failing_object_does_not_hold_up_others()
    {
        _reconciler.Script(A, _ => throw new InvalidOperationException("broken"));
        Start(workers: 1);
        _queue.Add(A);
        _queue.Add(B);

        await Eventually.Until(() => _reconciler.Starts(B) == 1 && _queue.Delayed == 1, "B reconciled while A waits");
        _reconciler.Starts(A).Should().Be(1);
    }

    [Fact]
    public async Task Every_reconcile_start_waits_for_a_rate_limit_permit()
    {
        var limiter = new ManualRateLimiter(initialPermits: 2);
        _rateLimiter = limiter;
        Start(workers: 4);
        foreach (var i in Enumerable.Range(0, 4)) _queue.Add(new NamespacedName("ns", $"k{i}"));

        await Eventually.Until(() => limiter.Waiting == 2, "two workers waiting for permits");
        _reconciler.Completed.Should().Be(2, "two permits were available");

        limiter.Grant(1);
        await Eventually.Until(() => _reconciler.Completed == 3, "one more per permit");
        limiter.Waiting.Should().Be(1);

        limiter.Grant(1);
        await Eventually.Until(() => _reconciler.Completed == 4, "the last one");
    }

    [Fact]
    public async Task The_production_limiter_is_a_token_bucket_of_the_burst_size_every_worker_can_wait_in()
    {
        using var limiter = ReconcileWorkers.CreateRateLimiter(new WorkQueueOptions { RateLimitBurst = 3, RateLimitPerSecond = 0.001, Workers = 2 });

        limiter.GetStatistics()!.CurrentAvailablePermits.Should().Be(3);
        for (var i = 0; i < 3; i++) (await limiter.AcquireAsync(1)).IsAcquired.Should().BeTrue();
        var waiting = Enumerable.Range(0, 2).Select(_ => limiter.AcquireAsync(1).AsTask()).ToList();
        (await limiter.AcquireAsync(1)).IsAcquired.Should().BeFalse("a third waiter is more than the workers");
        limiter.GetStatistics()!.CurrentQueuedCount.Should().Be(2);
        waiting.Should().OnlyContain(t => !t.IsCompleted, "a token comes only every 1000 s");
    }

    [Fact]
    public async Task Stopping_cancels_reconciles_in_flight_without_counting_them_as_failures()
    {
        _reconciler.ScriptAsync(A, async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ReconcileResult.Done;
        });
        Start(workers: 1);
        _queue.Add(A);
        await Eventually.Until(() => _reconciler.Running == 1, "A running");

        await _stop.CancelAsync();
        await _running!.WaitAsync(TimeSpan.FromSeconds(10));

        _reconciler.Cancelled.Should().Be(1);
        _workers!.Failures.Should().Be(0);
        _queue.Delayed.Should().Be(0);
        _queue.InFlight.Should().Be(0);
    }

    public async ValueTask DisposeAsync()
    {
        _reconciler.ReleaseAll();
        _reconciler.Hold = false;
        await _stop.CancelAsync();
        if (_running is not null) await _running.WaitAsync(TimeSpan.FromSeconds(10));
        _queue.Dispose();
        _rateLimiter.Dispose();
        _stop.Dispose();
    }

    /// <summary><paramref name="count"/> keys whose reconcile waits for <paramref name="shared"/> through <see cref="WorkerSlot"/>.</summary>
    private List<NamespacedName> WaitingFor(Task<bool> shared, int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => new NamespacedName("ns", $"k{i}")).ToList();
        foreach (var key in keys)
        {
            _reconciler.ScriptAsync(key, async _ =>
            {
                await WorkerSlot.WhileWaitingAsync(shared);
                return ReconcileResult.Done;
            });
        }
        return keys;
    }

    private void Start(int workers)
    {
        _workers = new ReconcileWorkers(_queue, _backoff, _rateLimiter, _reconciler.ReconcileAsync, workers, NullLogger.Instance);
        _running = _workers.RunAsync(_stop.Token);
    }

    /// <summary>Counts runs per key and concurrency; runs per key follow a script; can hold every run until released.</summary>
    private sealed class ScriptedReconciler
    {
        private readonly ConcurrentDictionary<NamespacedName, int> _starts = new();
        private readonly ConcurrentDictionary<NamespacedName, int> _runningPerKey = new();
        private readonly ConcurrentDictionary<NamespacedName, Func<CancellationToken, Task<ReconcileResult>>[]> _scripts = new();
        private readonly Lock _lock = new();
        private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;
        private int _completed;
        private int _cancelled;

        public bool Hold { get; set; }
        public int Running => Volatile.Read(ref _running);
        public int Completed => Volatile.Read(ref _completed);
        public int Cancelled => Volatile.Read(ref _cancelled);
        public int MaxRunning { get; private set; }
        public int MaxRunningPerKey { get; private set; }

        public int Starts(NamespacedName key) => _starts.GetValueOrDefault(key);

        public void Script(NamespacedName key, params Func<CancellationToken, ReconcileResult>[] runs) =>
            _scripts[key] = [.. runs.Select(r => (Func<CancellationToken, Task<ReconcileResult>>)(ct => Task.FromResult(r(ct))))];

        public void ScriptAsync(NamespacedName key, Func<CancellationToken, Task<ReconcileResult>> run) => _scripts[key] = [run];

        public void ReleaseAll()
        {
            lock (_lock)
            {
                _gate.TrySetResult();
                _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken cancellationToken)
        {
            // The gate is taken before the start is counted: a ReleaseAll made after a test saw this start releases it
            // (taken after, a ReleaseAll in between left the run waiting on the next gate for ever).
            Task? gate = null;
            lock (_lock) if (Hold) gate = _gate.Task;
            var run = _starts.AddOrUpdate(key, 1, (_, n) => n + 1);
            var perKey = _runningPerKey.AddOrUpdate(key, 1, (_, n) => n + 1);
            lock (_lock)
            {
                MaxRunning = Math.Max(MaxRunning, Interlocked.Increment(ref _running));
                MaxRunningPerKey = Math.Max(MaxRunningPerKey, perKey);
            }
            try
            {
                if (gate is not null) await gate.WaitAsync(cancellationToken);
                var script = _scripts.GetValueOrDefault(key);
                return script is null ? ReconcileResult.Done : await script[Math.Min(run, script.Length) - 1](cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
            finally
            {
                _runningPerKey.AddOrUpdate(key, 0, (_, n) => n - 1);
                Interlocked.Decrement(ref _running);
                Interlocked.Increment(ref _completed);
            }
        }
    }
}
