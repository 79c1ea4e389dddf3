using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud.Http;
using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.JdCloud;

/// <summary>
/// The JD Cloud Pod API for one account and one region. Every call is signed afresh per attempt, retried per
/// docs/jdcloud-api.md, Retries, rate-limited per account, traced and measured. Failures throw
/// <see cref="JdCloudApiException"/>. Create instances with <see cref="PodClientFactory"/>.
/// </summary>
public sealed partial class PodClient
{
    public const int MaxPodsPerCreate = 100;
    public const int MaxClientTokenLength = 64;

    // A guard against a service that keeps reporting more pages: 100,000 pods.
    private const int MaxPages = 1000;

    // Pod IDs per podId filter: about 3.5 KB of query, well inside the 8 KB request line that gateways commonly
    // allow (500 IDs, describePodsStatus' page, are 17 KB and were refused with 414 by the simulator's Kestrel).
    private const int MaxIdsPerQuery = 100;

    // Tag values per tags filter are bounded by their length instead (a value may have 255 characters): at most this
    // many characters of escaped values and their parameter names, the same share of the request line as 100 IDs.
    private const int MaxTagQueryLength = 3500;

    private readonly PodApiTransport _transport;

    internal PodClient(PodApiTransport transport) => _transport = transport;

    public string RegionId => _transport.RegionId;

