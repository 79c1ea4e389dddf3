using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace JdCloudPodOperator.Cmdb;

/// <summary>Registers the CMDB client, its HTTP pipeline and the registrar.</summary>
public static class CmdbServiceCollectionExtensions
{
    private const string ResetHeader = "X-Bkapi-RateLimit-Reset";

    /// <summary>
    /// The options come from the section Cmdb of <paramref name="configuration"/> (the host's: appsettings.json,
    /// Cmdb__* environment variables), then <paramref name="configure"/> (the run command's --cmdb-* flags), as
    /// every part's settings arrive from the command line.
    /// </summary>
    public static IServiceCollection AddCmdb(this IServiceCollection services, IConfiguration configuration, Action<CmdbOptions>? configure = null)
    {
        // Without Cmdb:Url registration is off (resources asking for it say so in a condition); the defaults still
        // serve the validator.
        services.AddOptions<CmdbOptions>().Bind(configuration.GetSection(CmdbOptions.Section)).Configure(configure ?? (_ => { }))
            .Validate(o => CmdbRules.Check(o.Defaults, path: "Cmdb:Defaults").Count == 0,
                "Cmdb:Defaults holds an invalid value (ids must be positive, the workload kind one of CMDB's kinds, operators non-empty)")
            .Validate(o => o.RequestsPerSecond > 0, "Cmdb:RequestsPerSecond must be positive")
            .Validate(o => ParsesBusinesses(o), "Cmdb:AllowedBusinesses holds an entry that is not NAMESPACE=BIZ or NAMESPACE=BIZ:KIND/ID")
            .Validate(o => o.MaxConcurrentCalls > 0, "Cmdb:MaxConcurrentCalls must be positive");
        services.AddHttpClient<CmdbClient>()
            // The registrar is a singleton holding its client: rotate connections in the handler instead.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders([CmdbClient.AuthorizationHeader])
            .AddResilienceHandler("cmdb", Configure);
        services.AddSingleton<CmdbRegistrar>();
        services.AddSingleton<CmdbCredentialsSource>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    private static bool ParsesBusinesses(CmdbOptions options)
    {
        try
        {
            return options.Businesses is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Outer retry of what the gateway refused unprocessed (HTTP 429, honouring X-Bkapi-RateLimit-Reset), a token
    /// bucket that keeps this app under the gateway's 100 requests/s (docs/bkcmdb-api.md, Rate limits and retries),
    /// then the per-attempt timeout.
    /// </summary>
    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<CmdbOptions>>().CurrentValue;
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult(ResetDelay(args.Outcome.Result)),
        });
        var limiter = CreateLimiter(options.RequestsPerSecond);
        context.OnPipelineDisposed(limiter.Dispose);
        builder.AddRateLimiter(limiter);
        builder.AddTimeout(options.RequestTimeout);
    }

    /// <summary>
    /// Tokens refill in small steps (a tenth of the rate, at least one), so no one-second window sees much more than
    /// the configured rate; callers past the budget queue instead of failing.
    /// </summary>
    private static TokenBucketRateLimiter CreateLimiter(int requestsPerSecond)
    {
        var perTick = Math.Max(1, requestsPerSecond / 10);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTick,
            TokensPerPeriod = perTick,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)perTick / requestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>X-Bkapi-RateLimit-Reset: seconds until the window resets; null falls back to exponential backoff.</summary>
    private static TimeSpan? ResetDelay(HttpResponseMessage? response) =>
        response is not null && response.Headers.TryGetValues(ResetHeader, out var values)
        && double.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds is > 0 and <= 60
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
