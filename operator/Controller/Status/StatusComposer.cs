using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;
using k8s.Models;

namespace JdCloudPodOperator.Controller.Status;

public enum ResourceMode { Active, Deleting, Paused }

/// <summary>
/// Everything the status is computed from after a reconcile step. Pods that <see cref="Observed"/> (describePods'
/// latest answer) does not cover keep their previous status entry.
/// </summary>
public sealed record StatusFacts(
    ResourceMode Mode,
    int Desired,
    IReadOnlyList<string> PodIds,
    IReadOnlyDictionary<string, ObservedPod> Observed,
    PendingCreate? PendingCreate,
    int? CreateAttempts,
    Problem? Problem,
    CmdbFacts? Cmdb = null,
    RolloutFacts? Rollout = null)
{
    /// <summary>spec.runState is Running.</summary>
    public bool Run => Rollout?.Run != false;
}

/// <summary>
/// The CMDB side of the status: the registrations (status.cmdb), what the CmdbRegistered condition says now (null:
/// not looked at in this pass, the previous condition stays while registration is enabled or something is
/// recorded), and whether Ready waits for it.
/// </summary>
public sealed record CmdbFacts(bool Enabled, CmdbRegistrationStatus? Registrations, CmdbOutcome? Outcome, bool GatesReady);

/// <summary>The CmdbRegistered condition as computed by a pass that talked to CMDB (or found it not configured).</summary>
public sealed record CmdbOutcome(bool Registered, string Reason, string Message);

/// <summary>Aggregate phases shown by <c>kubectl get jdpod</c>: Updating while a rollout is under way, Stopped when
/// every pod is stopped as spec.runState asks, Scaling while surplus pods go.</summary>
public static class Phases
{
    public const string Pending = "Pending";
    public const string Creating = "Creating";
    public const string Running = "Running";
    public const string Stopped = "Stopped";
    public const string Updating = "Updating";
    public const string Scaling = "Scaling";
    public const string Degraded = "Degraded";
    public const string Failed = "Failed";
    public const string Deleting = "Deleting";
    public const string Paused = "Paused";
}

/// <summary>Computes the whole status from the facts; a pure function, so the reconciler can compare and skip writes.</summary>
public static class StatusComposer
{
    public static JdCloudPodStatus Compose(JdCloudPodStatus? previous, long? generation, StatusFacts facts, DateTime now)
    {
        var pods = facts.PodIds.Select(id => PodStatus(id, facts.Observed, previous)).ToList();
        var status = new JdCloudPodStatus
        {
            ObservedGeneration = generation,
            PodIds = [.. facts.PodIds],
            Pods = pods,
            RequestedCount = facts.Desired,
            CreatedCount = pods.Count,
            PendingCreate = facts.PendingCreate,
            CreateAttempts = facts.CreateAttempts,
            Cmdb = facts.Cmdb is null ? previous?.Cmdb : facts.Cmdb.Registrations,
        };
        RolloutComposer.Apply(status, previous, facts.Rollout);
        // Settled in the run state: with rollout facts, also on the current revision with nothing in flight.
        var settled = pods.Count(p => ObservedPod.StateOf(p.Phase) == (facts.Run ? PodState.Running : PodState.Stopped));
        var ready = facts.Mode == ResourceMode.Active && facts.Problem is null && facts.PendingCreate is null
            && pods.Count == facts.Desired && (facts.Rollout is null ? settled : status.UpdatedCount) == facts.Desired;
        status.Phase = PhaseOf(facts, pods, settled, ready);
        var cmdb = CmdbCondition(previous?.Conditions, generation, facts.Cmdb, now);
        var progress = status.Phase == Phases.Updating ? RolloutComposer.Describe(pods, facts.Rollout!, facts.Desired) : null;
        status.Conditions = [.. ConditionsOf(previous?.Conditions, generation, facts, status.Phase, settled, ready, cmdb, now, progress), .. cmdb is null ? [] : new[] { cmdb }];
        return status;
    }

    /// <summary>CmdbRegistered: as computed now, else as it was while registration is on or registrations remain.</summary>
    private static V1Condition? CmdbCondition(IList<V1Condition>? previous, long? generation, CmdbFacts? cmdb, DateTime now)
    {
        var before = Conditions.Find(previous, Conditions.CmdbRegistered);
        if (cmdb is null) return before;
        if (cmdb.Outcome is { } outcome)
            return Conditions.Next(before, Conditions.CmdbRegistered, outcome.Registered, outcome.Reason, outcome.Message, generation, now);
        return cmdb.Enabled || cmdb.Registrations?.Pods is { Count: > 0 } ? before : null;
    }

    private static CloudPodStatus PodStatus(string id, IReadOnlyDictionary<string, ObservedPod> observed, JdCloudPodStatus? previous) =>
        observed.TryGetValue(id, out var pod)
            ? pod.ToStatus()
            : previous?.Pods?.FirstOrDefault(p => p.PodId == id) ?? new CloudPodStatus { PodId = id };

    private static string PhaseOf(StatusFacts facts, IReadOnlyList<CloudPodStatus> pods, int settled, bool ready)
    {
        if (facts.Mode == ResourceMode.Deleting) return Phases.Deleting;
        if (facts.Mode == ResourceMode.Paused) return Phases.Paused;
        if (ready) return facts.Run ? Phases.Running : Phases.Stopped;
        var problem = facts.Problem;
        var running = facts.Run ? settled : 0;
        if (problem is { IsTerminal: true }) return running > 0 ? Phases.Degraded : Phases.Failed;
        if (facts.Rollout?.Progress is not null) return Phases.Updating;
        // Surplus pods on their way out (a scale-down, or the pod that stood in during an in-place rollout).
        if (problem is null && pods.Count > facts.Desired) return Phases.Scaling;
        if (pods.Any(p => ObservedPod.StateOf(p.Phase) is var state && (state == PodState.Error || (state == PodState.Stopped && facts.Run))))
            return Phases.Degraded;
        if (problem is null) return Phases.Creating;
        if (running > 0) return Phases.Degraded;
        // Nothing exists and nothing was sent: the problem (a missing Secret, a throttled call) came first.
        return pods.Count == 0 && facts.PendingCreate is null ? Phases.Pending : Phases.Creating;
    }

