namespace JdCloudSimulator.Api;

/// <summary>
/// Which Pod API operation a request is (docs/jdcloud-api.md, Operations), from its method and decoded path.
/// <see cref="Operation"/> is null when the path is known but the method is not allowed on it.
/// </summary>
public sealed record PodApiRoute(string? Operation, string RegionId, string? PodId)
{
    public const string CreatePods = "createPods";
    public const string DescribePods = "describePods";
    public const string DescribePod = "describePod";
    public const string DeletePod = "deletePod";
    public const string CheckPodName = "checkPodName";
    public const string DescribeInstanceTypes = "describeInstanceTypes";
    public const string DescribeQuota = "describeQuota";

    public static IReadOnlyList<string> Operations { get; } =
        [CreatePods, DescribePods, DescribePod, DeletePod, CheckPodName, DescribeInstanceTypes, DescribeQuota];

    /// <summary>Null when the path is no Pod API path. Runs of <c>/</c> count as one, as the signer collapses them.</summary>
    public static PodApiRoute? Match(string method, string decodedPath)
    {
        var s = decodedPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length < 4 || s[0] != "v1" || s[1] != "regions") return null;
        var region = s[2];
        return (s.Length, s[3]) switch
        {
            (4, "pods") => new(method switch { "POST" => CreatePods, "GET" => DescribePods, _ => null }, region, null),
            (4, "pods:checkPodName") => new(method == "POST" ? CheckPodName : null, region, null),
            (4, "instanceTypes") => new(method == "GET" ? DescribeInstanceTypes : null, region, null),
            (4, "quotas") => new(method == "GET" ? DescribeQuota : null, region, null),
            (5, "pods") when !s[4].Contains(':') => new(method switch { "GET" => DescribePod, "DELETE" => DeletePod, _ => null }, region, s[4]),
            _ => null,
        };
    }
}
