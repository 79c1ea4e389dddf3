namespace JdCloudSimulator.Api;

/// <summary>
/// Which Pod API operation a request is, from its method and decoded path (docs/jdcloud-pod-lifecycle.md for the
/// operations on one pod). <see cref="Operation"/> is null when the path is known but the method is not allowed on it.
/// </summary>
public sealed record PodApiRoute(string? Operation, string RegionId, string? PodId, string? ContainerName = null)
{
    public const string CreatePods = "createPods";
    public const string DescribePods = "describePods";
    public const string DescribePodsStatus = "describePodsStatus";
    public const string DescribePod = "describePod";
    public const string DeletePod = "deletePod";
    public const string CheckPodName = "checkPodName";
    public const string DescribeInstanceTypes = "describeInstanceTypes";
    public const string DescribeQuota = "describeQuota";
    public const string StopPod = "stopPod";
    public const string StartPod = "startPod";
    public const string RebuildPod = "rebuildPod";
    public const string ResizePod = "resizePod";
    public const string ModifyPodAttribute = "modifyPodAttribute";
    public const string AssociateElasticIp = "associateElasticIp";
    public const string DisassociateElasticIp = "disassociateElasticIp";
    public const string GetContainerLogs = "getContainerLogs";
    public const string DescribeContainer = "describeContainer";

    /// <summary>The <c>:action</c> suffixes on <c>/pods/{podId}</c>: the operation and the one method it takes.</summary>
    private static readonly Dictionary<string, (string Operation, string Method)> PodActions = new(StringComparer.Ordinal)
    {
        ["stopPod"] = (StopPod, "POST"),
        ["startPod"] = (StartPod, "POST"),
        ["rebuild"] = (RebuildPod, "POST"),
        ["resize"] = (ResizePod, "POST"),
        ["modifyPodAttribute"] = (ModifyPodAttribute, "PATCH"),
        ["associateElasticIp"] = (AssociateElasticIp, "POST"),
        ["disassociateElasticIp"] = (DisassociateElasticIp, "POST"),
    };

    public static IReadOnlyList<string> Operations { get; } =
    [
        CreatePods, DescribePods, DescribePodsStatus, DescribePod, DeletePod, CheckPodName, DescribeInstanceTypes, DescribeQuota,
        StopPod, StartPod, RebuildPod, ResizePod, ModifyPodAttribute, AssociateElasticIp, DisassociateElasticIp, GetContainerLogs,
        DescribeContainer,
    ];

    /// <summary>Null when the path is no Pod API path. Runs of <c>/</c> count as one, as the signer collapses them.</summary>
    public static PodApiRoute? Match(string method, string decodedPath)
    {
        var s = decodedPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length < 4 || s[0] != "v1" || s[1] != "regions") return null;
        var region = s[2];
        return (s.Length, s[3]) switch
        {
            (4, "pods") => new(method switch { "POST" => CreatePods, "GET" => DescribePods, _ => null }, region, null),
            (4, "podsStatus") => new(method == "GET" ? DescribePodsStatus : null, region, null),
            (4, "pods:checkPodName") => new(method == "POST" ? CheckPodName : null, region, null),
            (4, "instanceTypes") => new(method == "GET" ? DescribeInstanceTypes : null, region, null),
            (4, "quotas") => new(method == "GET" ? DescribeQuota : null, region, null),
            (5, "pods") when !s[4].Contains(':') => new(method switch { "GET" => DescribePod, "DELETE" => DeletePod, _ => null }, region, s[4]),
            (5, "pods") => PodAction(method, region, s[4]),
            (7, "pods") when s[5] == "containers" && s[6].EndsWith(":getContainerLogs", StringComparison.Ordinal) =>
                new(method == "GET" ? GetContainerLogs : null, region, s[4], s[6][..^":getContainerLogs".Length]),
            (7, "pods") when s[5] == "containers" && !s[4].Contains(':') && !s[6].Contains(':') =>
                new(method == "GET" ? DescribeContainer : null, region, s[4], s[6]),
            _ => null,
        };
    }

    private static PodApiRoute? PodAction(string method, string region, string podAndAction)
    {
        var colon = podAndAction.IndexOf(':');
        return PodActions.TryGetValue(podAndAction[(colon + 1)..], out var action)
            ? new(method == action.Method ? action.Operation : null, region, podAndAction[..colon])
            : null;
    }
}
