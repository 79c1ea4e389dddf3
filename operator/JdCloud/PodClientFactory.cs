using JdCloudPodOperator.JdCloud.Http;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.JdCloud;

/// <summary>Gives a <see cref="PodClient"/> for one account and region. Clients are cheap: they share the pooled
/// HTTP handlers and the per-account rate limiter, so the controller can create one per reconcile.</summary>
public sealed class PodClientFactory(
    IHttpClientFactory httpClientFactory, IOptions<JdCloudClientOptions> options, ILoggerFactory loggerFactory)
{
    public const string HttpClientName = "JdCloudPod";

    public PodClient Create(JdCloudCredentials credentials, string regionId)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrWhiteSpace(regionId) || !regionId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ArgumentException($"regionId '{regionId}' must be lower-case letters, digits and '-', for example cn-north-1.", nameof(regionId));
        var endpoint = options.Value.ResolveEndpoint(regionId);
        var transport = new PodApiTransport(
            httpClientFactory.CreateClient(HttpClientName), endpoint, regionId, credentials, loggerFactory.CreateLogger<PodClient>());
        return new PodClient(transport);
    }
}
