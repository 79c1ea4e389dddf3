using System.Text.Json.Nodes;

namespace CmdbSimulator;

/// <summary>batch_delete_kube_pod (docs/bkcmdb-api.md, batch_delete_kube_pod): interleaved validation, idempotent,
/// containers go with their pods.</summary>
public static class DeletePods
{
    public const int Limit = 200;

    public static JsonNode? Handle(SimulatorState state, string body, bool en)
    {
        var request = Bodies.Decode<DeleteBody>(body, en);
        if (request.Data is not { Count: > 0 }) throw Messages.NotAssigned("data", en);
        if (request.Data.Count > Limit) throw Messages.Exceed("data", Limit, en);
        var total = 0;
        foreach (var entry in request.Data)
        {
            if ((entry?.BizId ?? 0) == 0) throw Messages.NotAssigned("bk_biz_id", en);
            if (entry!.Ids is not { Count: > 0 }) throw Messages.NotAssigned("ids", en);
            total += entry.Ids.Count;
            if (total > Limit) throw Messages.Exceed("pods", Limit, en);
        }
        foreach (var entry in request.Data)
            if (state.IsDenied("delete_container_pod", entry!.BizId!.Value))
                throw Messages.Denied("delete_container_pod", "容器Pod删除", [], en);
        lock (state.Gate)
        {
            var doomed = request.Data.SelectMany(e => e!.Ids!.Select(id => (BizId: e.BizId!.Value, Id: id ?? 0)))
                .Where(x => state.PodsById.ContainsKey(x.Id)).ToList();
            foreach (var (bizId, id) in doomed)
            {
                var pod = state.PodsById[id];
                if ((long)pod["bk_biz_id"]! != bizId
                    && !(state.Namespaces.TryGetValue((long)pod["bk_namespace_id"]!, out var ns) && ns.IsSharedWith(bizId)))
                    throw Messages.NotPassed("bk_biz_id", en);
            }
            foreach (var (_, id) in doomed)
            {
                state.PodsById.Remove(id);
                state.Containers.RemoveAll(c => (long)c["bk_pod_id"]! == id);
            }
        }
        return null;
    }
}
