using Polly;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// Registers one batch (at most 200 distinct pods): every attempt lists what exists and creates only the rest, so a
/// retry after a duplicate (1199014), a timeout or a transient error never creates twice (docs/bkcmdb-api.md,
/// Registration recipe). The server rolls back the whole call when one pod is bad, so a failing batch is split in
/// halves until the offender is alone and only its pods fail, with the server's message. A pod whose name CMDB
/// already holds for someone else fails with a conflict (<see cref="CmdbOwnership"/>).
/// </summary>
internal sealed class CmdbBatchRunner(CmdbClient client, CmdbPodLookup lookup, ResiliencePipeline retry, ILogger logger)
{
    public async Task RunAsync(IReadOnlyList<KeyGroup> groups, CancellationToken ct)
    {
        try
        {
            await retry.ExecuteAsync(attemptCt => AttemptAsync(groups, attemptCt), ct);
        }
        catch (CmdbException e)
        {
            await IsolateAsync(groups.Where(g => !g.Done).ToList(), e.Error, ct);
        }
    }

    private async ValueTask AttemptAsync(IReadOnlyList<KeyGroup> groups, CancellationToken ct)
    {
        foreach (var business in groups.Where(g => !g.Done).GroupBy(g => g.BizId))
            await ResolveExistingAsync(business.Key, business.ToList(), ct);
        var missing = groups.Where(g => !g.Done).GroupBy(g => g.BizId).ToList();
        if (missing.Count == 0) return;
        // Ids come back in flattened order: all pods of data[0], then data[1], ... (docs/bkcmdb-api.md,
        // batch_create_kube_pod processing, step 5).
        var flattened = missing.SelectMany(b => b).ToList();
        var request = new BatchCreateKubePodRequest(missing.Select(b => new BatchCreateKubePodEntry(b.Key, b.Select(g => g.Pod).ToList())).ToList());
        var ids = await client.BatchCreateKubePodAsync(request, ct);
        for (var i = 0; i < flattened.Count; i++) flattened[i].Resolve(ids[i]);
    }

    private async Task ResolveExistingAsync(long bizId, List<KeyGroup> groups, CancellationToken ct)
    {
        Dictionary<CmdbPodKey, ListedPod> existing;
        try
        {
            existing = await lookup.FindAsync(bizId, groups.Select(g => g.Key), ct);
        }
        catch (CmdbException e) when (!e.Error.IsTransient)
        {
            // Listing is per business: a refusal (e.g. no view permission) fails this business only.
            FailAll(groups, e.Error);
            return;
        }
        // A record under the pod's key is taken only when it carries this pod's owner label; otherwise the name is
        // someone else's and the pod fails with a conflict (no create either: it would be a duplicate).
        foreach (var group in groups)
        {
            if (!existing.TryGetValue(group.Key, out var listed)) continue;
            if (CmdbOwnership.IsOwnedBy(listed, CmdbOwnership.OwnerOf(group.Pod))) group.Resolve(listed.Id);
            else FailAll([group], CmdbOwnership.Conflict(group.Key, bizId, listed));
        }
    }

    private async Task IsolateAsync(List<KeyGroup> failed, CmdbError error, CancellationToken ct)
    {
        if (failed.Count == 0) return;
        if (failed.Count == 1 || error.IsTransient || error.IsGlobal)
        {
            FailAll(failed, error);
            return;
        }
        if (error.IsPermissionDenied)
        {
            // IAM checks each business (data[] entry) on its own: only a single-business call tells whose it is.
            var businesses = failed.GroupBy(g => g.BizId).ToList();
            if (businesses.Count == 1) FailAll(failed, error);
            else foreach (var business in businesses) await RunAsync(business.ToList(), ct);
            return;
        }
        var half = failed.Count / 2;
        await RunAsync(failed[..half], ct);
        await RunAsync(failed[half..], ct);
    }

    private void FailAll(IEnumerable<KeyGroup> groups, CmdbError error)
    {
        foreach (var group in groups)
        {
            logger.LogWarning("CMDB registration of pod {Pod} (business {BizId}) failed: {Error}", group.Key, group.BizId, error);
            group.Fail(error);
        }
    }
}
