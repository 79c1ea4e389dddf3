using System.Globalization;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// Which CMDB businesses (and, optionally, workloads) the JdCloudPods of each namespace may register into: the
/// platform team's decision (Cmdb:AllowedBusinesses, flag --cmdb-allowed-businesses), never the tenant's. Entries
/// read <c>NAMESPACE=BIZ</c> (any workload of business BIZ) or <c>NAMESPACE=BIZ:KIND/ID</c> (only that workload;
/// repeat the entry for more). A namespace without an entry may use only the operator's default business
/// (Cmdb:Defaults:BizId), and none when there is no default. See docs/tenant-isolation.md.
/// </summary>
public sealed class CmdbBusinessMap
{
    public const string Setting = "--cmdb-allowed-businesses";

    /// <summary>No entries: every namespace is held to the default business.</summary>
    public static CmdbBusinessMap DefaultOnly { get; } = new(new Dictionary<string, Dictionary<long, HashSet<(string, long)>?>>());

    // namespace -> business -> allowed workloads (null: any workload of that business).
    private readonly Dictionary<string, Dictionary<long, HashSet<(string Kind, long Id)>?>> _namespaces;

    private CmdbBusinessMap(Dictionary<string, Dictionary<long, HashSet<(string, long)>?>> namespaces) => _namespaces = namespaces;

    /// <summary>The map of <paramref name="entries"/>; a <see cref="FormatException"/> naming the first bad entry.</summary>
    public static CmdbBusinessMap Parse(IEnumerable<string>? entries)
    {
        var namespaces = new Dictionary<string, Dictionary<long, HashSet<(string, long)>?>>(StringComparer.Ordinal);
        foreach (var entry in (entries ?? []).SelectMany(e => e.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var (ns, bizId, workload) = ParseEntry(entry);
            var businesses = namespaces.TryGetValue(ns, out var found) ? found : namespaces[ns] = [];
            if (workload is null) businesses[bizId] = null;
            else if (!businesses.TryGetValue(bizId, out var workloads)) businesses[bizId] = [workload.Value];
            else workloads?.Add(workload.Value);
        }
        return new CmdbBusinessMap(namespaces);
    }

    /// <summary>
    /// Why <paramref name="resolved"/> (spec.cmdb with the operator's defaults applied) may not register from
    /// <paramref name="ns"/>; empty when it may. Checked only when registration is enabled and the business is known.
    /// </summary>
    public IReadOnlyList<(string FieldPath, string Message)> Check(string? ns, CmdbSpec resolved, long? defaultBizId, string path = "spec.cmdb")
    {
        if (!resolved.Enabled || resolved.BizId is not { } bizId) return [];
        var where = $"namespace {Quote(ns)}";
        if (!_namespaces.TryGetValue(ns ?? "", out var businesses))
        {
            if (bizId == defaultBizId) return [];
            var allowed = defaultBizId is { } d ? $"only in the operator's default business {d}" : "in no business (the operator has no default business)";
            return [($"{path}.bizId", $"business {bizId} is not allowed for {where}: it may register {allowed}; the platform team grants more with {Setting}")];
        }
        if (!businesses.TryGetValue(bizId, out var workloads))
            return [($"{path}.bizId", $"business {bizId} is not allowed for {where}: it may register only in {string.Join(", ", businesses.Keys.Order())} ({Setting})")];
        var workload = (resolved.Workload?.Kind ?? "", resolved.Workload?.Id ?? 0);
        if (workloads is null || workloads.Contains(workload)) return [];
        return [($"{path}.workload", $"workload {workload.Item1}/{workload.Item2} is not allowed for {where} in business {bizId}: only " +
            $"{string.Join(", ", workloads.Select(w => $"{w.Kind}/{w.Id}").Order(StringComparer.Ordinal))} ({Setting})")];
    }

    private static (string Namespace, long BizId, (string, long)? Workload) ParseEntry(string entry)
    {
        var (ns, rest) = entry.Split('=', 2) is [var n, var r] ? (n.Trim(), r.Trim()) : ("", "");
        var (biz, workload) = rest.Split(':', 2) is [var b, var w] ? (b.Trim(), w.Trim()) : (rest, null);
        if (ns.Length == 0 || !long.TryParse(biz, NumberStyles.None, CultureInfo.InvariantCulture, out var bizId) || bizId <= 0)
            throw new FormatException($"'{entry}' is not NAMESPACE=BIZ or NAMESPACE=BIZ:KIND/ID with a positive CMDB business id, e.g. team-a=3 or team-a=3:pods/77");
        if (workload is null) return (ns, bizId, null);
        if (workload.Split('/', 2) is [var kind, var id] && CmdbRules.WorkloadKinds.Contains(kind, StringComparer.Ordinal)
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var workloadId) && workloadId > 0)
            return (ns, bizId, (kind, workloadId));
        throw new FormatException($"'{entry}': '{workload}' is not KIND/ID with a CMDB workload kind ({string.Join(", ", CmdbRules.WorkloadKinds)}) and a positive id");
    }

    private static string Quote(string? ns) => string.IsNullOrEmpty(ns) ? "(none)" : $"\"{ns}\"";
}
