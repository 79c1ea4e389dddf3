using System.Text.Json.Nodes;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.Api;
using JdCloudSimulator.World;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Pods;

/// <summary>
/// The calls on one pod (docs/jdcloud-pod-lifecycle.md). Order of checks: the pod exists (404), the body is valid
/// (400 INVALID_ARGUMENT), then the phase: a transient one is busy (400 FAILED_PRECONDITION), a stable one the call
/// does not accept is refused with <see cref="SimulatorSettings.WrongPhaseStatus"/>.
/// </summary>
internal sealed partial class Simulation
{
    public object StopPod(string regionId, string podId, DateTimeOffset now)
    {
        _lifecycle.Stop(Require(regionId, podId, PodApiRoute.StopPod, PodPhase.Running), now);
        return new JsonObject();
    }

    public object StartPod(string regionId, string podId, DateTimeOffset now)
    {
        _lifecycle.Start(Require(regionId, podId, PodApiRoute.StartPod, PodPhase.Stopped), now);
        return new JsonObject();
    }

    public object RebuildPod(string regionId, string podId, RebuildPodBody body, DateTimeOffset now)
    {
        var (revised, rebuilt) = RebuildRules.Apply(Live(regionId, podId).Spec, body);
        _lifecycle.Rebuild(Require(regionId, podId, PodApiRoute.RebuildPod, PodPhase.Stopped), revised, rebuilt, now);
        return new JsonObject();
    }

    public object ResizePod(string regionId, string podId, ResizePodBody body, DateTimeOffset now)
    {
        var revised = ResizeRules.Apply(World, Region(regionId), Live(regionId, podId).Spec, body);
        _lifecycle.Resize(Require(regionId, podId, PodApiRoute.ResizePod, PodPhase.Stopped), revised, now);
        return new JsonObject();
    }

    /// <summary>
    /// The description only, at once and without a phase change. The one field is optional and no phase requirement
    /// is stated (docs/jdcloud-pod-lifecycle.md, modifyPodAttribute; Preconditions): without a description nothing changes.
    /// </summary>
    public object ModifyPodAttribute(string regionId, string podId, ModifyPodAttributeBody body)
    {
        var pod = Live(regionId, podId);
        if (body.Name is not null) throw ApiException.InvalidArgument("name", ViolationKind.Forbidden, body.Name, "a pod's name cannot be changed; only description can");
        if (body.Description is not { } description) return new JsonObject();
        if (description.Length > 256) throw ApiException.InvalidArgument("description", ViolationKind.TooLong, null, $"may have at most 256 characters (has {description.Length})");
        var revised = SpecJson.Copy(pod.Spec);
        revised.Description = description;
        pod.Revise(revised);
        return new JsonObject();
    }

    public object AssociateElasticIp(string regionId, string podId, ElasticIpBody body)
    {
        var pod = Live(regionId, podId);
        var eip = ElasticIpOf(Region(regionId), body);
        if (pod.ElasticIp is { } bound)
            throw ApiException.InvalidArgument("elasticIpId", ViolationKind.Invalid, eip.ElasticIpId, $"pod {podId} already has elastic IP {bound.ElasticIpId} on its primary NIC; a pod holds one");
        if (eip.BoundTo is { } other)
            throw ApiException.InvalidArgument("elasticIpId", ViolationKind.Invalid, eip.ElasticIpId, $"is bound to pod {other}");
        eip.BoundTo = podId;
        pod.ElasticIp = eip;
        return new JsonObject();
    }

    public object DisassociateElasticIp(string regionId, string podId, ElasticIpBody body)
    {
        var pod = Live(regionId, podId);
        var eip = ElasticIpOf(Region(regionId), body);
        if (pod.ElasticIp != eip)
            throw ApiException.InvalidArgument("elasticIpId", ViolationKind.Invalid, eip.ElasticIpId,
                pod.ElasticIp is null ? $"pod {podId} has no elastic IP" : $"is not the elastic IP of pod {podId} ({pod.ElasticIp.ElasticIpId})");
        eip.BoundTo = null;
        pod.ElasticIp = null;
        return new JsonObject();
    }

    /// <summary>getContainerLogs in every phase of a live pod: a stopped pod's last run, "" before any start.</summary>
    public object GetContainerLogs(string regionId, string podId, string containerName, LogSelection selection, DateTimeOffset now)
    {
        var pod = Live(regionId, podId);
        if (pod.Spec.Containers?.Any(c => c.Name == containerName) != true)
            throw ApiException.NotFound($"container {containerName} not found in pod {podId}");
        return new { logs = new { content = ContainerLog.Read(pod, containerName, selection, now) } };
    }

    /// <summary>describeContainer (docs/jdcloud-pod-lifecycle.md, describeContainer): the container's spec fields and status.</summary>
    public object DescribeContainer(string regionId, string podId, string containerName)
    {
        var pod = Live(regionId, podId);
        foreach (var container in pod.SpecJson.Containers)
        {
            if (container.TryGetProperty("name", out var name) && name.ValueEquals(containerName))
                return new { container = PodView.RenderContainer(pod, container) };
        }
        throw ApiException.NotFound($"container {containerName} not found in pod {podId}");
    }

    private SimulatedPod Live(string regionId, string podId)
    {
        Region(regionId);
        return _registry.FindLive(regionId, podId) ?? throw ApiException.NotFound($"pod {podId} not found");
    }

    /// <summary>The live pod, if it is in <paramref name="required"/>; otherwise busy or wrong phase.</summary>
    private SimulatedPod Require(string regionId, string podId, string operation, PodPhase required)
    {
        var pod = Live(regionId, podId);
        NotBusy(pod);
        return pod.Phase == required
            ? pod
            : throw ApiException.WrongPhase(_settings().WrongPhaseStatus, podId, pod.Phase.Token(), operation, required.Token());
    }

    private static void NotBusy(SimulatedPod pod)
    {
        if (pod.Phase.IsTransient()) throw ApiException.Busy(pod.PodId, pod.Phase.Token());
    }

    /// <summary>The EIP the body names. The lenient world creates an unknown <c>fip-*</c> on first use, as it does subnets.</summary>
    private ElasticIp ElasticIpOf(RegionWorld region, ElasticIpBody body)
    {
        if (string.IsNullOrEmpty(body.ElasticIpId)) throw ApiException.InvalidArgument("elasticIpId", ViolationKind.Required, null, "");
        return region.ElasticIps.GetValueOrDefault(body.ElasticIpId)
            ?? (!_strictWorld && body.ElasticIpId.StartsWith("fip-", StringComparison.Ordinal)
                ? region.AddElasticIp(body.ElasticIpId, _ids.PublicIp())
                : throw ApiException.InvalidArgument("elasticIpId", ViolationKind.NotFound, body.ElasticIpId, $"no such elastic IP in region {region.RegionId}"));
    }
}
