using System.Runtime.CompilerServices;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// Finds which pods already exist in CMDB, by natural key (docs/bkcmdb-api.md, Registration recipe, step 3): per
/// workload AND[ref.kind = k, ref.id = id, name in names], at most 50 such rules OR-ed per call, paged 500 at a time.
/// Each comes with its labels, so the caller can tell its own records from others' (<see cref="CmdbOwnership"/>).
/// </summary>
internal sealed class CmdbPodLookup(CmdbClient client)
{
    private static readonly IReadOnlyList<string> Fields = ["id", "name", "ref", "labels"];

    public async Task<Dictionary<CmdbPodKey, ListedPod>> FindAsync(long bizId, IEnumerable<CmdbPodKey> keys, CancellationToken ct)
    {
        var wanted = keys.ToHashSet();
        var found = new Dictionary<CmdbPodKey, ListedPod>();
        foreach (var filter in Filters(wanted))
            await foreach (var pod in ListAllAsync(bizId, filter, ct))
                if (pod is { Name: { } name, Ref.Kind: { } kind } && wanted.Contains(new CmdbPodKey(kind, pod.Ref.Id, name)))
                    found[new CmdbPodKey(kind, pod.Ref.Id, name)] = pod;
        return found;
    }

    private static IEnumerable<CmdbFilter> Filters(IEnumerable<CmdbPodKey> keys) => keys
        .GroupBy(k => (k.Kind, k.WorkloadId))
        .SelectMany(workload => workload.Select(k => k.Name).Chunk(CmdbFilter.MaxInValues).Select(names => CmdbFilter.And(
            CmdbFilter.Equal("ref.kind", workload.Key.Kind),
            CmdbFilter.Equal("ref.id", workload.Key.WorkloadId),
            CmdbFilter.In("name", names))))
        .Chunk(CmdbFilter.MaxRulesPerLevel)
        .Select(rules => CmdbFilter.Or(rules));

    private async IAsyncEnumerable<ListedPod> ListAllAsync(long bizId, CmdbFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var start = 0; ; start += CmdbPage.MaxLimit)
        {
            var page = await client.ListKubePodAsync(new ListKubePodRequest(bizId, filter, Fields, new CmdbPage(start, CmdbPage.MaxLimit)), ct);
            var info = page.Info ?? [];
            foreach (var pod in info) yield return pod;
            if (info.Count < CmdbPage.MaxLimit) yield break;
        }
    }
}
