using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Infrastructure;

/// <summary>
/// A kubeconfig for the shared API server that acts as a ServiceAccount, with a token from the TokenRequest API (no
/// controller-manager needed): tests give that identity exactly the RBAC they are about, and nobody else's changes.
/// </summary>
public static class ServiceAccountKubeconfig
{
    /// <summary>Writes the kubeconfig to a temporary file and returns its path (the token lasts an hour).</summary>
    public static async Task<string> CreateAsync(IKubernetes admin, string name, string ns)
    {
        var token = await admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec { Audiences = [], ExpirationSeconds = 3600 },
        }, name, ns);
        var path = Path.Combine(Path.GetTempPath(), $"jdpod-sa-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster: {"{"}server: {ControlPlane.Shared.ApiServerUrl}, insecure-skip-tls-verify: true{"}"}
            users:
            - name: {name}
              user: {"{"}token: {token.Status.Token}{"}"}
            contexts:
            - name: local
              context: {"{"}cluster: local, user: {name}{"}"}
            current-context: local
            """);
        return path;
    }
}
