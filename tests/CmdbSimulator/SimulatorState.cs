using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace CmdbSimulator;

/// <summary>
/// One call as the simulator received it: which entry point and API, how many pods it carried, the outcome, and how
/// the body travelled (Transfer-Encoding, Content-Length, its top-level keys; never their values).
/// </summary>
public sealed record CallRecord(
    long Sequence, string EntryPoint, string Api, string Method, string Path, int PodCount, long Code, int HttpStatus,
    string? AppCode, DateTimeOffset At)
{
    public string? TransferEncoding { get; init; }
    public long? ContentLength { get; init; }
    public IReadOnlyList<string> BodyKeys { get; init; } = [];
}

/// <summary>
/// Injected trouble for one API (or "*" for all). <see cref="FailNext"/> failures come first, then each call fails
/// with probability <see cref="ErrorRate"/> (seeded, so runs repeat). A failure answers <see cref="ErrorCode"/> in a
/// CMDB envelope, or, when <see cref="HttpStatus"/> is not 200, a bare HTTP error. Injected failures are answered
/// before any processing. <see cref="LatencyMs"/> delays the reply after the call is processed and recorded, as a
/// slow network would: a client that gives up meanwhile does not know the outcome. <see cref="MalformedData"/> makes
/// a failure a success whose data has a shape no API documents (a proxy, a version the client does not know).
/// </summary>
public sealed record FaultPlan(
    int FailNext = 0, double ErrorRate = 0, long ErrorCode = Messages.TooManyRequests, int HttpStatus = 200,
    int LatencyMs = 0, int Seed = 1, bool MalformedData = false);

/// <summary>An app the simulated gateway and ESB know, and the gateway resources it has been granted.</summary>
public sealed record AppGrant(string AppCode, string Secret, IReadOnlyList<string>? Resources = null)
{
    public bool IsGranted(string api) => Resources is null || Resources.Contains(api);
}

/// <summary>
/// The simulated CMDB: topology, pods and containers, id sequence, plus what the simulator itself keeps for tests
/// (calls received, faults, IAM denials, gateway apps). One lock makes every create and delete atomic.
/// </summary>
public sealed class SimulatorState
{
    internal readonly object Gate = new();
    internal readonly Dictionary<long, Cluster> Clusters = [];
    internal readonly Dictionary<long, KubeNamespace> Namespaces = [];
    internal readonly Dictionary<long, Node> Nodes = [];
    internal readonly Dictionary<(string Kind, long Id), Workload> Workloads = [];
    internal readonly SortedDictionary<long, JsonObject> PodsById = [];
    internal readonly List<JsonObject> Containers = [];
    private readonly ConcurrentQueue<CallRecord> calls = new();
    private readonly ConcurrentDictionary<string, FaultState> faults = new();
    private readonly ConcurrentDictionary<(string Action, long BizId), byte> denials = new();
    private readonly ConcurrentDictionary<string, AppGrant> apps = new();
    private long podSequence, callSequence;

    /// <summary>Before v3.13.10 a duplicate answered 1199998 with MongoDB's E11000 text (docs/bkcmdb-api.md,
    /// Versions).</summary>
    public bool LegacyDuplicateError { get; set; }

    /// <summary>An older community-edition ESB: app credentials only from the body and query, never the header
    /// (docs/bkcmdb-api.md, Authentication).</summary>
    public bool EsbReadsBodyOnly { get; set; }

    /// <summary>Requests per second per app and resource on the gateway (HTTP 429 past it).</summary>
    public int GatewayRateLimit { get; set; } = 100;

    /// <summary>CMDB's own limiter on every entry point (HTTP 200, 1199997); off when null.</summary>
    public int? ApiServerRateLimit { get; set; }

    /// <summary>Runs when a create arrives, before it is processed: lets a test play a concurrent writer.</summary>
    public Action? BeforeCreate { get; set; }

    public IReadOnlyList<CallRecord> Calls => calls.ToArray();

    /// <summary>How a request body arrived, for <see cref="CallRecord"/>.</summary>
    internal sealed record Wire(string? TransferEncoding, long? ContentLength, IReadOnlyList<string> BodyKeys);

    public void AddApp(AppGrant app) => apps[app.AppCode] = app;

    internal AppGrant? FindApp(string appCode) => apps.GetValueOrDefault(appCode);

    public void Seed(Topology topology)
    {
        lock (Gate)
        {
            foreach (var c in topology.Clusters ?? []) Clusters[c.Id] = c;
            foreach (var n in topology.Namespaces ?? []) Namespaces[n.Id] = n;
            foreach (var n in topology.Nodes ?? []) Nodes[n.Id] = n;
            foreach (var w in topology.Workloads ?? []) Workloads[(w.Kind, w.Id)] = w;
        }
    }

    /// <summary>IAM denies <paramref name="action"/> on <paramref name="bizId"/> (0: on every business).</summary>
    public void Deny(string action, long bizId = 0) => denials[(action, bizId)] = 0;

    internal bool IsDenied(string action, long bizId) => denials.ContainsKey((action, bizId)) || denials.ContainsKey((action, 0));

    public void SetFaults(string api, FaultPlan plan) => faults[api] = new FaultState(plan);

    /// <summary>Forgets pods, containers, calls, faults and denials; keeps topology and apps. Ids keep counting.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            PodsById.Clear();
            Containers.Clear();
        }
        calls.Clear();
        faults.Clear();
        denials.Clear();
    }

    /// <summary>Every stored pod, with its containers embedded (the real list API never embeds them).</summary>
    public IReadOnlyList<JsonObject> Pods
    {
        get
        {
            lock (Gate)
                return PodsById.Values.Select(p =>
                {
                    var copy = (JsonObject)p.DeepClone();
                    copy["containers"] = new JsonArray(Containers.Where(c => (long)c["bk_pod_id"]! == (long)p["id"]!)
                        .Select(c => c.DeepClone()).ToArray());
                    return copy;
                }).ToList();
        }
    }

    internal long[] AllocatePodIds(int count)
    {
        var last = Interlocked.Add(ref podSequence, count);
        return Enumerable.Range(0, count).Select(i => last - count + 1 + i).ToArray();
    }

    internal void Record(string entryPoint, string api, string method, string path, int podCount, long code, int status, string? app,
        Wire? wire = null) =>
        calls.Enqueue(new CallRecord(Interlocked.Increment(ref callSequence), entryPoint, api, method, path, podCount, code, status, app, DateTimeOffset.UtcNow)
        {
            TransferEncoding = wire?.TransferEncoding, ContentLength = wire?.ContentLength, BodyKeys = wire?.BodyKeys ?? [],
        });

    internal FaultPlan? FaultFor(string api, out bool fail)
    {
        fail = false;
        if (!faults.TryGetValue(api, out var state) && !faults.TryGetValue("*", out state)) return null;
        fail = state.NextFails();
        return state.Plan;
    }

    private sealed class FaultState(FaultPlan plan)
    {
        private readonly Random random = new(plan.Seed);
        private int failNext = plan.FailNext;
        public FaultPlan Plan => plan;

        public bool NextFails()
        {
            if (Interlocked.Decrement(ref failNext) >= 0) return true;
            lock (random) return random.NextDouble() < plan.ErrorRate;
        }
    }
}
