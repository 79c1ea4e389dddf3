using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmdbSimulator;

/// <summary>list_kube_pod (docs/bkcmdb-api.md, list_kube_pod): validation order, scope with shared namespaces, paging,
/// count mode.</summary>
public static class ListPods
{
    public const int MaxLimit = 500;
    private const int NoLimit = 999999999;

    public static JsonObject Handle(SimulatorState state, string body, bool en)
    {
        var request = Bodies.Decode<ListBody>(body, en);
        if (request.Filter is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }) throw Messages.Decode(en);
        var bizId = request.BizId ?? 0;
        if (bizId == 0) throw Messages.NotAssigned("bk_biz_id", en);
        var page = request.Page ?? new PageBody();
        ValidatePage(page, en);
        if (request.Filter is { ValueKind: JsonValueKind.Object } filter) Filter.Validate(filter, en);
        if (state.IsDenied("view_business_resource", bizId)) throw Messages.Denied("view_business_resource", "业务访问", Business(bizId), en);
        lock (state.Gate)
        {
            var matches = state.PodsById.Values
                .Where(p => InScope(state, p, bizId))
                .Where(p => request.Filter is not { ValueKind: JsonValueKind.Object } f || Filter.Matches(p, f))
                .ToList();
            if (page.EnableCount == true) return new JsonObject { ["count"] = matches.Count, ["info"] = new JsonArray() };
            var fields = (request.Fields ?? []).OfType<string>().ToList();
            var info = Sort(matches, page.Sort).Skip(page.Start ?? 0).Take(page.Limit ?? 0).Select(p => Project(p, fields));
            return new JsonObject { ["count"] = 0, ["info"] = new JsonArray(info.ToArray()) };
        }
    }

    private static void ValidatePage(PageBody page, bool en)
    {
        if (page.EnableCount == true)
        {
            if ((page.Start ?? 0) != 0 || (page.Limit ?? 0) != 0 || !string.IsNullOrEmpty(page.Sort))
                throw Messages.NotPassed("page.enable_count", en);
            return;
        }
        if (page.Start is < 0) throw Messages.InvalidParam("page.start", en);
        if ((page.Limit ?? 0) <= 0) throw Messages.InvalidParam("page.limit", en);
        if (page.Limit > MaxLimit && page.Limit != NoLimit) throw Messages.PageLimitExceeded();
    }

    /// <summary>The business's own pods plus pods in namespaces shared with it.</summary>
    private static bool InScope(SimulatorState state, JsonObject pod, long bizId) =>
        (long)pod["bk_biz_id"]! == bizId
        || (state.Namespaces.TryGetValue((long)pod["bk_namespace_id"]!, out var ns) && ns.IsSharedWith(bizId));

    /// <summary>Default <c>id</c>; <c>-field</c> or <c>field:-1</c> descending; keys separated by commas.</summary>
    private static IEnumerable<JsonObject> Sort(List<JsonObject> pods, string? sort)
    {
        var keys = (string.IsNullOrEmpty(sort) ? "id" : sort).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.StartsWith('-') ? (Field: k[1..], Descending: true)
                : k.EndsWith(":-1") ? (Field: k[..^3], Descending: true) : (Field: k.Split(':')[0], Descending: false))
            .ToList();
        var comparer = Comparer<JsonObject>.Create((a, b) =>
        {
            foreach (var (field, descending) in keys)
            {
                var c = CompareValues(a[field], b[field]);
                if (c != 0) return descending ? -c : c;
            }
            return 0;
        });
        return pods.Order(comparer);
    }

    private static int CompareValues(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue x && b is JsonValue y)
        {
            if (x.TryGetValue<long>(out var l1) && y.TryGetValue<long>(out var l2)) return l1.CompareTo(l2);
            return string.CompareOrdinal(x.ToJsonString(), y.ToJsonString());
        }
        return (a is null).CompareTo(b is null);
    }

    private static JsonObject Project(JsonObject pod, List<string> fields) => fields.Count == 0
        ? (JsonObject)pod.DeepClone()
        : new JsonObject(fields.Where(pod.ContainsKey).Distinct().Select(f => KeyValuePair.Create(f, pod[f]?.DeepClone())));

    internal static JsonArray Business(long bizId) =>
    [
        new JsonObject
        {
            ["system_id"] = "bk_cmdb", ["system_name"] = "配置平台", ["type"] = "biz", ["type_name"] = "业务",
            ["instances"] = new JsonArray(new JsonArray(new JsonObject
            {
                ["type"] = "biz", ["type_name"] = "业务", ["id"] = bizId.ToString(), ["name"] = $"biz-{bizId}",
            })),
        },
    ];
}
