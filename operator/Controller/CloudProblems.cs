using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// Turns a failed Pod API call into what users see: the condition reason, a message carrying the
/// exception's text (operation, HTTP code, status, service message, requestId; never credentials), and whether the
/// operator retries with backoff or waits for someone to act.
/// </summary>
public static class CloudProblems
{
    public const string RealNameHint =
        "check the accessKey and secretKey in the credentials Secret; creating pods also requires the JD Cloud account to have passed real-name verification (实名认证)";

    public static Problem From(JdCloudApiException e) => e.Kind switch
    {
        _ when IsQuota(e) => Problem.Terminal(Reasons.QuotaExceeded, $"{e.Message}; raise the pod quota or lower spec.maxCount"),
        JdCloudErrorKind.Authentication => Problem.Terminal(Reasons.AuthenticationFailed, $"{e.Message}; {RealNameHint}"),
        JdCloudErrorKind.PermissionDenied => Problem.Terminal(Reasons.PermissionDenied, e.Message),
        JdCloudErrorKind.RateLimited => Problem.Retrying(Reasons.RateLimited, e.Message),
        JdCloudErrorKind.Busy => Problem.Retrying(Conditions.SafeReason(e.Status ?? "FailedPrecondition"), e.Message),
        JdCloudErrorKind.ServerError or JdCloudErrorKind.Unavailable or JdCloudErrorKind.Network
            or JdCloudErrorKind.Timeout or JdCloudErrorKind.InvalidResponse => Problem.Retrying(Reasons.CloudUnavailable, e.Message),
        // 400 and every other 4xx: the reason comes from the error status, so users see what the cloud said.
        _ => Problem.Terminal(Conditions.SafeReason(e.Status ?? e.Kind.ToString()), e.Message),
    };

    // Any 429 but RATE_LIMIT is the createPods page's "Quota exceeded"; a 400 whose status names the quota is too.
    private static bool IsQuota(JdCloudApiException e) =>
        e.Kind == JdCloudErrorKind.QuotaExceeded
        || (e.Kind is JdCloudErrorKind.InvalidArgument or JdCloudErrorKind.ClientError
            && e.Status?.Contains("QUOTA", StringComparison.OrdinalIgnoreCase) == true);
}
