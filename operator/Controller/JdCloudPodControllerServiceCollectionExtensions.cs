using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.Controller;

public static class JdCloudPodControllerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the JdCloudPod controller: the runtime (watch, cache, queue, leader election) driving
    /// <see cref="JdCloudPodReconciler"/>, the JD Cloud client, and the state shared by all reconciles (the describePods
    /// batcher, the retry memory, the pod claims, the cluster ID, the credentials), the pass's completion step, the CMDB sync and the specs found valid.
    /// </summary>
    public static IServiceCollection AddJdCloudPodController(this IServiceCollection services,
        Action<JdCloudPodControllerOptions>? controller = null,
        Action<OperatorRuntimeOptions>? runtime = null,
        Action<JdCloudClientOptions>? cloud = null)
    {
        var options = services.AddOptions<JdCloudPodControllerOptions>();
        if (controller is not null) options.Configure(controller);
        services.AddJdCloudPodClient(cloud);
        services.TryAddSingleton(sp => new DescribeBatcher<DescribeKey>(Options(sp).DescribeBatchWindow));
        services.TryAddSingleton<ClusterIdentity>();
        services.TryAddSingleton<CredentialsCache>();
        services.TryAddSingleton(sp => new PodClaims(
            () => sp.GetRequiredService<ControllerManager<JdCloudPod, JdCloudPodReconciler>>().Status.Term,
            () => sp.GetRequiredService<ResourceCache<JdCloudPod>>().List()));
        services.TryAddSingleton(sp => new RetryMemory(Options(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PassCompletion>();
        services.TryAddSingleton<CmdbSync>();
        services.TryAddSingleton<ValidSpecs>();
        services.TryAddSingleton(new ResourceCache<JdCloudPod>(CachedJdCloudPod.Slim));
        services.AddOperatorRuntime<JdCloudPod, JdCloudPodReconciler>(runtime);
        services.AddHostedService<ControllerGauges>();
        return services;
    }

    private static JdCloudPodControllerOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<JdCloudPodControllerOptions>>().Value;
}
