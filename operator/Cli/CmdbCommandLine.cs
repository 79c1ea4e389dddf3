using System.CommandLine;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Cli;

/// <summary>
/// The CMDB flags of `run` (endpoint, entry point, credentials, defaults) and of `validate` (the defaults only, so a
/// pipeline judges spec.cmdb as the webhook does). Each has an environment variable named in its help and a
/// settings-file key (<see cref="SettingSources"/>); a flag given on the command line wins. They configure
/// <see cref="CmdbOptions"/>, as the controller flags configure the controller's options.
/// </summary>
public static class CmdbCommandLine
{
    private static readonly Option<Uri?> Url = new("--cmdb-url")
    {
        Description = "BlueKing CMDB endpoint; without it CMDB registration is off. For the gateway the bk-cmdb API URL (e.g. https://bkapi.example.com/api/bk-cmdb), for native the CMDB apiserver URL, for esb the PaaS URL. Env CMDB_URL.",
        DefaultValueFactory = r => SettingSources.Get<Uri?>(r, "CMDB_URL", ParseUrl, null),
        CustomParser = r => ControllerCommandLine.Parse<Uri?>(r, ParseUrl),
    };
    private static readonly Option<string?> EntryPoint = new Option<string?>("--cmdb-entry-point")
    {
        Description = "How CMDB is called: gateway (default; X-Bkapi-Authorization with app code, secret and user), native (the apiserver with supplier-account and user headers; only bk_username is needed) or esb (legacy /api/c/compapi/v2/cc/). Env CMDB_ENTRY_POINT.",
        DefaultValueFactory = r => SettingSources.Get<string?>(r, "CMDB_ENTRY_POINT", s => s, null),
    }.AcceptOnlyFromAmong("gateway", "native", "esb");
    private static readonly Option<string?> Stage = Text("--cmdb-stage", "CMDB_STAGE", "API gateway stage. Default prod.");
    private static readonly Option<string?> CredentialsSecret = Text("--cmdb-credentials-secret", "CMDB_CREDENTIALS_SECRET",
        "Secret with the CMDB app credentials, as namespace/name (a bare name: the operator's own namespace), read through the API (re-read every 30 s): keys bk_app_code, bk_app_secret and bk_username (native: bk_username only). Default: the Secret files mounted at --cmdb-credentials-dir.");
    private static readonly Option<string?> CredentialsDir = Text("--cmdb-credentials-dir", "CMDB_CREDENTIALS_DIR",
        "Directory where the credentials Secret is mounted (one file per key). Default /var/run/secrets/cmdb.");
    private static readonly Option<bool> RequiredForReady = new("--cmdb-required-for-ready")
    {
        Description = "A JdCloudPod with spec.cmdb.enabled becomes Ready only once its pods are registered in CMDB (default false: CMDB never holds Ready back). Env CMDB_REQUIRED_FOR_READY=true.",
        DefaultValueFactory = r => SettingSources.Get(r, "CMDB_REQUIRED_FOR_READY", bool.Parse, false),
    };
    private static readonly Option<long?> BizId = Id("--cmdb-biz-id", "CMDB_BIZ_ID", "business id (bk_biz_id)");
    private static readonly Option<long?> ClusterId = Id("--cmdb-cluster-id", "CMDB_CLUSTER_ID", "cluster id (bk_cluster_id)");
    private static readonly Option<long?> NamespaceId = Id("--cmdb-namespace-id", "CMDB_NAMESPACE_ID", "namespace id (bk_namespace_id)");
    private static readonly Option<long?> NodeId = Id("--cmdb-node-id", "CMDB_NODE_ID", "node id (bk_node_id)");
    private static readonly Option<long?> HostId = Id("--cmdb-host-id", "CMDB_HOST_ID", "host id (bk_host_id)");
    private static readonly Option<string?> Workload = Text("--cmdb-workload", "CMDB_WORKLOAD",
        "Default spec.cmdb.workload as kind/id, e.g. pods/77 (kinds: " + string.Join(", ", CmdbRules.WorkloadKinds) + ").");
    private static readonly Option<string?> Operators = Text("--cmdb-operators", "CMDB_OPERATORS",
        "Default spec.cmdb.operators: comma-separated users responsible for the pods.");

    private static readonly Option<string[]> AllowedBusinesses = new(CmdbBusinessMap.Setting)
    {
        Description = "The CMDB businesses (and optionally workloads) each namespace's JdCloudPods may register into: NAMESPACE=BIZ or NAMESPACE=BIZ:KIND/ID entries, repeated or comma-separated, e.g. team-a=3,team-a=4:pods/77,team-b=5. A namespace without an entry may register only into --cmdb-biz-id. Enforced by the webhook and the controller. Env CMDB_ALLOWED_BUSINESSES.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = r => SettingSources.Get(r, "CMDB_ALLOWED_BUSINESSES", ParseBusinesses, []),
    };

