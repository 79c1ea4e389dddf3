using JdCloudPodOperator.JdCloud.Signing;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.JdCloud;

/// <summary>Where the Pod API is reached (docs/jdcloud-api.md, Endpoints and requests).</summary>
public enum JdCloudEndpointKind
{
    /// <summary><c>https://pod.jdcloud-api.com</c>.</summary>
    Public,

    /// <summary><c>https://pod.internal.{regionId}.jdcloud-api.com</c>, reachable from inside a JD Cloud VPC.</summary>
    VpcInternal,
}

/// <summary>Settings of the Pod API client. Delays are configurable so that tests run fast.</summary>
public sealed class JdCloudClientOptions
{
    public const string SectionName = "JdCloud";

    public JdCloudEndpointKind Endpoint { get; set; } = JdCloudEndpointKind.Public;

    /// <summary>Overrides <see cref="Endpoint"/>, e.g. for the simulator. https, or http on a loopback address only.</summary>
    public Uri? BaseUrl { get; set; }

    public JdCloudSignatureVersion SignatureVersion { get; set; } = JdCloudSignatureVersion.V2;

    /// <summary>Time allowed for one attempt. The SDKs use 10 s (Python, Go); 20 s leaves room for a slow createPods.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Cap on one call including every retry, backoff and rate-limiter wait.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First backoff delay; it doubles per retry, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public bool RetryJitter { get; set; } = true;

    /// <summary>
    /// Calls per second per access key (token bucket). 15/s = 900/min, below the documented ~1000/min; raise it only
    /// for an account whose limit JD Cloud has raised (or a simulator).
    /// </summary>
    public int RateLimitPerSecond { get; set; } = 15;

    /// <summary>Calls that may wait for a token before new ones are rejected.</summary>
    public int RateLimitQueueLimit { get; set; } = 1000;

    public string UserAgent { get; set; } = "jdcloud-pod-operator pod/v1";

    /// <summary>The endpoint for <paramref name="regionId"/>, without the <c>/v1</c> prefix.</summary>
    public Uri ResolveEndpoint(string regionId) => BaseUrl ?? Endpoint switch
    {
        JdCloudEndpointKind.VpcInternal => new Uri($"https://pod.internal.{regionId}.jdcloud-api.com"),
        _ => new Uri("https://pod.jdcloud-api.com"),
    };

    /// <summary>Every problem with these settings, each naming its option; empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (BaseUrl is { } url)
        {
            if (!url.IsAbsoluteUri) yield return $"{SectionName}:BaseUrl must be an absolute URL.";
            else if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
                yield return $"{SectionName}:BaseUrl must use https (http is allowed only on a loopback address), got {url.Scheme}://{url.Host}.";
            else if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
                yield return $"{SectionName}:BaseUrl must not carry a query or fragment.";
        }
        if (AttemptTimeout <= TimeSpan.Zero) yield return $"{SectionName}:AttemptTimeout must be positive.";
        if (TotalTimeout < AttemptTimeout) yield return $"{SectionName}:TotalTimeout must be at least AttemptTimeout.";
        if (MaxRetryAttempts is < 0 or > 20) yield return $"{SectionName}:MaxRetryAttempts must be 0-20.";
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
            yield return $"{SectionName}:RetryBaseDelay must be positive and RetryMaxDelay at least RetryBaseDelay.";
        if (RateLimitPerSecond is < 1 or > 1000) yield return $"{SectionName}:RateLimitPerSecond must be 1-1000.";
        if (RateLimitQueueLimit < 0) yield return $"{SectionName}:RateLimitQueueLimit must not be negative.";
    }
}

internal sealed class JdCloudClientOptionsValidator : IValidateOptions<JdCloudClientOptions>
{
    public ValidateOptionsResult Validate(string? name, JdCloudClientOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
