using JdCloudSimulator.Api;

namespace JdCloudSimulator.Pods;

/// <summary>describePods matching (docs/jdcloud-api.md, Operations, describePods filters and paging): filters AND
/// together, the values of one filter OR together; <c>name</c> and <c>privateIpAddress</c> match substrings, the rest
/// exactly.</summary>
internal static class PodFilter
{
    public static bool Matches(SimulatedPod pod, DescribeQuery query) =>
        query.Tags.Count == 0 // pods created through createPods carry no tags
        && query.Filters.All(filter => filter.Values.Any(value => Matches(pod, filter.Name, value)));

    private static bool Matches(SimulatedPod pod, string filter, string value) => filter switch
    {
        "podId" => pod.PodId == value,
        "privateIpAddress" => pod.Resources.PrivateIpAddress.Contains(value, StringComparison.Ordinal),
        "az" => pod.Spec.Az == value,
        "vpcId" => pod.Resources.Subnet.VpcId == value,
        "phase" => pod.Phase.Token() == value,
        "name" => pod.Name.Contains(value, StringComparison.Ordinal),
        "subnetId" => pod.Resources.Subnet.SubnetId == value,
        _ => false, // agId: pods created without an availability group match no agId
    };
}
