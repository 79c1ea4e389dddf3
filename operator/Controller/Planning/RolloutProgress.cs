using System.Globalization;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// The progress deadline. Progress is a new best for <see cref="Mark"/>; a rollout that goes
/// progressDeadlineSeconds without one is stalled until the spec changes (a new generation), it progresses
/// after all (a pod the cloud was slow with comes up), or a pause ends.
/// </summary>
public static class RolloutProgress
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Pods on <paramref name="target"/>, settled in the desired run state, with nothing in flight.</summary>
    public static int Updated(IEnumerable<RolloutPod> pods, string target, bool run) =>
        pods.Count(p => p.Operation is null && p.Revision == target && p.State == (run ? PodState.Running : PodState.Stopped));

    /// <summary>Updated pods minus pods on another revision or with an operation in flight: it only grows as a rollout goes well.</summary>
    public static int Mark(IReadOnlyCollection<RolloutPod> pods, string target, bool run) =>
        Updated(pods, target, run) - pods.Count(p => p.Operation is not null || p.Revision != target);

    /// <summary>Nothing left to change and every desired pod settled on the target (pods above maxCount, which
    /// stood in during the rollout, are then removed by the count).</summary>
    public static bool Settled(IReadOnlyCollection<RolloutPod> pods, string target, bool run, int desired) =>
        !RolloutPlanner.IsActive(pods, target) && Updated(pods, target, run) >= desired;

    /// <summary>
    /// The rollout status after this pass, from the pods as the pass leaves them. A rollout is under way from the
    /// first pod that needs it until every pod is settled on the target (so pods created for it that fail still
    /// count against it); null when none is.
    /// </summary>
    public static RolloutStatus? Next(RolloutStatus? previous, IReadOnlyCollection<RolloutPod> pods, RolloutGoal goal, DateTime now)
    {
        var active = (previous is not null || RolloutPlanner.IsActive(pods, goal.Target)) && !Settled(pods, goal.Target, goal.Run, goal.Desired);
        return Next(previous, active, Mark(pods, goal.Target, goal.Run), goal.Generation, goal.DeadlineSeconds, now);
    }

    /// <summary>The clock as a paused pass leaves it: marked, so the first pass after the pause starts it again.</summary>
    public static RolloutStatus? Pause(RolloutStatus? previous) =>
        previous is null ? null
            : new RolloutStatus { Generation = previous.Generation, ProgressTime = previous.ProgressTime, ProgressMark = previous.ProgressMark, DeadlineExceeded = previous.DeadlineExceeded, Paused = true };

    /// <summary>
    /// The clock as the first pass after a pause finds it: started again, as a Deployment's is on resume, so the time
    /// paused is not time without progress (and a stall met before the pause is lifted).
    /// </summary>
    public static RolloutStatus? Resume(RolloutStatus? previous, DateTime now) =>
        previous is not { Paused: true } ? previous
            : new RolloutStatus { Generation = previous.Generation, ProgressTime = now.ToString(TimeFormat, CultureInfo.InvariantCulture), ProgressMark = previous.ProgressMark };

    /// <summary>The clock's next reading: null when no rollout is under way.</summary>
    public static RolloutStatus? Next(RolloutStatus? previous, bool active, int mark, long generation, int deadlineSeconds, DateTime now)
    {
        if (!active) return null;
        if (previous?.Generation != generation || previous.ProgressTime is null || mark > (previous.ProgressMark ?? int.MinValue))
            return new RolloutStatus { Generation = generation, ProgressTime = now.ToString(TimeFormat, CultureInfo.InvariantCulture), ProgressMark = mark };
        var since = DateTime.TryParse(previous.ProgressTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? now - time
            : TimeSpan.MaxValue;
        var exceeded = previous.DeadlineExceeded == true || since > TimeSpan.FromSeconds(deadlineSeconds);
        return new RolloutStatus
        {
            Generation = generation, ProgressTime = previous.ProgressTime, ProgressMark = previous.ProgressMark,
            DeadlineExceeded = exceeded ? true : null,
        };
    }
}

/// <summary>What a rollout aims at: the target revision, run state and count, for the generation and its deadline.</summary>
public sealed record RolloutGoal(string Target, bool Run, int Desired, long Generation, int DeadlineSeconds);
