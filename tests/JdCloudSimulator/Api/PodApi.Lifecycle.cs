using JdCloudPodOperator.Validation;
using JdCloudSimulator.Pods;
using Microsoft.AspNetCore.Http;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Api;

internal sealed partial class PodApi
{
    /// <summary>describePodsStatus and the calls on one pod (docs/jdcloud-pod-lifecycle.md).</summary>
    private object DispatchOnPod(HttpContext context, byte[] body, PodApiRoute route, string operation)
    {
        var (region, podId) = (route.RegionId, route.PodId!);
        switch (operation)
        {
            case PodApiRoute.DescribePodsStatus:
                var query = DescribeQuery.Parse(Query(context), DescribeQuery.PodFilters, maxPageSize: 500);
                if (query.Tags.Count > 0) throw ApiException.InvalidArgument("tags", ViolationKind.NotSupported, null, "describePodsStatus takes filters only");
                return state.Run((s, _) => s.DescribePodsStatus(region, query));
            case PodApiRoute.StopPod:
                return state.Run((s, now) => s.StopPod(region, podId, now));
            case PodApiRoute.StartPod:
                return state.Run((s, now) => s.StartPod(region, podId, now));
            case PodApiRoute.RebuildPod:
                var rebuild = Responses.ReadJson<RebuildPodBody>(body);
                return state.Run((s, now) => s.RebuildPod(region, podId, rebuild, now));
            case PodApiRoute.ResizePod:
                var resize = Responses.ReadJson<ResizePodBody>(body);
                return state.Run((s, now) => s.ResizePod(region, podId, resize, now));
            case PodApiRoute.ModifyPodAttribute:
                var attributes = Responses.ReadJson<ModifyPodAttributeBody>(body);
                return state.Run((s, _) => s.ModifyPodAttribute(region, podId, attributes));
            case PodApiRoute.AssociateElasticIp:
                var associate = Responses.ReadJson<ElasticIpBody>(body);
                return state.Run((s, _) => s.AssociateElasticIp(region, podId, associate));
            case PodApiRoute.DisassociateElasticIp:
                var disassociate = Responses.ReadJson<ElasticIpBody>(body);
                return state.Run((s, _) => s.DisassociateElasticIp(region, podId, disassociate));
            case PodApiRoute.DescribeContainer:
                return state.Run((s, _) => s.DescribeContainer(region, podId, route.ContainerName!));
            default:
                var selection = LogsQuery.Parse(Query(context));
                return state.Run((s, now) => s.GetContainerLogs(region, podId, route.ContainerName!, selection, now));
        }
    }
}
