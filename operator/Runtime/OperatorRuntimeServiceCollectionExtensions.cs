using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Runtime;

public static class OperatorRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runtime for one resource type and its reconciler (scoped: one instance per reconcile): the
    /// watcher and cache, the <see cref="ControllerManager{TEntity,TReconciler}"/> hosted service, an
    /// <see cref="EntityClient{T}"/> for any type, <see cref="EventRecorder"/>, <see cref="SecretRedactor"/>, and health
    /// checks tagged "live" and "ready". Uses a registered <see cref="IKubernetes"/>, else the in-cluster config or kubeconfig.
    /// </summary>
    public static IServiceCollection AddOperatorRuntime<TEntity, TReconciler>(this IServiceCollection services,
        Action<OperatorRuntimeOptions>? configure = null)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler
    {
        var options = services.AddOptions<OperatorRuntimeOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKubernetes>(_ => new Kubernetes(Kubeconfig.Resolve(null)));
        services.TryAddSingleton(typeof(EntityClient<>));
        services.TryAddSingleton(typeof(ResourceCache<>));
        services.TryAddSingleton<SecretRedactor>();
        services.TryAddSingleton(sp => new EventRecorder(sp.GetRequiredService<IKubernetes>(), Options(sp).ControllerName,
            Options(sp).Identity, sp.GetRequiredService<SecretRedactor>(), sp.GetRequiredService<ILogger<EventRecorder>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ResourceWatcher<TEntity>(sp.GetRequiredService<EntityClient<TEntity>>(),
            sp.GetRequiredService<ResourceCache<TEntity>>(), Options(sp).Watch,
            sp.GetRequiredService<ILogger<ResourceWatcher<TEntity>>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddScoped<TReconciler>();
        services.TryAddSingleton<ControllerManager<TEntity, TReconciler>>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerManager<TEntity, TReconciler>>());
        services.AddHealthChecks()
            .AddCheck<WatchHealthCheck<TEntity>>($"{EntityClient<TEntity>.Kind}-watch", tags: [OperatorHost.LiveTag])
            .AddCheck<CacheSyncedHealthCheck<TEntity>>($"{EntityClient<TEntity>.Kind}-cache", tags: [OperatorHost.ReadyTag]);
        return services;
    }

    private static OperatorRuntimeOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<OperatorRuntimeOptions>>().Value;
}
