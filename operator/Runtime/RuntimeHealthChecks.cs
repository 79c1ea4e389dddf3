using JdCloudPodOperator.KubernetesApi;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Liveness (tag "live"): the watch loop runs and has heard from the server recently. A healthy watch hears at least
/// a bookmark a minute and is renewed every 5-10 minutes, so silence past three watch timeouts means it is stuck.
/// </summary>
public sealed class WatchHealthCheck<T>(ResourceWatcher<T> watcher, IOptions<OperatorRuntimeOptions> options, TimeProvider time) : IHealthCheck
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = watcher.Health;
        var maxSilence = options.Value.Watch.WatchTimeout * 3;
        var description = $"{EntityClient<T>.Kind} watch: last contact {health.LastContact:O}, {health.Relists} lists, {health.Reconnects} reconnects"
            + (health.LastError is null ? "" : $", last error: {health.LastError}");
        return Task.FromResult(health.IsHealthy(time.GetUtcNow(), maxSilence)
            ? HealthCheckResult.Healthy(description)
            : HealthCheckResult.Unhealthy(health.Running ? description : $"{EntityClient<T>.Kind} watch is not running"));
    }
}

/// <summary>Readiness (tag "ready"): the cache holds a full list of every watched namespace.</summary>
public sealed class CacheSyncedHealthCheck<T>(ResourceWatcher<T> watcher) : IHealthCheck
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(watcher.Synced
            ? HealthCheckResult.Healthy($"{EntityClient<T>.Kind} cache synced")
            : HealthCheckResult.Unhealthy($"{EntityClient<T>.Kind} cache not synced yet"));
}