    /// <summary>createPods. Without a <paramref name="clientToken"/> one is generated, so that the client's own retries
    /// stay idempotent; every retry re-sends the same token. <c>podIds</c> may be shorter than maxCount (best effort).</summary>
    public async Task<CreatePodsResult> CreatePodsAsync(PodSpec podSpec, int maxCount, string? clientToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(podSpec);
        if (maxCount is < 1 or > MaxPodsPerCreate)
            throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, $"maxCount must be 1-{MaxPodsPerCreate}.");
        ValidateClientToken(clientToken);
        var token = clientToken ?? ClientToken.ForOneCall();
        var body = new CreatePodsRequest { RegionId = RegionId, PodSpec = podSpec, MaxCount = maxCount, ClientToken = token };
        var (result, requestId) = await _transport.SendAsync<CreatePodsResult>(
            PodOperation.CreatePods, HttpMethod.Post, "/pods", null, body, cancellationToken);
        result.RequestId = requestId;
        result.ClientToken = token;
        return result;
    }

    /// <summary>describePods, one page.</summary>
    public async Task<DescribePodsResult> DescribePodsAsync(DescribePodsQuery query, CancellationToken cancellationToken = default)
    {
        var canonicalQuery = Signing.JdCloudCanonicalizer.FormatQuery(query.ToParameters());
        var (result, _) = await _transport.SendAsync<DescribePodsResult>(
            PodOperation.DescribePods, HttpMethod.Get, "/pods", canonicalQuery, null, cancellationToken);
        return result;
    }

    /// <summary>describePod; null when the pod is gone (404).</summary>
    public async Task<Pod?> DescribePodAsync(string podId, CancellationToken cancellationToken = default)
    {
        try
        {
            var (result, _) = await _transport.SendAsync<DescribePodResult>(
                PodOperation.DescribePod, HttpMethod.Get, PodPath(podId), null, null, cancellationToken);
            return result.Pod;
        }
        catch (JdCloudApiException e) when (e.Kind == JdCloudErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>deletePod. Returns false when the pod was already gone (404 counts as success).</summary>
    public async Task<bool> DeletePodAsync(string podId, CancellationToken cancellationToken = default)
    {
        try
        {
            await _transport.SendAsync<EmptyResult>(PodOperation.DeletePod, HttpMethod.Delete, PodPath(podId), null, null, cancellationToken);
            return true;
        }
        catch (JdCloudApiException e) when (e.Kind == JdCloudErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>checkPodName: whether <paramref name="podName"/> is free in the region.</summary>
    public async Task<CheckPodNameResult> CheckPodNameAsync(string podName, int? maxCount = null, CancellationToken cancellationToken = default)
    {
        var body = new CheckPodNameRequest { RegionId = RegionId, PodName = podName, MaxCount = maxCount };
        var (result, _) = await _transport.SendAsync<CheckPodNameResult>(
            PodOperation.CheckPodName, HttpMethod.Post, "/pods" + Uri.EscapeDataString(":checkPodName"), null, body, cancellationToken);
        return result;
    }

    /// <summary>Every pod among <paramref name="podIds"/> that exists, in as few calls as possible: 100 IDs per call
    /// (the largest page, and a query of safe length), following paging by totalCount. IDs that are gone are simply absent from the result.</summary>
    public async Task<IReadOnlyList<Pod>> DescribePodsByIdsAsync(IEnumerable<string> podIds, CancellationToken cancellationToken = default)
    {
        var pods = new List<Pod>();
        foreach (var chunk in podIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).Chunk(MaxIdsPerQuery))
            pods.AddRange(await DescribeAllPagesAsync(new DescribePodsQuery { Filters = [PodFilter.PodIds(chunk)] }, cancellationToken));
        return pods;
    }

    /// <summary>Pods named exactly <paramref name="name"/> or <c>{name}-{N}</c> (the suffix createPods gives with
    /// maxCount &gt; 1). The service's name filter is a substring match, so the result is post-filtered.</summary>
    public async Task<IReadOnlyList<Pod>> FindPodsByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var candidates = await DescribeAllPagesAsync(new DescribePodsQuery { Filters = [PodFilter.NameContains(name)] }, cancellationToken);
        return candidates.Where(pod => IsNameOrSuffixed(pod.Name, name)).ToList();
    }

    /// <summary>Every pod tagged <paramref name="key"/> with one of <paramref name="values"/> (the values of one tag
    /// filter are alternatives: docs/jdcloud-api.md), in as few calls as the query's length allows, following paging.</summary>
    public async Task<IReadOnlyList<Pod>> DescribePodsByTagAsync(string key, IEnumerable<string> values, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var pods = new List<Pod>();
        foreach (var chunk in TagValueChunks(values.Distinct(StringComparer.Ordinal)))
            pods.AddRange(await DescribeAllPagesAsync(new DescribePodsQuery { Tags = [new(key, chunk)] }, cancellationToken));
        return pods;
    }

    // Consecutive values whose escaped parameters fit MaxTagQueryLength; at most 100 per chunk, and always one.
    private static IEnumerable<IReadOnlyList<string>> TagValueChunks(IEnumerable<string> values)
    {
        var chunk = new List<string>();
        var length = 0;
        foreach (var value in values)
        {
            var cost = Uri.EscapeDataString(value).Length + "&tags.1.values.100=".Length;
            if (chunk.Count > 0 && (length + cost > MaxTagQueryLength || chunk.Count == MaxIdsPerQuery))
            {
                yield return chunk;
                (chunk, length) = ([], 0);
            }
            chunk.Add(value);
            length += cost;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    internal static bool IsNameOrSuffixed(string? candidate, string name) =>
        candidate is not null && (candidate == name
            || (candidate.Length > name.Length + 1 && candidate.StartsWith(name + "-", StringComparison.Ordinal)
                && candidate[(name.Length + 1)..].All(char.IsAsciiDigit)));

    private Task<List<Pod>> DescribeAllPagesAsync(DescribePodsQuery query, CancellationToken cancellationToken) =>
        AllPagesAsync(DescribePodsQuery.MaxPageSize, pod => pod.PodId, async page =>
        {
            var result = await DescribePodsAsync(query with { PageNumber = page, PageSize = DescribePodsQuery.MaxPageSize }, cancellationToken);
            return (result.Pods, result.TotalCount);
        });

    /// <summary>
    /// Every item of a paged describe, each once (by <paramref name="idOf"/>): stops at totalCount, on an empty page,
    /// or (without totalCount) on a short one. Offset paging over a set that changes between pages can skip an item
    /// (the order of results is not documented: docs/jdcloud-api.md, describePods filters and paging), so when the
    /// set moved (totalCount changed, or a page repeated an item) the listing runs again, up to
    /// <see cref="ListingRuns"/> times, and the runs' items are merged.
    /// </summary>
    private static async Task<List<T>> AllPagesAsync<T>(int pageSize, Func<T, string?> idOf, Func<int, Task<(List<T>? Items, int? TotalCount)>> fetchPage)
    {
        var items = new Dictionary<string, T>(StringComparer.Ordinal);
        for (var run = 1; run <= ListingRuns; run++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int? firstTotal = null;
            var moved = false;
            for (var page = 1; page <= MaxPages; page++)
            {
                var (fetched, totalCount) = await fetchPage(page);
                var batch = fetched?.Where(p => p is not null).ToList() ?? [];
                foreach (var item in batch)
                {
                    var id = idOf(item) ?? "";
                    moved |= !seen.Add(id);
                    items[id] = item;
                }
                firstTotal ??= totalCount;
                moved |= totalCount != firstTotal;
                var more = totalCount is { } total ? seen.Count < total : batch.Count >= pageSize;
                if (batch.Count == 0 || !more) break;
            }
            if (!moved) break;
        }
        return [.. items.Values];
    }

    private const int ListingRuns = 3;

    private static string PodPath(string podId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(podId);
        return "/pods/" + Uri.EscapeDataString(podId);
    }

    private static void ValidateClientToken(string? clientToken)
    {
        if (clientToken is null) return;
        if (clientToken.Length is 0 or > MaxClientTokenLength || !clientToken.All(char.IsAscii))
            throw new ArgumentException($"clientToken must be 1-{MaxClientTokenLength} ASCII characters, got {clientToken.Length} characters.", nameof(clientToken));
    }
}
