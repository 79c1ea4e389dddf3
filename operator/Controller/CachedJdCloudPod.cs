using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// What the cache keeps of a JdCloudPod. While it converges its passes read it from the cache (the whole object but
/// managedFields). Once it is Ready for its generation a pass reads it from the API (JdCloudPodReconciler.ReadAsync
/// takes the cached copy only with its podSpec), and the cache serves only the keys, the metadata for the change
/// filter, status.podIds for the pod claims and each pod's phase for the gauges: the podSpec (up to ~50 KB), the
/// conditions, revisions, CMDB registrations and the pods' other fields go. The strings every resource repeats
/// (region, reasons, phases, revisions) are shared (<see cref="StringPool"/>).
/// </summary>
public static class CachedJdCloudPod
{
    /// <summary>Slims <paramref name="pod"/> as it enters the cache (a second call changes nothing).</summary>
    public static void Slim(JdCloudPod pod)
    {
        if (Settled(pod)) KeepSettled(pod);
        Share(pod.Spec);
        if (pod.Status is { } status) Share(status);
    }

    /// <summary>Ready for its current generation, not being deleted.</summary>
    internal static bool Settled(JdCloudPod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.ObservedGeneration == pod.Metadata.Generation
        && Conditions.Find(pod.Status?.Conditions, Conditions.Ready)?.Status == "True";

    private static void KeepSettled(JdCloudPod pod)
    {
        var status = pod.Status!;
        pod.Spec.PodSpec = null;
        pod.Status = new JdCloudPodStatus
        {
            ObservedGeneration = status.ObservedGeneration,
            Phase = status.Phase,
            PodIds = status.PodIds,
            Pods = status.Pods?.Select(p => new CloudPodStatus { PodId = p.PodId, Phase = p.Phase }).ToList(),
        };
    }

    private static void Share(JdCloudPodSpec spec)
    {
        spec.RegionId = StringPool.Share(spec.RegionId);
        spec.DeletionPolicy = StringPool.Share(spec.DeletionPolicy);
        spec.RunState = StringPool.Share(spec.RunState);
        if (spec.CredentialsSecretRef is { } secret) secret.Name = StringPool.Share(secret.Name);
    }

    private static void Share(JdCloudPodStatus status)
    {
        status.Phase = StringPool.Share(status.Phase);
        status.UpdateRevision = StringPool.Share(status.UpdateRevision);
        var podIds = status.PodIds?.ToDictionary(id => id, StringComparer.Ordinal);
        foreach (var pod in status.Pods ?? [])
        {
            // The same ID as in podIds: one instance for both.
            if (pod.PodId is not null && podIds?.GetValueOrDefault(pod.PodId) is { } id) pod.PodId = id;
            pod.Phase = StringPool.Share(pod.Phase);
            pod.Message = StringPool.Share(pod.Message);
            pod.Revision = StringPool.Share(pod.Revision);
        }
        foreach (var revision in status.Revisions ?? []) Share(revision);
        foreach (var condition in status.Conditions ?? [])
        {
            condition.Type = StringPool.Share(condition.Type);
            condition.Status = StringPool.Share(condition.Status);
            condition.Reason = StringPool.Share(condition.Reason);
            condition.Message = StringPool.Share(condition.Message);
        }
    }

    private static void Share(PodSpecRevision revision)
    {
        revision.Name = StringPool.Share(revision.Name);
        revision.Description = StringPool.Share(revision.Description);
        revision.Containers = StringPool.Share(revision.Containers);
        revision.InstanceType = StringPool.Share(revision.InstanceType);
        revision.Resources = StringPool.Share(revision.Resources);
        revision.Fixed = StringPool.Share(revision.Fixed);
    }
}
