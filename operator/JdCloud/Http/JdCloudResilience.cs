using JdCloudPodOperator.JdCloud.Models;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace JdCloudPodOperator.JdCloud.Http;

/// <summary>
/// The resilience pipeline around every attempt (docs/jdcloud-api.md, Retries), outermost first: total time cap; retry
/// with exponential backoff and jitter; the per-account rate limiter (each attempt is a call the service counts); the
/// per-attempt timeout. The signing handler sits inside, so every attempt is signed afresh.
/// </summary>
internal static class JdCloudResilience
{
    public const string PipelineName = "jdcloud-pod";

    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline, JdCloudClientOptions options, JdCloudAccountRateLimiter limiter)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.RetryJitter,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = ShouldRetryAsync,
                OnRetry = args =>
                {
                    JdCloudTelemetry.RecordRetry(JdCloudRequestContext.Of(args.Context.GetRequestMessage()), args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            });
        }
        pipeline.AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = args => limiter.AcquireAsync(AccessKeyOf(args.Context), args.Context.CancellationToken),
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>Retry on no response, a timed-out attempt, a full rate-limiter queue, and on the answers that
    /// <see cref="JdCloudErrorClassifier.IsRetryable"/> marks retryable for this operation.</summary>
    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (args.Outcome.Exception is HttpRequestException or TimeoutRejectedException or RateLimiterRejectedException) return true;
        if (args.Outcome.Result is not { IsSuccessStatusCode: false } response) return false;
        var operation = JdCloudRequestContext.Of(response.RequestMessage)?.Operation ?? PodOperation.DescribePods;
        var body = await response.Content.ReadAsStringAsync(args.Context.CancellationToken);
        var kind = JdCloudErrorClassifier.Classify((int)response.StatusCode, JdCloudError.TryReadEnvelope(body)?.Error?.Status);
        return JdCloudErrorClassifier.IsRetryable(kind, operation);
    }

    private static string AccessKeyOf(ResilienceContext context) =>
        JdCloudRequestContext.Of(context.GetRequestMessage())?.Credentials.AccessKey ?? "";

    /// <summary>Maps a transport failure that escaped the pipeline to its kind; null when it is not one.</summary>
    public static JdCloudErrorKind? TransportKind(Exception exception) => exception switch
    {
        TimeoutRejectedException => JdCloudErrorKind.Timeout,
        RateLimiterRejectedException => JdCloudErrorKind.RateLimited,
        HttpRequestException => JdCloudErrorKind.Network,
        _ => null,
    };
}
