namespace JdCloudPodOperator.JdCloud;

/// <summary>What kind of failure a Pod API call met, classified by HTTP code first and <c>status</c> second
/// (docs/jdcloud-api.md, Errors).</summary>
public enum JdCloudErrorKind
{
    /// <summary>400 with any status but FAILED_PRECONDITION: the request is invalid. Not retried.</summary>
    InvalidArgument,

    /// <summary>400 FAILED_PRECONDITION: the pod is busy or another task conflicts. Retried only on state-changing calls.</summary>
    Busy,

    /// <summary>
    /// A call on one pod was refused (HTTP 400, whatever its status) and a fresh describePod shows the pod in a stable
    /// phase the operation does not accept, e.g. stopPod on a pod in error, rebuildPod on a running pod. Not retried:
    /// act on <see cref="JdCloudApiException.ObservedPhase"/>. The service's status for this is not published, so the
    /// client re-reads the phase instead of trusting a status string (docs/jdcloud-pod-lifecycle.md, "Errors").
    /// </summary>
    WrongPhase,

    /// <summary>resizePod was refused and the pod already has the requested instanceType (resizing to the current
    /// type is not allowed). After an ambiguous failure it means an earlier attempt has applied. Not retried.</summary>
    SameInstanceType,

    /// <summary>401: missing or invalid credentials. Not retried.</summary>
    Authentication,

    /// <summary>403, for example deleting a pod whose billing is not settled. Not retried.</summary>
    PermissionDenied,

    /// <summary>404: the pod does not exist (gone). Not retried.</summary>
    NotFound,

    /// <summary>429 RATE_LIMIT, or the client's own rate limiter gave up waiting. Retried with backoff.</summary>
    RateLimited,

    /// <summary>Any other 429 ("Quota exceeded" on the createPods page). Not retried: requeue with a long delay.</summary>
    QuotaExceeded,

    /// <summary>Any other 4xx. Not retried.</summary>
    ClientError,

    /// <summary>500 and other 5xx not listed below. Retried.</summary>
    ServerError,

    /// <summary>503, and the gateway answers 502 and 504. Retried.</summary>
    Unavailable,

    /// <summary>No response: connection refused or reset, DNS failure. Retried.</summary>
    Network,

    /// <summary>An attempt or the whole call ran out of time. Retried per attempt.</summary>
    Timeout,

    /// <summary>A 2xx whose body is not the documented envelope. Not retried.</summary>
    InvalidResponse,
}

/// <summary>The classification and retry rules (docs/jdcloud-api.md, Errors and Retries), shared by the retry pipeline
/// and the exception.</summary>
public static class JdCloudErrorClassifier
{
    public const string RateLimitStatus = "RATE_LIMIT";
    public const string FailedPreconditionStatus = "FAILED_PRECONDITION";

    public static JdCloudErrorKind Classify(int httpStatus, string? status) => httpStatus switch
    {
        400 when Is(status, FailedPreconditionStatus) => JdCloudErrorKind.Busy,
        400 => JdCloudErrorKind.InvalidArgument,
        401 => JdCloudErrorKind.Authentication,
        403 => JdCloudErrorKind.PermissionDenied,
        404 => JdCloudErrorKind.NotFound,
        429 when Is(status, RateLimitStatus) => JdCloudErrorKind.RateLimited,
        429 => JdCloudErrorKind.QuotaExceeded,
        502 or 503 or 504 => JdCloudErrorKind.Unavailable,
        >= 500 => JdCloudErrorKind.ServerError,
        >= 400 => JdCloudErrorKind.ClientError,
        _ => JdCloudErrorKind.InvalidResponse,
    };

    public static bool IsRetryable(JdCloudErrorKind kind, PodOperation operation) => kind switch
    {
        JdCloudErrorKind.Network or JdCloudErrorKind.Timeout or JdCloudErrorKind.RateLimited
            or JdCloudErrorKind.ServerError or JdCloudErrorKind.Unavailable => true,
        JdCloudErrorKind.Busy => operation.RetryWhenBusy,
        _ => false,
    };

    private static bool Is(string? status, string expected) => string.Equals(status?.Trim(), expected, StringComparison.OrdinalIgnoreCase);
}
