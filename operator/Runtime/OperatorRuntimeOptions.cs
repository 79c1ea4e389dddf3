namespace JdCloudPodOperator.Runtime;

/// <summary>Everything the operator runtime can be tuned with; defaults follow controller-runtime's where they exist.</summary>
public sealed class OperatorRuntimeOptions
{
    /// <summary>Who reports Events (reportingController / source.component).</summary>
    public string ControllerName { get; set; } = "jdcloudpod.io/jdcloud-pod-operator";

    /// <summary>This replica: the Lease holder identity and the Events' reportingInstance. Pod name + random suffix.</summary>
    public string Identity { get; set; } = $"{Environment.MachineName}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Every cached key is queued this often even without a change (client-go's informer resync), a safety net for a
    /// missed watch event (run --watch-resync-period). Zero or less: never.
    /// </summary>
    public TimeSpan WatchResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    public WatchOptions Watch { get; set; } = new();
    public WorkQueueOptions Queue { get; set; } = new();
    public LeaderElectionOptions LeaderElection { get; set; } = new();
    public MemoryTrimOptions MemoryTrim { get; set; } = new();
}

public sealed class WatchOptions
{
    /// <summary>Namespaces to watch; empty: the whole cluster.</summary>
    public IList<string> Namespaces { get; set; } = [];

    /// <summary>
    /// The server ends each watch after a random time between this and twice this (client-go's spread); the
    /// watcher then continues from the last resourceVersion. A watch silent for longer is treated as dropped.
    /// </summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First retry delay after a failed list or watch; doubles per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class WorkQueueOptions
{
    /// <summary>
    /// Objects reconciled in parallel (controller-runtime's MaxConcurrentReconciles); one key is never parallel. A
    /// reconcile waiting for a shared result does not count while it waits (<see cref="WorkerSlot"/>).
    /// </summary>
    public int Workers { get; set; } = 2;

    /// <summary>Delay after a key's first failure; doubles per consecutive failure, capped at <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Each backoff delay is stretched by a random 0..Jitter fraction, so failing keys do not retry in lockstep.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>
    /// Reconciles started per second across all keys (token bucket refill): a ceiling on the load a hot loop can put
    /// on the API server. The cloud quota has its own limiter in the JD Cloud client; resyncing 10,000 settled
    /// resources once a minute needs about 170/s, so the default leaves room for that.
    /// </summary>
    public double RateLimitPerSecond { get; set; } = 200;

    /// <summary>Reconciles that may start at once before the rate limit applies (token bucket size).</summary>
    public int RateLimitBurst { get; set; } = 1000;
}

public sealed class LeaderElectionOptions
{
    /// <summary>Off: this replica reconciles unconditionally (a single replica, or tests).</summary>
    public bool Enabled { get; set; } = true;

    public string LeaseName { get; set; } = "jdcloud-pod-operator-leader";

    /// <summary>Default: POD_NAMESPACE, else the service account's namespace, else "default".</summary>
    public string? LeaseNamespace { get; set; }

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class MemoryTrimOptions
{
    /// <summary>
    /// How long the watched objects stay unchanged, and no key is queued for a change, before memory is given back
    /// (<see cref="MemoryTrim"/>). 3 s: while a burst lasts the objects change every second or less (each apply, each
    /// converging resource's status writes a poll of 0.2-2 s apart), and memory comes back within seconds of its end.
    /// Zero or less: never.
    /// </summary>
    public TimeSpan QuietFor { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Bytes allocated since the last trim for the next one to be worth its full blocking GC: what a trim can give
    /// back grew from what was allocated since. 64 MiB, 16 of the native build's 4 MiB gen0 budgets: a burst of
    /// resources qualifies, a resource applied now and then does not. The first trim, after start-up, needs none.
    /// </summary>
    public long MinAllocatedBytes { get; set; } = 64L << 20;
}
