using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Controller;

/// <summary>What one createPods call did, as far as the operator can know; the failures are read in <see cref="Of"/> only.</summary>
public abstract record CreateResult
{
    /// <summary>Why no pod (or not every pod) came of it; null for <see cref="Created"/>.</summary>
    public abstract Problem? Problem { get; }

    /// <summary>
    /// A failed createPods: a definite rejection (400, 401, 403, quota, any other 4xx) proves nothing was created, so
    /// the token may be forgotten and a later attempt uses a new one. After no answer, a 5xx or a rate limit the pods
    /// may exist, so the outcome is unknown and the same token is sent again: the cloud then answers with the first
    /// call's podIds.
    /// </summary>
    public static CreateResult Of(JdCloudApiException e)
    {
        var problem = CloudProblems.From(e);
        if (!problem.IsTerminal) return new OutcomeUnknown(problem);
        // createPods refuses a podSpec.name already used in the region with a 400 whose status is not documented.
        var nameMayBeTaken = e.Kind is JdCloudErrorKind.InvalidArgument or JdCloudErrorKind.ClientError
            && problem.Reason != Reasons.QuotaExceeded;
        return new NothingCreated(problem, nameMayBeTaken);
    }
}

/// <summary>The cloud answered with these podIds (best effort: maybe fewer than requested).</summary>
public sealed record Created(IReadOnlyList<string> PodIds, string? RequestId) : CreateResult
{
    public override Problem? Problem => null;
}

/// <summary>A definite rejection: nothing was created, safe to retry with a new token.</summary>
/// <param name="Rejection">Why, as users see it.</param>
/// <param name="NameMayBeTaken">A 400-class refusal, which is how createPods refuses a name in use.</param>
public sealed record NothingCreated(Problem Rejection, bool NameMayBeTaken) : CreateResult
{
    public override Problem? Problem => Rejection;
}

/// <summary>No definite answer: pods may exist; retry with the same token.</summary>
public sealed record OutcomeUnknown(Problem Failure) : CreateResult
{
    public override Problem? Problem => Failure;
}
