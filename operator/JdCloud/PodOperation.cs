namespace JdCloudPodOperator.JdCloud;

/// <summary>
/// A Pod API operation as the retry policy sees it. <see cref="RetryWhenBusy"/> marks the state-changing calls on an
/// existing pod (stop, start, delete, rebuild, resize, EIP association) for which 400 FAILED_PRECONDITION means "busy,
/// try again" (docs/jdcloud-api.md, Retries); on every other call it is a final answer.
/// </summary>
public sealed record PodOperation(string Name, bool RetryWhenBusy)
{
    public static readonly PodOperation CreatePods = new("createPods", RetryWhenBusy: false);
    public static readonly PodOperation DescribePods = new("describePods", RetryWhenBusy: false);
    public static readonly PodOperation DescribePod = new("describePod", RetryWhenBusy: false);
    public static readonly PodOperation DeletePod = new("deletePod", RetryWhenBusy: true);
    public static readonly PodOperation CheckPodName = new("checkPodName", RetryWhenBusy: false);

    public override string ToString() => Name;
}
