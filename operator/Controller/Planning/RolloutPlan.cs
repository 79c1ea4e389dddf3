using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>What status records of a pod for the rollout: the revision it runs and the operation in flight.</summary>
public sealed record PodRecord(string Revision, PodOperationStatus? Operation = null);

/// <summary>A recorded pod as the rollout sees it: its phase, the revision it runs, the operation in flight and its
/// instance type as described (null: not known).</summary>
public sealed record RolloutPod(string PodId, PodState State, string Revision, PodOperationStatus? Operation = null, string? InstanceType = null)
{
    /// <summary>Running and not being taken through stop/start: serving.</summary>
    public bool IsAvailable => State == PodState.Running && (Operation?.Steps is null or [PodSteps.Modify]);

    /// <summary>The revision the pod runs or is being brought to.</summary>
    public string Heading => Operation?.Revision ?? Revision;
}

/// <summary>
/// What a rollout pass works from, once the count and error-pod decisions (<see cref="ConvergencePlanner"/>) found
/// nothing to do.
/// </summary>
/// <param name="Desired">spec.maxCount.</param>
/// <param name="Bounds">maxUnavailable and maxSurge, resolved.</param>
/// <param name="InPlace">spec.updateStrategy.inPlace is IfPossible.</param>
/// <param name="UpdatesAllowed">spec.updateStrategy.type is not Never (a description change still goes through).</param>
/// <param name="Run">spec.runState is Running.</param>
/// <param name="Target">The fingerprints of spec.podSpec.</param>
/// <param name="Revisions">The fingerprints of the revisions the pods run or head to (status.revisions).</param>
/// <param name="Pods">The recorded pods in status order.</param>
public sealed record RolloutInput(
    int Desired,
    UpdateBounds Bounds,
    bool InPlace,
    bool UpdatesAllowed,
    bool Run,
    PodSpecRevision Target,
    IReadOnlyDictionary<string, PodSpecRevision> Revisions,
    IReadOnlyList<RolloutPod> Pods);

/// <summary>A step's call to make on a pod, once its operation is checkpointed.</summary>
public sealed record PodCall(string PodId, string Step);

/// <summary>
/// The rollout's next move: every pod as it should now be recorded (revision, operation; write these in a checkpoint
/// before the calls), the calls to make, the old pods to delete (their replacements exist or surge allows), how many
/// pods to create above maxCount, and what to tell the user.
/// </summary>
public sealed record RolloutPlan(
    IReadOnlyList<RolloutPod> Pods,
    IReadOnlyList<PodCall> Calls,
    IReadOnlyList<string> Replace,
    int Surge,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Failed,
    IReadOnlyList<string> Blocked)
{
    public bool Acts => Calls.Count > 0 || Replace.Count > 0 || Surge > 0;
}
