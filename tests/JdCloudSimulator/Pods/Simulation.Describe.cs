using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JdCloudPodOperator.Entities;
using JdCloudSimulator.Api;

namespace JdCloudSimulator.Pods;

internal sealed partial class Simulation
{
    /// <summary>describePods (docs/jdcloud-api.md, Operations, describePods filters and paging): live pods in creation
    /// order, filtered, one page, and the total of matches.</summary>
    public object DescribePods(string regionId, DescribeQuery query)
    {
        var (page, totalCount) = Page(regionId, query);
        return new { pods = page.Select(PodView.Render).ToList(), totalCount };
    }

    /// <summary>describePodsStatus: the same filters and order, BriefPodStatus per pod, pages of up to 500.</summary>
    public object DescribePodsStatus(string regionId, DescribeQuery query)
    {
        var (page, totalCount) = Page(regionId, query);
        return new { podsStatus = page.Select(PodView.RenderBrief).ToList(), totalCount };
    }

    private (IEnumerable<SimulatedPod> Page, int TotalCount) Page(string regionId, DescribeQuery query)
    {
        Region(regionId);
        var matches = Candidates(regionId, query).Where(pod => PodFilter.Matches(pod, query)).ToList();
        // In long: a page past the end is empty, never a wrapped-around first page.
        var skip = (long)(query.PageNumber - 1) * query.PageSize;
        return (skip >= matches.Count ? [] : matches.Skip((int)skip).Take(query.PageSize), matches.Count);
    }

    // A podId filter (how the operator watches its pods) is answered by lookup instead of a scan.
    private IEnumerable<SimulatedPod> Candidates(string regionId, DescribeQuery query) =>
        query.Filters.FirstOrDefault(f => f.Name == "podId") is { } ids
            ? ids.Values.Distinct().Select(id => _registry.FindLive(regionId, id)).OfType<SimulatedPod>().OrderBy(p => p.Sequence)
            : _registry.Region(regionId).Live.Values;

    public object DescribePod(string regionId, string podId)
    {
        return new { pod = PodView.Render(Live(regionId, podId)) };
    }

    /// <summary>deletePod (docs/jdcloud-api.md, Preconditions): running, stopped or error pods move to deleting; a
    /// transient pod is busy. With <paramref name="deleteElasticIps"/> (the query flag
    /// deletePrimaryNetworkInterfaceAllElasticIp) the EIP on the primary interface is deleted too, not only freed
    /// (docs/jdcloud-pod-lifecycle.md, associateElasticIp and disassociateElasticIp).</summary>
    public object DeletePod(string regionId, string podId, bool deleteElasticIps, DateTimeOffset now)
    {
        var pod = Live(regionId, podId);
        NotBusy(pod);
        _lifecycle.Delete(pod, now);
        if (deleteElasticIps && pod.ElasticIp is { } eip) Region(regionId).ElasticIps.Remove(eip.ElasticIpId);
        return new JsonObject();
    }

    /// <summary>checkPodName: 0 usable, 1 empty, 2 invalid, 3 already used in the region.</summary>
    public object CheckPodName(string regionId, string? podName, int maxCount)
    {
        Region(regionId);
        var (code, reason) = podName switch
        {
            null or "" => (1, "the pod name is empty"),
            _ when podName.Length > 253 || !Dns1123Subdomain().IsMatch(podName) => (2, "the pod name " + Patterns.Dns1123SubdomainMeaning),
            _ when PodNames.LongestLength(podName.Length, maxCount) > 253 => (2, $"with maxCount {maxCount} the suffixed names would exceed 253 characters"),
            _ when _registry.Region(regionId).ByName.ContainsKey(podName) => (3, $"the pod name already exists in region {regionId}"),
            _ => (0, ""),
        };
        return new { code, reason };
    }

    [GeneratedRegex(Patterns.Dns1123Subdomain)]
    private static partial Regex Dns1123Subdomain();
}
