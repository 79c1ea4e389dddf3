using JdCloudPodOperator.JdCloud.Models;
using JdCloudPodOperator.JdCloud.Signing;

namespace JdCloudPodOperator.JdCloud;

/// <summary>
/// Operations on an existing pod (docs/jdcloud-pod-lifecycle.md). Transport failures, 429 RATE_LIMIT, 5xx and 400
/// FAILED_PRECONDITION (busy) are retried by the pipeline as for every call. A remaining 400 is read against a fresh
/// describePod: a call that has already taken effect (a retry after a lost answer) returns false; a pod in the wrong
/// phase throws <see cref="JdCloudErrorKind.WrongPhase"/>, a pod still busy <see cref="JdCloudErrorKind.Busy"/>, a
/// resize to the current type <see cref="JdCloudErrorKind.SameInstanceType"/>, each with the phase observed.
/// </summary>
public sealed partial class PodClient
{
    public const int MaxDescriptionLength = 256;

    /// <summary>stopPod: running → stopping → stopped; the pod keeps its ID, IPs and disks. Safe to repeat. Returns
    /// false when the pod was already stopping or stopped (for example by this call's own attempt whose answer was lost).</summary>
    public Task<bool> StopPodAsync(string podId, CancellationToken cancellationToken = default) =>
        ActAsync(PodOperation.StopPod, podId, ":stopPod", HttpMethod.Post, Request(podId), PhaseRule.Stop, null, cancellationToken);

    /// <summary>startPod: stopped → starting → running (or error, when a container cannot start). Safe to repeat.
    /// Returns false when the pod was already starting or running.</summary>
    public Task<bool> StartPodAsync(string podId, CancellationToken cancellationToken = default) =>
        ActAsync(PodOperation.StartPod, podId, ":startPod", HttpMethod.Post, Request(podId), PhaseRule.Start, null, cancellationToken);

    /// <summary>
    /// rebuildPod: needs a stopped pod; the named containers get the given image and settings, their system disks
    /// are re-initialised, and the pod ends stopped (start it afterwards). Send every container with every field you
    /// want: a field left out falls back to the image's default. Repeating it with the same containers is harmless
    /// (no clientToken exists; the result is the same spec), so a retry after a lost answer is safe.
    /// </summary>
    public async Task RebuildPodAsync(string podId, IReadOnlyList<RebuildContainerSpec> containers, CancellationToken cancellationToken = default)
    {
        CheckRebuild(containers);
        var body = new RebuildPodRequest { RegionId = RegionId, PodId = podId, Containers = [.. containers] };
        await ActAsync(PodOperation.RebuildPod, podId, ":rebuild", HttpMethod.Post, body, PhaseRule.NeedsStopped, null, cancellationToken);
    }

