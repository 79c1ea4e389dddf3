using JdCloudPodOperator.KubernetesApi;
namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Drives one object towards its desired state, as in controller-runtime: it gets only the key, reads the current
/// object (from <see cref="ResourceCache{T}"/> or the API) and must be idempotent. The runtime never runs two
/// reconciles of one key at once. The token is cancelled on shutdown and at once when the leader lease is lost.
/// </summary>
public interface IReconciler
{
    /// <summary>Throw to retry with backoff; return <see cref="ReconcileResult.RequeueAfter"/> to poll.</summary>
    Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken cancellationToken);
}
