using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Cmdb;

/// <summary>Which of CMDB's three entry points the client calls (docs/bkcmdb-api.md, Entry points).</summary>
public enum CmdbEntryPoint
{
    /// <summary>BlueKing API gateway: <c>{Url}/{Stage}/api/v3/...</c>, app credentials in X-Bkapi-Authorization.</summary>
    Gateway,

    /// <summary>CMDB apiserver directly: <c>{Url}/api/v3/...</c>, supplier account and user headers, no secret.</summary>
    Native,

    /// <summary>Legacy ESB: <c>{Url}/api/c/compapi/v2/cc/{api}/</c>, app credentials in X-Bkapi-Authorization.</summary>
    Esb,
}

/// <summary>Configuration section <c>Cmdb</c>.</summary>
public sealed class CmdbOptions
{
    public const string Section = "Cmdb";

    /// <summary>The server's hard limit on pods per create call and ids per delete call (docs/bkcmdb-api.md,
    /// batch_create_kube_pod processing and batch_delete_kube_pod).</summary>
    public const int MaxPodsPerCall = 200;

    public CmdbEntryPoint EntryPoint { get; set; } = CmdbEntryPoint.Gateway;

    /// <summary>CMDB registration is possible: an endpoint is configured.</summary>
    public bool IsConfigured => Url is not null;

    /// <summary>Gateway API URL (e.g. https://bkapi.example.com/api/bk-cmdb), apiserver URL, or PaaS URL for ESB.</summary>
    public Uri? Url { get; set; }

    /// <summary>Gateway stage.</summary>
    public string Stage { get; set; } = "prod";

    /// <summary>Supplier account sent on the native path (the gateway sets its own).</summary>
    public string SupplierAccount { get; set; } = "0";

    /// <summary>
    /// Directory where the credentials Secret is mounted: files <c>bk_app_code</c>, <c>bk_app_secret</c> and
    /// <c>bk_username</c>. Read on every call, so a rotated Secret takes effect without a restart.
    /// </summary>
    public string CredentialsDirectory { get; set; } = "/var/run/secrets/cmdb";

    /// <summary>
    /// Secret read through the API instead of <see cref="CredentialsDirectory"/>: "namespace/name" (a bare name is in
    /// "default"), same keys. Re-read at most every 30 s, so a rotation takes effect without a restart.
    /// </summary>
    public string? CredentialsSecret { get; set; }

    /// <summary>A JdCloudPod with spec.cmdb.enabled is Ready only once its pods are registered (default: CMDB never holds Ready back).</summary>
    public bool RequiredForReady { get; set; }

    /// <summary>Client-side request rate; the gateway allows 100/s per app, so stay below it.</summary>
    public int RequestsPerSecond { get; set; } = 80;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the registrar waits for more registrations before sending a call that is not full.</summary>
    public TimeSpan FlushDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Registration calls in flight at once.</summary>
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>Retries of one batch after a transient error or a duplicate (each retry re-lists first).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; it doubles with jitter on each retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Values used for every spec.cmdb field a resource leaves out (Cmdb:Defaults:BizId, ...).</summary>
    public CmdbSpec Defaults { get; set; } = new();

    /// <summary>
    /// The businesses each namespace may register into, as <see cref="CmdbBusinessMap"/> entries
    /// (<c>team-a=3</c>, <c>team-a=4:pods/77</c>); a namespace left out may use only <see cref="Defaults"/>' business.
    /// </summary>
    public List<string> AllowedBusinesses { get; set; } = [];

    private (List<string> Entries, CmdbBusinessMap Map)? _businesses;

    /// <summary><see cref="AllowedBusinesses"/> parsed (once per options instance).</summary>
    public CmdbBusinessMap Businesses
    {
        get
        {
            if (_businesses is not { } parsed || !parsed.Entries.SequenceEqual(AllowedBusinesses))
                _businesses = parsed = ([.. AllowedBusinesses], CmdbBusinessMap.Parse(AllowedBusinesses));
            return parsed.Map;
        }
    }
}