    /// <summary>spec.cmdb defaults: options of both `run` and `validate`.</summary>
    public static IEnumerable<Option> Defaults => [BizId, ClusterId, NamespaceId, NodeId, HostId, Workload, Operators];

    /// <summary>Everything `run` takes.</summary>
    public static IEnumerable<Option> All => [Url, EntryPoint, Stage, CredentialsSecret, CredentialsDir, RequiredForReady, AllowedBusinesses, .. Defaults];

    /// <summary>
    /// What the flags (or their environment variables and settings-file keys) set on <see cref="CmdbOptions"/>; a
    /// setting no flag gave keeps its value. Throws for a --cmdb-workload that is not kind/id, or an allowed-business
    /// entry that is not NAMESPACE=BIZ[:KIND/ID].
    /// </summary>
    public static Action<CmdbOptions> ToSettings(ParseResult parse)
    {
        var given = DefaultsOf(parse);
        var (url, entryPoint, stage) = (parse.GetValue(Url), parse.GetValue(EntryPoint), parse.GetValue(Stage));
        var (secret, directory, requiredForReady) = (parse.GetValue(CredentialsSecret), parse.GetValue(CredentialsDir), parse.GetValue(RequiredForReady));
        var businesses = AllowedBusinessesOf(parse);
        return o =>
        {
            o.Url = url ?? o.Url;
            if (entryPoint is not null) o.EntryPoint = Enum.Parse<CmdbEntryPoint>(entryPoint, ignoreCase: true);
            o.Stage = stage ?? o.Stage;
            o.CredentialsSecret = secret ?? o.CredentialsSecret;
            o.CredentialsDirectory = directory ?? o.CredentialsDirectory;
            o.RequiredForReady |= requiredForReady;
            if (businesses.Length > 0) o.AllowedBusinesses = [.. businesses];
            var defaults = o.Defaults;
            (defaults.BizId, defaults.ClusterId, defaults.NamespaceId) = (given.BizId ?? defaults.BizId, given.ClusterId ?? defaults.ClusterId, given.NamespaceId ?? defaults.NamespaceId);
            (defaults.NodeId, defaults.HostId) = (given.NodeId ?? defaults.NodeId, given.HostId ?? defaults.HostId);
            (defaults.Workload, defaults.Operators) = (given.Workload ?? defaults.Workload, given.Operators ?? defaults.Operators);
        };
    }

    private static string[] AllowedBusinessesOf(ParseResult parse)
    {
        try
        {
            return ParseBusinesses(string.Join(',', parse.GetValue(AllowedBusinesses) ?? []));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{CmdbBusinessMap.Setting}: {e.Message}");
        }
    }

    /// <summary>The entries of a comma-separated list, each checked (<see cref="CmdbBusinessMap.Parse"/>).</summary>
    private static string[] ParseBusinesses(string text)
    {
        var entries = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        CmdbBusinessMap.Parse(entries);
        return entries;
    }

    /// <summary>The spec.cmdb defaults as `validate` needs them (the same values `run` uses).</summary>
    public static CmdbSpec DefaultsOf(ParseResult parse)
    {
        var users = parse.GetValue(Operators)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new CmdbSpec
        {
            BizId = parse.GetValue(BizId),
            ClusterId = parse.GetValue(ClusterId),
            NamespaceId = parse.GetValue(NamespaceId),
            NodeId = parse.GetValue(NodeId),
            HostId = parse.GetValue(HostId),
            Workload = parse.GetValue(Workload) is { } workload ? ParseWorkload(workload) : null,
            Operators = users.Length == 0 ? null : [.. users],
        };
    }

    private static CmdbWorkloadReference ParseWorkload(string text) =>
        text.Split('/', 2) is [var kind, var id] && CmdbRules.WorkloadKinds.Contains(kind.Trim()) && long.TryParse(id, out var n) && n > 0
            ? new CmdbWorkloadReference { Kind = kind.Trim(), Id = n }
            : throw new InvalidOperationException(
                $"--cmdb-workload / CMDB_WORKLOAD: '{text}' is not kind/id with a CMDB workload kind ({string.Join(", ", CmdbRules.WorkloadKinds)}) and a positive id, e.g. pods/77");

    private static Option<long?> Id(string name, string env, string what) => new(name)
    {
        Description = $"Default CMDB {what} for spec.cmdb fields left out; at least 1. Env {env}.",
        DefaultValueFactory = r => SettingSources.Get<long?>(r, env, ParsePositive, null),
        CustomParser = r => ControllerCommandLine.Parse<long?>(r, ParsePositive),
    };

    private static Option<string?> Text(string name, string env, string description) => new(name)
    {
        Description = $"{description} Env {env}.",
        DefaultValueFactory = r => SettingSources.Get<string?>(r, env, s => s, null),
    };

    private static long? ParsePositive(string text) =>
        long.TryParse(text, out var value) && value > 0 ? value : throw new FormatException($"'{text}' is not a positive CMDB id");

    private static Uri? ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
            : throw new FormatException($"'{text}' is not an absolute http(s) URL");
}
