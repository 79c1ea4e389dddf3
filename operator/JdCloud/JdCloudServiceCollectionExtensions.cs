using JdCloudPodOperator.JdCloud.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.JdCloud;

public static class JdCloudServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PodClientFactory"/>. The host binds settings itself, e.g.
    /// <c>AddJdCloudPodClient(o =&gt; configuration.GetSection(JdCloudClientOptions.SectionName).Bind(o))</c>.
    /// It builds a named HttpClient whose pipeline is
    /// total timeout → retry → per-account rate limiter → attempt timeout → per-attempt signing.</summary>
    public static IServiceCollection AddJdCloudPodClient(this IServiceCollection services, Action<JdCloudClientOptions>? configure = null)
    {
        var options = services.AddOptions<JdCloudClientOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JdCloudClientOptions>, JdCloudClientOptionsValidator>());
        options.ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JdCloudAccountRateLimiter>();
        services.TryAddTransient<JdCloudAttemptHandler>();
        services.TryAddSingleton<PodClientFactory>();

        var http = services.AddHttpClient(PodClientFactory.HttpClientName, (sp, client) =>
            {
                // The resilience pipeline owns every timeout; HttpClient's own would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", sp.GetRequiredService<IOptions<JdCloudClientOptions>>().Value.UserAgent);
            })
            // The factory's request logger redacts header values only in the formatted text; its structured state
            // still carries the Authorization value (with the access key). The client logs each call itself.
            .RemoveAllLoggers();
        // Handlers run in the order added: the resilience pipeline wraps the per-attempt signing handler.
        http.AddResilienceHandler(JdCloudResilience.PipelineName, (pipeline, context) =>
            JdCloudResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<JdCloudClientOptions>>().Value,
                context.ServiceProvider.GetRequiredService<JdCloudAccountRateLimiter>()));
        http.AddHttpMessageHandler<JdCloudAttemptHandler>();
        return services;
    }
}