    private static List<V1Condition> ConditionsOf(IList<V1Condition>? previous, long? generation, StatusFacts facts,
        string phase, int settled, bool ready, V1Condition? cmdb, DateTime now, string? rollout)
    {
        V1Condition Next(string type, bool status, string reason, string message) =>
            Conditions.Next(Conditions.Find(previous, type), type, status, reason, message, generation, now);

        var problem = facts.Problem;
        var counts = $"{settled} of {facts.Desired} cloud pods {(facts.Run ? "running" : "stopped")}";
        var progress = rollout ?? counts;
        if (facts.Mode == ResourceMode.Paused)
        {
            var pausedMessage = $"reconciliation is paused by the annotation {Annotations.Paused}; nothing is created, deleted or polled";
            // Ready is kept only for the generation it was said of: a spec changed while paused is not applied, so the
            // resource is not Ready for it (GitOps tools read Ready with observedGeneration).
            var readyBefore = Conditions.Find(previous, Conditions.Ready);
            var readyKept = readyBefore?.ObservedGeneration == generation ? Keep(previous, Conditions.Ready, generation) : null;
            return
            [
                readyKept ?? Next(Conditions.Ready, false, Reasons.Paused, readyBefore is null ? pausedMessage
                    : $"{pausedMessage}; generation {generation} of the spec is not applied until the annotation is removed"),
                Next(Conditions.Reconciling, false, Reasons.Paused, pausedMessage),
                Keep(previous, Conditions.Stalled, generation) ?? Next(Conditions.Stalled, false, Reasons.NotStalled, "not stalled"),
            ];
        }

        var cmdbHolds = ready && facts.Cmdb is { GatesReady: true } && cmdb?.Status != "True";
        var readyCondition = cmdbHolds
            ? Next(Conditions.Ready, false, Reasons.CmdbNotRegistered,
                $"{counts}, but the pods are not registered in CMDB yet (--cmdb-required-for-ready): {cmdb?.Message ?? "registration pending"}")
            : ready
            ? Next(Conditions.Ready, true, facts.Run ? Reasons.AllPodsRunning : Reasons.AllPodsStopped, $"{counts}: {string.Join(", ", facts.PodIds)}")
            : problem is not null
                ? Next(Conditions.Ready, false, problem.Reason, problem.Message)
                : Next(Conditions.Ready, false, ProgressReason(phase), ProgressMessage(facts, phase, progress));
        var stalled = problem is { IsTerminal: true }
            ? Next(Conditions.Stalled, true, problem.Reason, problem.Message)
            : Next(Conditions.Stalled, false, Reasons.NotStalled, "not stalled");
        var reconciling = IsConverging(facts, ready)
            ? Next(Conditions.Reconciling, true, problem?.Reason ?? ProgressReason(phase), problem?.Message ?? ProgressMessage(facts, phase, progress))
            : Next(Conditions.Reconciling, false, Reasons.Reconciled, SettledMessage(problem, counts));
        return [readyCondition, reconciling, stalled];
    }

    /// <summary>
    /// Still moving towards the spec: deleting, a retry pending, a create in flight, a count to fix, or pods in a
    /// transient phase. A terminal problem, or pods that are settled but stopped, is not converging.
    /// </summary>
    private static bool IsConverging(StatusFacts facts, bool ready)
    {
        if (facts.Mode == ResourceMode.Deleting) return true;
        if (ready || facts.Problem is { IsTerminal: true }) return false;
        return facts.Problem is not null || facts.PendingCreate is not null || facts.PodIds.Count != facts.Desired
            || facts.Rollout?.Progress is not null
            || facts.PodIds.Any(id => !facts.Observed.TryGetValue(id, out var pod) || pod.State is not (PodState.Running or PodState.Stopped));
    }

    private static string SettledMessage(Problem? problem, string counts) => problem is { IsTerminal: true }
        ? $"stalled ({problem.Reason}): waiting for the spec, credentials or quota to change; {counts}"
        : counts;

    // While paused the operator observes nothing, so Ready and Stalled keep what they last said.
    private static V1Condition? Keep(IList<V1Condition>? previous, string type, long? generation)
    {
        var condition = Conditions.Find(previous, type);
        return condition is null ? null : new V1Condition
        {
            Type = condition.Type, Status = condition.Status, Reason = condition.Reason, Message = condition.Message,
            LastTransitionTime = condition.LastTransitionTime, ObservedGeneration = generation,
        };
    }

    private static string ProgressReason(string phase) => phase switch
    {
        Phases.Deleting => Reasons.Deleting,
        Phases.Creating => Reasons.Creating,
        Phases.Degraded => Reasons.PodsNotRunning,
        Phases.Updating => Reasons.RollingOut,
        Phases.Scaling => Reasons.ScalingDown,
        _ => Reasons.Progressing,
    };

    private static string ProgressMessage(StatusFacts facts, string phase, string counts) => phase switch
    {
        Phases.Deleting => $"deleting {facts.PodIds.Count} cloud pods: {string.Join(", ", facts.PodIds)}",
        _ when facts.PendingCreate is { } pending => $"{counts}; createPods for {pending.Count} pods in flight (clientToken {pending.ClientToken})",
        _ => counts,
    };
}
