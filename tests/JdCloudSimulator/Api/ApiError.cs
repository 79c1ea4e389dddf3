using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Api;

/// <summary>The <c>error.status</c> strings the simulator answers with (docs/jdcloud-api.md, Errors).</summary>
public static class ErrorStatus
{
    public const string AccessError = "ACCESS_ERROR";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string FailedPrecondition = "FAILED_PRECONDITION";
    public const string NotFound = "NOT_FOUND";
    public const string RateLimit = "RATE_LIMIT";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string ResourceExhausted = "RESOURCE_EXHAUSTED";
    public const string Internal = "INTERNAL";
    public const string Unavailable = "UNAVAILABLE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
}

/// <summary>An error answer: HTTP status = <c>error.code</c>, plus status, message and optional details.</summary>
public sealed class ApiException(int code, string status, string message, IReadOnlyList<IReadOnlyDictionary<string, string>>? details = null)
    : Exception(message)
{
    public int Code { get; } = code;
    public string Status { get; } = status;
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? Details { get; } = details;

    public static ApiException InvalidArgument(string message) => new(400, ErrorStatus.InvalidArgument, message);

    /// <summary>400 INVALID_ARGUMENT naming every violation, in the message and one detail per violation.</summary>
    public static ApiException InvalidArgument(IReadOnlyCollection<FieldViolation> violations) => new(
        400, ErrorStatus.InvalidArgument,
        string.Join("; ", violations.Select(v => v.ToString())),
        [.. violations.Select(v => new Dictionary<string, string> { ["field"] = v.Field, ["reason"] = v.Reason, ["message"] = v.ToString() })]);

    public static ApiException NotFound(string message) => new(404, ErrorStatus.NotFound, message);

    public static ApiException Busy(string podId, string phase) =>
        new(400, ErrorStatus.FailedPrecondition, $"Conflict with underlay task: pod {podId} is {phase}");

    /// <summary>A stable phase the operation does not accept; the status is a setting (its real value is not published).</summary>
    public static ApiException WrongPhase(string status, string podId, string phase, string operation, string required) =>
        new(400, status, $"pod {podId} is {phase}: {operation} needs a {required} pod");

    /// <summary>400 INVALID_ARGUMENT for one field.</summary>
    public static ApiException InvalidArgument(string field, ViolationKind kind, object? value, string detail) =>
        InvalidArgument([new FieldViolation(field, kind, value, detail)]);
}
