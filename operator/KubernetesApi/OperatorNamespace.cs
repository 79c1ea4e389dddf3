namespace JdCloudPodOperator.KubernetesApi;

/// <summary>The namespace the operator runs in: where its Lease and its certificate Secret live.</summary>
public static class OperatorNamespace
{
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>POD_NAMESPACE (set from the downward API), else the service account's namespace; null outside a pod.</summary>
    public static string? Current()
    {
        var fromEnv = Environment.GetEnvironmentVariable("POD_NAMESPACE");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        return File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim() : null;
    }
}
