using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.JdCloud.Http;

/// <summary>
/// One token bucket per access key, so each account stays below the service's ~1000 calls per minute
/// (docs/jdcloud-api.md, Limits) however many resources share it. A singleton: the buckets must outlive the pooled HTTP
/// handlers.
/// </summary>
internal sealed class JdCloudAccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public JdCloudAccountRateLimiter(IOptions<JdCloudClientOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(accessKey => RateLimitPartition.GetTokenBucketLimiter(accessKey, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.RateLimitPerSecond,
                TokensPerPeriod = settings.RateLimitPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = settings.RateLimitQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
    }

    public ValueTask<RateLimitLease> AcquireAsync(string accessKey, CancellationToken cancellationToken) =>
        _limiter.AcquireAsync(accessKey, 1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
