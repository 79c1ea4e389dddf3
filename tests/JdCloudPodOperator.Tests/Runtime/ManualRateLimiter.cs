using System.Threading.RateLimiting;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>A rate limiter whose permits the test hands out, so rate-limited work is checked by counts, not by the clock.</summary>
public sealed class ManualRateLimiter(int initialPermits) : RateLimiter
{
    private readonly SemaphoreSlim _permits = new(initialPermits);
    private int _waiting;

    public int Waiting => Volatile.Read(ref _waiting);

    public override TimeSpan? IdleDuration => null;

    public void Grant(int permits) => _permits.Release(permits);

    public override RateLimiterStatistics GetStatistics() =>
        new() { CurrentAvailablePermits = _permits.CurrentCount, CurrentQueuedCount = Waiting };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(_permits.Wait(0));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _permits.WaitAsync(cancellationToken);
            return new Lease(true);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
