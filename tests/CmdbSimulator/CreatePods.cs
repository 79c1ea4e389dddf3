using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmdbSimulator;

/// <summary>batch_create_kube_pod, step by step as the server runs it (docs/bkcmdb-api.md, batch_create_kube_pod
/// processing); the first error ends it.</summary>
public static class CreatePods
{
    public const int PodLimit = 200;

    public static readonly IReadOnlyList<string> WorkloadKinds =
        ["deployment", "statefulSet", "daemonSet", "gameStatefulSet", "gameDeployment", "cronJob", "job", "pods", "customResource"];

    public static JsonObject Handle(SimulatorState state, string body, string user, string supplier, bool en)
    {
        var request = Bodies.Decode<CreateBody>(body, en);
        Validate(request, en);
        foreach (var entry in request.Data!)
            if (state.IsDenied("create_container_pod", entry?.BizId ?? 0))
                throw Messages.Denied("create_container_pod", "容器Pod新建", [], en);
        var pods = request.Data!.SelectMany(d => (d?.Pods ?? []).Select(p => (BizId: d!.BizId ?? 0, Pod: p!))).ToList();
        lock (state.Gate)
        {
            if (pods.Count == 0) throw new CmdbFailure(Messages.Unknown, "no pods need created");
            // Ids come from a sequence outside the transaction: a failed request still uses them up.
            var ids = state.AllocatePodIds(pods.Count);
            var workloads = pods.Select(p => WorkloadOf(state, p.Pod.Spec!, en)).ToList();
            for (var i = 0; i < pods.Count; i++) CheckBusiness(state, pods[i].BizId, workloads[i], en);
            foreach (var (_, pod) in pods) CheckNode(state, pod.Spec!, en);
            CheckUnique(state, pods.Select(p => p.Pod).ToList(), ids, en);
            for (var i = 0; i < pods.Count; i++) Insert(state, ids[i], pods[i].Pod, workloads[i], user, supplier);
            return new JsonObject { ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()) };
        }
    }

    /// <summary>Step 2, validation, in its exact order.</summary>
    private static void Validate(CreateBody request, bool en)
    {
        if (request.Data is not { Count: > 0 }) throw Messages.NotAssigned("data", en);
        if (request.Data.Sum(d => d?.Pods?.Count ?? 0) > PodLimit) throw Messages.Exceed("pods", PodLimit, en);
        foreach (var pod in request.Data.SelectMany(d => d?.Pods ?? []))
            ValidatePod(pod ?? new PodBody(), en);
    }

    private static void ValidatePod(PodBody pod, bool en)
    {
        var spec = pod.Spec ??= new SpecBody();
        if ((spec.ClusterId ?? 0) == 0) throw Messages.InvalidParam("cluster id must be set", en);
        if ((spec.NamespaceId ?? 0) == 0) throw Messages.InvalidParam("namespace id must be set", en);
        if ((spec.NodeId ?? 0) == 0) throw Messages.InvalidParam("node id must be set", en);
        if (string.IsNullOrEmpty(spec.Ref?.Kind) || (spec.Ref.Id ?? 0) == 0) throw Messages.InvalidParam("workload must be set", en);
        if (!WorkloadKinds.Contains(spec.Ref.Kind)) throw Messages.InvalidParam("workload is illegal type", en);
        if ((pod.HostId ?? 0) == 0) throw Messages.NotAssigned("host id", en);
        if (string.IsNullOrEmpty(pod.Name)) throw Messages.NotAssigned("pod name", en);
        if (pod.Operator is not { Count: > 0 }) throw Messages.NotAssigned("pod operator", en);
        foreach (var container in pod.Containers ?? [])
        {
            if (string.IsNullOrEmpty(container?.Name)) throw Messages.NotAssigned("container name", en);
            if (string.IsNullOrEmpty(container.ContainerUid)) throw Messages.InvalidParam("container_uid", en);
            if (container.Image is null) throw Messages.InvalidParam("image", en);
        }
    }

    private static (Workload Workload, KubeNamespace Namespace) WorkloadOf(SimulatorState state, SpecBody spec, bool en) =>
        state.Workloads.TryGetValue((spec.Ref!.Kind!, spec.Ref.Id!.Value), out var w)
        && state.Namespaces.TryGetValue(w.NamespaceId, out var ns)
        && ns.Id == spec.NamespaceId && ns.ClusterId == spec.ClusterId
            ? (w, ns)
            : throw Messages.NotPassed("workload", en);

    /// <summary>A business other than the workload's is allowed only through a shared namespace.</summary>
    private static void CheckBusiness(SimulatorState state, long bizId, (Workload, KubeNamespace Namespace) workload, bool en)
    {
        if (bizId != workload.Namespace.BizId && !workload.Namespace.IsSharedWith(bizId)) throw Messages.NotPassed("namespace", en);
    }

    private static void CheckNode(SimulatorState state, SpecBody spec, bool en)
    {
        if (!state.Nodes.TryGetValue(spec.NodeId!.Value, out var node) || node.ClusterId != spec.ClusterId
            || !state.Clusters.TryGetValue(node.ClusterId, out var cluster) || cluster.BizId != node.BizId)
            throw Messages.NotPassed("node", en);
    }

    /// <summary>Unique indexes: pod (ref.id, ref.kind, name), container (bk_pod_id, container_uid).</summary>
    private static void CheckUnique(SimulatorState state, List<PodBody> pods, long[] ids, bool en)
    {
        var taken = state.PodsById.Values.Select(p => ((long)p["ref"]!["id"]!, (string)p["ref"]!["kind"]!, (string)p["name"]!)).ToHashSet();
        for (var i = 0; i < pods.Count; i++)
        {
            var r = pods[i].Spec!.Ref!;
            if (!taken.Add((r.Id!.Value, r.Kind!, pods[i].Name!)))
                throw Messages.Duplicate($"ref.id: {r.Id}, ref.kind: \"{r.Kind}\", name: \"{pods[i].Name}\"", en, state.LegacyDuplicateError);
            var uids = new HashSet<string>();
            foreach (var container in pods[i].Containers ?? [])
                if (!uids.Add(container!.ContainerUid!))
                    throw Messages.Duplicate($"bk_pod_id: {ids[i]}, container_uid: \"{container.ContainerUid}\"", en, state.LegacyDuplicateError);
        }
    }

    private static void Insert(SimulatorState state, long id, PodBody pod, (Workload Workload, KubeNamespace Namespace) owner,
        string user, string supplier)
    {
        var node = state.Nodes[pod.Spec!.NodeId!.Value];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var stored = new JsonObject
        {
            ["id"] = id, ["bk_supplier_account"] = supplier, ["bk_biz_id"] = owner.Namespace.BizId,
            ["bk_cluster_id"] = owner.Namespace.ClusterId, ["cluster_uid"] = state.Clusters.GetValueOrDefault(owner.Namespace.ClusterId)?.Uid,
            ["bk_namespace_id"] = owner.Namespace.Id, ["namespace"] = owner.Namespace.Name,
            ["ref"] = new JsonObject { ["kind"] = owner.Workload.Kind, ["name"] = owner.Workload.Name, ["id"] = owner.Workload.Id },
            ["bk_host_id"] = pod.HostId, ["bk_node_id"] = node.Id, ["node_name"] = node.Name, ["name"] = pod.Name,
            ["priority"] = pod.Priority, ["labels"] = ToJson(pod.Labels), ["ip"] = pod.Ip, ["ips"] = ToJson(pod.Ips),
            ["volumes"] = ToJson(pod.Volumes), ["qos_class"] = pod.QosClass, ["node_selectors"] = ToJson(pod.NodeSelectors),
            ["tolerations"] = ToJson(pod.Tolerations), ["operator"] = ToJson(pod.Operator),
            ["creator"] = user, ["modifier"] = user, ["create_time"] = now, ["last_time"] = now,
        };
        foreach (var empty in stored.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) stored.Remove(empty);
        state.PodsById[id] = stored;
        foreach (var c in pod.Containers ?? [])
            state.Containers.Add(new JsonObject
            {
                ["bk_pod_id"] = id, ["bk_biz_id"] = owner.Namespace.BizId, ["bk_cluster_id"] = owner.Namespace.ClusterId,
                ["bk_namespace_id"] = owner.Namespace.Id, ["ref"] = new JsonObject { ["kind"] = owner.Workload.Kind, ["id"] = owner.Workload.Id },
                ["name"] = c!.Name, ["container_uid"] = c.ContainerUid, ["image"] = c.Image, ["started"] = c.Started,
            });
    }

    private static JsonNode? ToJson<T>(T? value) => value is null ? null : JsonSerializer.SerializeToNode(value);
}
