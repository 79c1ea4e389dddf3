namespace JdCloudPodOperator.Cmdb;

/// <summary>CMDB and gateway error codes the operator acts on (docs/bkcmdb-api.md, Error codes, Authentication, Rate
/// limits and retries).</summary>
public static class CmdbCodes
{
    public const long Success = 0;
    public const long PermissionDenied = 9900403;
    public const long DecodeFailed = 1199000;
    public const long VerificationFailed = 1199006;
    public const long Unassigned = 1199010;
    public const long InvalidParameter = 1199011;
    public const long Duplicated = 1199014;
    public const long AuthorizationInfoMissing = 1199027;
    public const long ExceedLimit = 1199035;
    public const long TooManyRequests = 1199997;
    public const long Unknown = 1199998;

    /// <summary>Codes worth retrying with backoff; for a create, the registrar re-lists first.</summary>
    private static readonly HashSet<long> Transient =
    [
        1199002, 1199004, 1199017, 1199018, 1199046, 1199065, 1199066, 1199067, TooManyRequests, 1109001,
    ];

    /// <summary>Gateway rejections: configuration problems that no split or retry can fix.</summary>
    private static readonly HashSet<long> GatewayRejections = [1640001, 1640301, 1640401];

    public static bool IsTransient(long code) => Transient.Contains(code);

    /// <summary>1199014, or before v3.13.10 a 1199998 carrying MongoDB's E11000 text (docs/bkcmdb-api.md,
    /// Versions).</summary>
    public static bool IsDuplicate(long code, string message) =>
        code == Duplicated || (code == Unknown && message.Contains("E11000", StringComparison.Ordinal));

    /// <summary>Errors that say nothing about an individual pod: the whole call's credentials or setup is wrong.</summary>
    public static bool IsGlobal(long code) => code == AuthorizationInfoMissing || GatewayRejections.Contains(code);
}