    /// <summary>
    /// resizePod: needs a stopped pod and an <paramref name="instanceType"/> other than its current one; container
    /// resources change only together with the type. The pod ends stopped. A retry after a lost answer is refused
    /// with <see cref="JdCloudErrorKind.SameInstanceType"/>, which then means the earlier attempt applied.
    /// </summary>
    public async Task ResizePodAsync(
        string podId, string instanceType, IReadOnlyList<ContainerResourceSpec>? containerResources = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceType);
        CheckNames(containerResources?.Select(c => c?.Name), "containerResources");
        if (containerResources?.Any(c => c.Resources is null) == true)
            throw new ArgumentException("containerResources[].resources is required.", nameof(containerResources));
        var body = new ResizePodRequest
        {
            RegionId = RegionId, PodId = podId, InstanceType = instanceType, ContainerResources = containerResources?.ToList(),
        };
        await ActAsync(PodOperation.ResizePod, podId, ":resize", HttpMethod.Post, body, PhaseRule.NeedsStopped,
            pod => pod.InstanceType == instanceType
                ? Verdict.Refused(JdCloudErrorKind.SameInstanceType, $"pod {pod.PodId} already has instanceType {instanceType}")
                : null,
            cancellationToken);
    }

    /// <summary>modifyPodAttribute: sets the description (at most 256 characters; "" clears it). No phase change.
    /// Idempotent, so always safe to repeat.</summary>
    public async Task ModifyPodAttributeAsync(string podId, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (description.Length > MaxDescriptionLength)
            throw new ArgumentException($"description must be at most {MaxDescriptionLength} characters, got {description.Length}.", nameof(description));
        var body = new ModifyPodAttributeRequest { RegionId = RegionId, PodId = podId, Description = description };
        await ActAsync(PodOperation.ModifyPodAttribute, podId, ":modifyPodAttribute", HttpMethod.Patch, body, PhaseRule.NoPhaseRule, null, cancellationToken);
    }

    /// <summary>associateElasticIp: binds an existing EIP to the primary NIC's primary IP (one per pod). Returns false
    /// when that EIP was already bound to this pod.</summary>
    public Task<bool> AssociateElasticIpAsync(string podId, string elasticIpId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(elasticIpId);
        return ActAsync(PodOperation.AssociateElasticIp, podId, ":associateElasticIp", HttpMethod.Post,
            new ElasticIpRequest { RegionId = RegionId, PodId = podId, ElasticIpId = elasticIpId }, PhaseRule.NoPhaseRule,
            pod => pod.BoundElasticIpId == elasticIpId ? Verdict.Done : null, cancellationToken);
    }

    /// <summary>disassociateElasticIp: unbinds the pod's EIP (the EIP itself is kept). Returns false when the pod had
    /// no EIP bound.</summary>
    public Task<bool> DisassociateElasticIpAsync(string podId, string elasticIpId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(elasticIpId);
        return ActAsync(PodOperation.DisassociateElasticIp, podId, ":disassociateElasticIp", HttpMethod.Post,
            new ElasticIpRequest { RegionId = RegionId, PodId = podId, ElasticIpId = elasticIpId }, PhaseRule.NoPhaseRule,
            pod => pod.BoundElasticIpId is null ? Verdict.Done : null, cancellationToken);
    }

    /// <summary>getContainerLogs: at most 4 KB of one container's log; "" when there is none.</summary>
    public async Task<string> GetContainerLogsAsync(
        string podId, string containerName, ContainerLogsQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        var path = PodPath(podId) + "/containers/" + Uri.EscapeDataString(containerName + ":getContainerLogs");
        var canonicalQuery = JdCloudCanonicalizer.FormatQuery((query ?? new ContainerLogsQuery()).ToParameters());
        var (result, _) = await _transport.SendAsync<GetContainerLogsResult>(
            PodOperation.GetContainerLogs, HttpMethod.Get, path, canonicalQuery, null, cancellationToken);
        return result.Logs?.Content ?? "";
    }

    /// <summary>describePodsStatus, one page (10-500 pods): phases and containers without the network and disks.</summary>
    public async Task<DescribePodsStatusResult> DescribePodsStatusAsync(DescribePodsStatusQuery query, CancellationToken cancellationToken = default)
    {
        var canonicalQuery = JdCloudCanonicalizer.FormatQuery(query.ToParameters());
        var (result, _) = await _transport.SendAsync<DescribePodsStatusResult>(
            PodOperation.DescribePodsStatus, HttpMethod.Get, "/podsStatus", canonicalQuery, null, cancellationToken);
        return result;
    }

    /// <summary>The status of every pod among <paramref name="podIds"/> that exists: 100 IDs per call (the query's
    /// length, not the page of 500, is the limit), following paging by totalCount. IDs that are gone are absent.</summary>
    public async Task<IReadOnlyList<BriefPodStatus>> DescribePodsStatusByIdsAsync(IEnumerable<string> podIds, CancellationToken cancellationToken = default)
    {
        var statuses = new List<BriefPodStatus>();
        foreach (var chunk in podIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).Chunk(MaxIdsPerQuery))
        {
            statuses.AddRange(await AllPagesAsync(DescribePodsStatusQuery.MaxPageSize, status => status.PodId, async page =>
            {
                var query = new DescribePodsStatusQuery { Filters = [PodFilter.PodIds(chunk)], PageNumber = page, PageSize = DescribePodsStatusQuery.MaxPageSize };
                var result = await DescribePodsStatusAsync(query, cancellationToken);
                return (result.PodsStatus, result.TotalCount);
            }));
        }
        return statuses;
    }

    private PodRequest Request(string podId) => new() { RegionId = RegionId, PodId = podId };

    /// <summary>Sends a call on one pod; a 400 is judged against a fresh describePod (see the class summary).</summary>
    private async Task<bool> ActAsync(
        PodOperation operation, string podId, string action, HttpMethod method, PodRequest body, PhaseRule rule,
        Func<Pod, Verdict?>? specific, CancellationToken cancellationToken)
    {
        var path = PodPath(podId) + Uri.EscapeDataString(action);
        try
        {
            await _transport.SendAsync<EmptyResult>(operation, method, path, null, body, cancellationToken);
            return true;
        }
        catch (JdCloudApiException refusal) when (refusal.HttpStatus == 400)
        {
            var pod = await DescribeAfterRefusalAsync(podId, cancellationToken);
            if (pod is null) throw;
            var verdict = PodRefusal.Judge(pod, operation.Name, rule, specific);
            if (verdict.AlreadyDone) return false;
            throw refusal.Reclassified(verdict.Kind ?? refusal.Kind, pod.Phase, verdict.Reason);
        }
    }

    // The refusal is the answer that matters: a describe that fails too leaves it unexplained, not replaced.
    private async Task<Pod?> DescribeAfterRefusalAsync(string podId, CancellationToken cancellationToken)
    {
        try
        {
            return await DescribePodAsync(podId, cancellationToken);
        }
        catch (JdCloudApiException)
        {
            return null;
        }
    }

    private static void CheckRebuild(IReadOnlyList<RebuildContainerSpec> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        if (containers.Count == 0) throw new ArgumentException("containers must name at least one container.", nameof(containers));
        CheckNames(containers.Select(c => c?.Name), "containers");
        var noImage = containers.Select((c, i) => (c, i)).FirstOrDefault(x => string.IsNullOrWhiteSpace(x.c.Image));
        if (noImage.c is not null) throw new ArgumentException($"containers[{noImage.i}].image is required.", nameof(containers));
    }

    /// <summary>Every item names a container, and no container twice.</summary>
    private static void CheckNames(IEnumerable<string?>? names, string field)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var name in names ?? [])
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"{field}[{index}].name is required.", field);
            if (!seen.Add(name)) throw new ArgumentException($"{field}[{index}].name \"{name}\" is listed twice.", field);
            index++;
        }
    }
}
