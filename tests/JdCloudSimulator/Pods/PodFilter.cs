using JdCloudSimulator.Api;

namespace JdCloudSimulator.Pods;

/// <summary>describePods matching (docs/jdcloud-api.md, Operations, describePods filters and paging): filters and tag
/// filters AND together, the values of one OR together; <c>name</c> and <c>privateIpAddress</c> match substrings, the
/// rest exactly. A tag filter matches pods that have the key with one of its values (any value when it lists none);
/// the tags are createPods' userTags.</summary>
internal static class PodFilter
{
    public static bool Matches(SimulatedPod pod, DescribeQuery query) =>
        query.Tags.All(tag => HasTag(pod, tag.Name, tag.Values))
        && query.Filters.All(filter => filter.Values.Any(value => Matches(pod, filter.Name, value)));

    private static bool HasTag(SimulatedPod pod, string key, IReadOnlyList<string> values) =>
        pod.Spec.UserTags?.Exists(t => t?.Key == key && (values.Count == 0 || values.Contains(t.Value ?? ""))) == true;

    private static bool Matches(SimulatedPod pod, string filter, string value) => filter switch
    {
        "podId" => pod.PodId == value,
        "privateIpAddress" => pod.Resources.PrivateIpAddress.Contains(value, StringComparison.Ordinal),
        "az" => pod.Spec.Az == value,
        "vpcId" => pod.Resources.Subnet.VpcId == value,
        "phase" => pod.Phase.Token() == value,
        "name" => pod.Name.Contains(value, StringComparison.Ordinal),
        "subnetId" => pod.Resources.Subnet.SubnetId == value,
        "agId" => pod.Spec.AgId == value,
        _ => false,
    };
}
