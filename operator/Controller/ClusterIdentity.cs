using JdCloudPodOperator.Controller.Status;
using Microsoft.Extensions.Options;
using k8s;
using k8s.Autorest;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// The cluster's part of the pods' owner tag (docs/ownership.md): <c>--cluster-id</c>, or else the UID of the
/// namespace kube-system, read once. The UID keeps clusters that share a cloud account apart without any setting; a
/// cluster rebuilt from a backup has a new one, so it is given the old ID with <c>--cluster-id</c> to find its pods.
/// </summary>
public sealed class ClusterIdentity(IKubernetes kubernetes, IOptions<JdCloudPodControllerOptions> options)
{
    public const string DefaultSource = "kube-system";

    private string? _id = options.Value.ClusterId;

    /// <summary>The cluster ID, or the problem that keeps the operator from knowing it.</summary>
    public async Task<(string? Id, Problem? Problem)> GetAsync(CancellationToken cancellationToken)
    {
        if (_id is { } known) return (known, null);
        try
        {
            var ns = await kubernetes.CoreV1.ReadNamespaceAsync(DefaultSource, cancellationToken: cancellationToken);
            return (_id = ns.Metadata.Uid, null);
        }
        catch (HttpOperationException e)
        {
            return (null, Problem.Retrying(Reasons.ClusterIdUnknown,
                $"cannot read the UID of the namespace {DefaultSource}, the default cluster ID in the pods' owner tags ({(int?)e.Response?.StatusCode} {e.Response?.ReasonPhrase}); grant get on it (config/rbac) or set --cluster-id"));
        }
    }
}
