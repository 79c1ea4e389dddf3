using JdCloudPodOperator.Controller.Planning;
namespace JdCloudPodOperator.Controller.Status;

/// <summary>How a problem is resolved, which decides the phase, the Stalled condition and the requeue.</summary>
public enum ProblemKind
{
    /// <summary>Retried with backoff by the operator (rate limit, server error, a missing Secret).</summary>
    Retrying,

    /// <summary>Needs someone to act (spec, credentials, quota); retried rarely or on the next spec change.</summary>
    Terminal,
}

/// <summary>Why the resource is not Ready: a condition reason (CamelCase), a message for users, and its kind.</summary>
public sealed record Problem(string Reason, string Message, ProblemKind Kind)
{
    public bool IsTerminal => Kind == ProblemKind.Terminal;

    public static Problem Retrying(string reason, string message) => new(reason, message, ProblemKind.Retrying);

    public static Problem Terminal(string reason, string message) => new(reason, message, ProblemKind.Terminal);
}

/// <summary>Condition and event reasons used by the controller.</summary>
public static class Reasons
{
    public const string InvalidSpec = "InvalidSpec";
    public const string CredentialsNotFound = "CredentialsNotFound";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string QuotaExceeded = "QuotaExceeded";
    public const string PermissionDenied = "PermissionDenied";
    public const string RateLimited = "RateLimited";
    public const string CloudUnavailable = "CloudUnavailable";
    public const string PartiallyCreated = "PartiallyCreated";
    public const string AdoptionFailed = "AdoptionFailed";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string UpdateStrategyNever = "UpdateStrategyNever";
    public const string NoFreePodName = "NoFreePodName";
    public const string WaitingForRelease = "WaitingForRelease";
    public const string NameTaken = "NameTaken";
    public const string OwnedElsewhere = "OwnedElsewhere";
    public const string ClusterIdUnknown = "ClusterIdUnknown";

    public const string AllPodsRunning = "AllPodsRunning";
    public const string AllPodsStopped = "AllPodsStopped";
    public const string RollingOut = "RollingOut";
    public const string ScalingDown = "ScalingDown";
    public const string Creating = "Creating";
    public const string PodsNotRunning = "PodsNotRunning";
    public const string Deleting = "Deleting";
    public const string Paused = "Paused";
    public const string Reconciled = "Reconciled";
    public const string NotStalled = "NotStalled";
    public const string Progressing = "Progressing";

    public const string CmdbNotRegistered = "CmdbNotRegistered";
    public const string Registered = "Registered";
    public const string Registering = "Registering";
    public const string NoRunningPods = "NoRunningPods";
    public const string CmdbNotConfigured = "CmdbNotConfigured";
    public const string CmdbPermissionDenied = "CmdbPermissionDenied";
    public const string CmdbUnavailable = "CmdbUnavailable";
    public const string CmdbRejected = "CmdbRejected";
    public const string CmdbConflict = "CmdbConflict";
    public const string CmdbDeregistrationFailed = "CmdbDeregistrationFailed";
}

/// <summary>Reasons of Events that have no condition of their own (conditions use <see cref="Reasons"/>).</summary>
public static class EventReasons
{
    public const string Created = "Created";
    public const string CreateFailed = "CreateFailed";
    public const string Adopted = "Adopted";
    public const string Replaced = "Replaced";
    public const string Updated = "Updated";
    public const string UpdateFailed = "UpdateFailed";
    public const string RolloutStarted = "RolloutStarted";
    public const string Deleting = "Deleting";
    public const string Deleted = "Deleted";
    public const string DeleteFailed = "DeleteFailed";
    public const string Orphaned = "Orphaned";
    public const string CmdbRegistered = "CmdbRegistered";
    public const string CmdbRegistrationFailed = "CmdbRegistrationFailed";
    public const string CmdbDeregistered = "CmdbDeregistered";
}
