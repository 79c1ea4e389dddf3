using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.JdCloud;

/// <summary>
/// A failed Pod API call, after any retries. The message names the operation, region, HTTP code, status, the
/// service's message and the requestId; it never carries credentials (the service's text is scrubbed of them).
/// </summary>
public sealed class JdCloudApiException : Exception
{
    private JdCloudApiException(string message, Exception? inner) : base(message, inner) { }

    public required PodOperation Operation { get; init; }
    public required string RegionId { get; init; }
    public required JdCloudErrorKind Kind { get; init; }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public int? HttpStatus { get; init; }

    /// <summary><c>error.status</c>, for example RATE_LIMIT (numbers arrive as text).</summary>
    public string? Status { get; init; }

    /// <summary><c>error.message</c>, scrubbed of credentials.</summary>
    public string? ErrorMessage { get; init; }

    public string? RequestId { get; init; }

    /// <summary>The pod's phase read right after a refused call on it (null when not read): what to act on for
    /// <see cref="JdCloudErrorKind.WrongPhase"/> and <see cref="JdCloudErrorKind.Busy"/>.</summary>
    public string? ObservedPhase { get; init; }
    public IReadOnlyList<IReadOnlyDictionary<string, string?>> Details { get; init; } = [];

    /// <summary>Whether docs/jdcloud-api.md, Retries, says to retry this failure (the client has already retried it as
    /// far as allowed).</summary>
    public bool IsRetryable => JdCloudErrorClassifier.IsRetryable(Kind, Operation);

    /// <summary>Builds the exception from an HTTP answer; a body that is not the envelope yields an error from the status.</summary>
    public static JdCloudApiException FromResponse(
        PodOperation operation, string regionId, int httpStatus, string? body, string? headerRequestId, Func<string?, string?> scrub)
    {
        var envelope = JdCloudError.TryReadEnvelope(body);
        var error = envelope?.Error;
        var kind = error is null && httpStatus is >= 200 and < 300
            ? JdCloudErrorKind.InvalidResponse
            : JdCloudErrorClassifier.Classify(httpStatus, error?.Status);
        var requestId = envelope?.RequestId ?? headerRequestId;
        var message = scrub(error?.Message) ?? (envelope is null ? "the response body is not a JD Cloud error envelope" : null);
        var status = scrub(error?.Status);
        var text = $"JD Cloud {operation} in {regionId} failed: HTTP {httpStatus}{(status is null ? "" : " " + status)} ({kind})"
            + (message is null ? "" : $": {message}") + (requestId is null ? "" : $" [requestId {requestId}]");
        return new JdCloudApiException(text, null)
        {
            Operation = operation, RegionId = regionId, Kind = kind, HttpStatus = httpStatus, Status = status,
            ErrorMessage = message, RequestId = requestId, Details = ScrubDetails(error?.Details, scrub),
        };
    }

    /// <summary>Builds the exception for a call that got no usable response (network failure or timeout).</summary>
    public static JdCloudApiException FromTransport(PodOperation operation, string regionId, JdCloudErrorKind kind, Exception cause)
    {
        var what = kind == JdCloudErrorKind.Timeout ? "timed out" : "got no response";
        var root = cause.GetBaseException().Message;
        var text = $"JD Cloud {operation} in {regionId} {what} ({kind}): {cause.Message}" + (root == cause.Message ? "" : $" ({root})");
        return new JdCloudApiException(text, cause) { Operation = operation, RegionId = regionId, Kind = kind };
    }

    /// <summary>This refusal, reclassified after re-reading the pod: same answer, new kind, the phase seen, and why.</summary>
    public JdCloudApiException Reclassified(JdCloudErrorKind kind, string? observedPhase, string reason) =>
        new($"{Message}; {reason} ({kind})", this)
        {
            Operation = Operation, RegionId = RegionId, Kind = kind, HttpStatus = HttpStatus, Status = Status,
            ErrorMessage = ErrorMessage, RequestId = RequestId, Details = Details, ObservedPhase = observedPhase,
        };

    private static IReadOnlyList<IReadOnlyDictionary<string, string?>> ScrubDetails(
        List<Dictionary<string, string?>?>? details, Func<string?, string?> scrub) =>
        details?.Where(d => d is not null)
            .Select(d => (IReadOnlyDictionary<string, string?>)d!.ToDictionary(kv => kv.Key, kv => scrub(kv.Value)))
            .ToList() ?? [];
}
