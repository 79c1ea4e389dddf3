namespace JdCloudPodOperator.KubernetesApi;

/// <summary>Annotations kubectl (and Argo CD, which applies as kubectl does) writes on the objects it applies.</summary>
public static class KubectlAnnotations
{
    /// <summary>The whole manifest as last applied client-side; server-side apply writes none.</summary>
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";
}
