namespace JdCloudPodOperator.Entities;

/// <summary>Annotations a user sets on a JdCloudPod to steer the operator, and the finalizer it owns.</summary>
public static class Annotations
{
    /// <summary>"true" stops reconciling this resource (status says Paused) until removed.</summary>
    public const string Paused = JdCloudPod.Group + "/paused";

    /// <summary>Comma-separated existing cloud pod IDs to adopt instead of creating new pods.</summary>
    public const string AdoptPodIds = JdCloudPod.Group + "/adopt-pod-ids";

    /// <summary>Keeps the resource until its cloud pods are deleted (or orphaned, per spec.deletionPolicy).</summary>
    public const string Finalizer = JdCloudPod.Group + "/cloud-pods";
}
