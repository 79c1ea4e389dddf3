namespace JdCloudPodOperator.JdCloud;

/// <summary>
/// A Pod API operation as the retry policy sees it. <see cref="RetryWhenBusy"/> marks the state-changing calls on an
/// existing pod (stop, start, delete, rebuild, resize, EIP association, and the idempotent modifyPodAttribute) for
/// which 400 FAILED_PRECONDITION means "busy, try again"; on every other call it is a final answer. Which of these
/// are safe to repeat, and how: docs/jdcloud-pod-lifecycle.md, "Errors" and "Retrying".
/// </summary>
public sealed record PodOperation(string Name, bool RetryWhenBusy)
{
    public static readonly PodOperation CreatePods = new("createPods", RetryWhenBusy: false);
    public static readonly PodOperation DescribePods = new("describePods", RetryWhenBusy: false);
    public static readonly PodOperation DescribePod = new("describePod", RetryWhenBusy: false);
    public static readonly PodOperation DeletePod = new("deletePod", RetryWhenBusy: true);
    public static readonly PodOperation CheckPodName = new("checkPodName", RetryWhenBusy: false);
    public static readonly PodOperation DescribePodsStatus = new("describePodsStatus", RetryWhenBusy: false);
    public static readonly PodOperation StopPod = new("stopPod", RetryWhenBusy: true);
    public static readonly PodOperation StartPod = new("startPod", RetryWhenBusy: true);
    public static readonly PodOperation RebuildPod = new("rebuildPod", RetryWhenBusy: true);
    public static readonly PodOperation ResizePod = new("resizePod", RetryWhenBusy: true);
    public static readonly PodOperation ModifyPodAttribute = new("modifyPodAttribute", RetryWhenBusy: true);
    public static readonly PodOperation AssociateElasticIp = new("associateElasticIp", RetryWhenBusy: true);
    public static readonly PodOperation DisassociateElasticIp = new("disassociateElasticIp", RetryWhenBusy: true);
    public static readonly PodOperation GetContainerLogs = new("getContainerLogs", RetryWhenBusy: false);

    public override string ToString() => Name;
}
