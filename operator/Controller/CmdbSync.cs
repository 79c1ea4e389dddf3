using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.Controller;

/// <summary>What the CMDB sync reads of a pass: the resource (spec.cmdb, status.cmdb), the pod IDs it keeps, and
/// what describePods said of them; the revision of spec.podSpec, whose containers a registration records, and the
/// pods registered with other containers than they now run (rebuilt), which are registered again; and the pods this
/// status recorded that another resource holds (docs/ownership.md), whose CMDB records are that resource's: their
/// entries are dropped here without removing anything from CMDB.</summary>
public sealed record CmdbPods(JdCloudPod Resource, IReadOnlyList<string> PodIds, IReadOnlyDictionary<string, ObservedPod> Observed,
    string? Revision = null, IReadOnlySet<string>? Rebuilt = null, IReadOnlySet<string>? HeldElsewhere = null);

/// <summary>
/// What a CMDB sync learned: the facts for status.cmdb and the CmdbRegistered condition (null: CMDB was not looked
/// at), what changed (for the pass's Event) and, when removing registrations before the finalizer goes failed, the
/// problem that holds it.
/// </summary>
public sealed record CmdbSyncResult(CmdbFacts? Facts, IReadOnlyList<Notice> Notices, Problem? Problem = null);

/// <summary>
/// Keeps BlueKing CMDB in line with a resource's pods, for the reconcile pass: takes the pods and the spec, talks to
/// CMDB through the <see cref="CmdbRegistrar"/>, and returns the CMDB facts for the status.
/// </summary>
public sealed class CmdbSync(CmdbRegistrar registrar, IOptionsMonitor<CmdbOptions> cmdbOptions)
{
    private readonly CmdbRegistrar _registrar = registrar;
    private readonly IOptionsMonitor<CmdbOptions> _cmdbOptions = cmdbOptions;

    /// <summary>
    /// Registers and deregisters as <see cref="SyncCmdbAsync"/> says; <paramref name="checkpoint"/> writes the status
    /// with the given facts before a registration is sent.
    /// </summary>
    public async Task<CmdbSyncResult> SyncAsync(CmdbPods pods, IReadOnlyCollection<string> leaving,
        Func<CmdbFacts, CancellationToken, Task> checkpoint, CancellationToken cancellationToken)
    {
        var state = new Pass(pods, checkpoint);
        await SyncCmdbAsync(state, leaving, cancellationToken);
        return new CmdbSyncResult(state.Cmdb, state.Notices);
    }

    /// <summary>Removes every registration of a resource being released (see <see cref="DeregisterAllAsync(Pass, CancellationToken)"/>).</summary>
    public async Task<CmdbSyncResult> DeregisterAllAsync(CmdbPods pods, CancellationToken cancellationToken)
    {
        var state = new Pass(pods, (_, _) => Task.CompletedTask);
        var problem = await DeregisterAllAsync(state, cancellationToken);
        return new CmdbSyncResult(state.Cmdb, state.Notices, problem);
    }

    /// <summary>One sync's working copy: the pods, status.cmdb as being changed, what changed, the checkpoint.</summary>
    private sealed class Pass(CmdbPods pods, Func<CmdbFacts, CancellationToken, Task> checkpoint)
    {
        public JdCloudPod Resource => pods.Resource;
        public IReadOnlyList<string> PodIds => pods.PodIds;
        public IReadOnlyDictionary<string, ObservedPod> Observed => pods.Observed;
        public string? Revision => pods.Revision;
        public IReadOnlySet<string> Rebuilt => pods.Rebuilt ?? new HashSet<string>();
        public IReadOnlySet<string> HeldElsewhere => pods.HeldElsewhere ?? new HashSet<string>();
        public CmdbFacts? Cmdb { get; set; }
        public List<Notice> Notices { get; } = [];

        public Task CheckpointAsync(CancellationToken cancellationToken) => checkpoint(Cmdb!, cancellationToken);
    }

    /// <summary>
    /// Brings CMDB in line with the pods (spec.cmdb): first removes the registrations of pods this resource no longer
    /// keeps (<paramref name="leaving"/> are about to be deleted) or that were rebuilt with other containers (CMDB has
    /// no update for pods), or of all its pods when registration was turned off or moved to another business or
    /// workload; then registers the running pods not registered yet. Every pod gets a
    /// status entry before it is sent, so a restart re-registers it (CMDB is listed first, nothing is created twice)
    /// or, if the resource is deleted meanwhile, finds and removes it.
    /// </summary>
    private async Task SyncCmdbAsync(Pass state, IReadOnlyCollection<string> leaving, CancellationToken cancellationToken)
    {
        var settings = _cmdbOptions.CurrentValue;
        var spec = state.Resource.Spec.Cmdb;
        var enabled = spec?.Enabled == true;
        var recorded = state.Resource.Status?.Cmdb;
        if (!enabled && recorded?.Pods is not { Count: > 0 }) return;
        if (!settings.IsConfigured)
        {
            state.Cmdb = new CmdbFacts(enabled, recorded, new CmdbOutcome(false, Reasons.CmdbNotConfigured,
                "spec.cmdb.enabled is true but the operator has no CMDB endpoint (run --cmdb-url); nothing is registered"), false);
            return;
        }
        var resolved = enabled ? CmdbSpecDefaults.Apply(spec!, settings.Defaults) : null;
        var keep = state.PodIds.Except(leaving).ToHashSet(StringComparer.Ordinal);
        var stillValid = resolved is not null && SameTarget(recorded, resolved) ? keep.Except(state.Rebuilt).ToHashSet(StringComparer.Ordinal) : [];
        var (remaining, failure) = await DeregisterAsync(state, recorded, stillValid, cancellationToken);
        if (failure is not null || resolved is null)
        {
            state.Cmdb = new CmdbFacts(enabled, remaining, failure, settings.RequiredForReady);
            return;
        }
        await RegisterAsync(state, spec!, resolved, remaining, keep, settings, cancellationToken);
    }

    private static bool SameTarget(CmdbRegistrationStatus? recorded, CmdbSpec resolved) =>
        recorded is null || (recorded.BizId == resolved.BizId
                             && recorded.Workload?.Kind == resolved.Workload?.Kind && recorded.Workload?.Id == resolved.Workload?.Id);

    /// <summary>
    /// Removes the recorded registrations of pods outside <paramref name="keep"/>: the registrations left, and the
    /// condition when removing failed (then all are left, to be retried).
    /// </summary>
    private async Task<(CmdbRegistrationStatus? Remaining, CmdbOutcome? Failure)> DeregisterAsync(
        Pass state, CmdbRegistrationStatus? recorded, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        var stale = recorded?.Pods?.Where(p => !keep.Contains(p.PodId ?? "")).ToList() ?? [];
        if (stale.Count == 0) return (recorded, null);
        // Another resource's pod: its record is that resource's to keep or remove (one record may serve both).
        var foreign = stale.Where(p => state.HeldElsewhere.Contains(p.PodId ?? "")).ToList();
        if (foreign.Count > 0)
        {
            state.Notices.Add(Notice.Warning(Reasons.OwnedElsewhere,
                $"CMDB entries of pods {string.Join(", ", foreign.Select(p => p.PodId))} are dropped from this status; another resource holds those pods, so their CMDB records stay with it"));
            recorded = Without(recorded!, foreign);
            stale = [.. stale.Except(foreign)];
            if (stale.Count == 0) return (recorded, null);
        }
        var result = await _registrar.DeregisterAsync(Deregistration(state, recorded!, stale), cancellationToken);
        if (!result.Succeeded)
        {
            state.Notices.Add(Notice.Warning(Reasons.CmdbDeregistrationFailed, $"batch_delete_kube_pod: {result.Error}"));
            return (recorded, new CmdbOutcome(false, Reasons.CmdbDeregistrationFailed,
                $"removing {stale.Count} pod(s) from CMDB failed, retried later: {result.Error}"));
        }
        state.Notices.Add(Notice.Normal(EventReasons.CmdbDeregistered,
            $"removed pods {string.Join(", ", stale.Select(p => p.Name))} from CMDB (ids {string.Join(", ", result.DeletedIds)}){result.ForeignText}"));
        return (Without(recorded!, stale), null);
    }

    private static CmdbRegistrationStatus? Without(CmdbRegistrationStatus recorded, IReadOnlyCollection<CmdbPodStatus> gone)
    {
        var left = recorded.Pods!.Except(gone).ToList();
        return left.Count == 0 ? null : new CmdbRegistrationStatus { BizId = recorded.BizId, Workload = recorded.Workload, Pods = left };
    }

    /// <summary>What removing <paramref name="pods"/> takes: their keys, and the cloud pod each record must be labelled for.</summary>
    private static CmdbDeregistration Deregistration(Pass state, CmdbRegistrationStatus recorded, IReadOnlyList<CmdbPodStatus> pods) =>
        new(CmdbResource(state), recorded.BizId ?? 0, pods.Select(p => new CmdbPodClaim(
            new CmdbPodKey(recorded.Workload?.Kind ?? "", recorded.Workload?.Id ?? 0, p.Name ?? p.PodId ?? ""), p.PodId ?? "")).ToList());

    private async Task RegisterAsync(Pass state, CmdbSpec spec, CmdbSpec resolved, CmdbRegistrationStatus? recorded,
        IReadOnlySet<string> keep, CmdbOptions settings, CancellationToken cancellationToken)
    {
        var entries = recorded?.Pods?.ToList() ?? [];
        var running = keep.Where(id => state.Observed.TryGetValue(id, out var pod) && pod.State == PodState.Running)
            .Select(id => state.Observed[id]).ToList();
        foreach (var pod in running.Where(p => entries.All(e => e.PodId != p.PodId)))
            entries.Add(new CmdbPodStatus { PodId = pod.PodId, Name = pod.Name ?? pod.PodId, Revision = state.Revision });
        var registrations = new CmdbRegistrationStatus
        {
            BizId = resolved.BizId,
            Workload = new CmdbWorkloadReference { Kind = resolved.Workload?.Kind, Id = resolved.Workload?.Id },
            Pods = entries,
        };
        var pending = running.Where(p => entries.First(e => e.PodId == p.PodId).CmdbPodId is null).ToList();
        if (pending.Count == 0)
        {
            state.Cmdb = new CmdbFacts(true, entries.Count == 0 ? null : registrations, Settled(registrations, running.Count), settings.RequiredForReady);
            return;
        }
        // The crash-safety point: once these entries are in status, a restart finds (or removes) what this call creates.
        state.Cmdb = new CmdbFacts(true, registrations, new CmdbOutcome(false, Reasons.Registering,
            $"registering {pending.Count} pod(s) in CMDB business {resolved.BizId}"), settings.RequiredForReady);
        await state.CheckpointAsync(cancellationToken);
        var outcome = await SendRegistrationAsync(state, spec, settings, pending, registrations, cancellationToken);
        state.Cmdb = state.Cmdb with { Outcome = outcome ?? Settled(registrations, running.Count) };
    }

    /// <summary>Registers <paramref name="pods"/> and records their ids; the failure condition when some are left.</summary>
    private async Task<CmdbOutcome?> SendRegistrationAsync(Pass state, CmdbSpec spec, CmdbOptions settings,
        IReadOnlyList<ObservedPod> pods, CmdbRegistrationStatus registrations, CancellationToken cancellationToken)
    {
        CmdbRegistrationResult result;
        try
        {
            var containers = state.Resource.Spec.PodSpec?.Containers ?? [];
            result = await _registrar.RegisterAsync(CmdbRegistration.Create(CmdbResource(state), spec, settings.Defaults,
                pods.Select(p => new CmdbPodInstance(p.PodId, p.Name ?? p.PodId, Ips(p),
                    containers.Select(c => new CmdbContainer(c.Name ?? "", $"{p.PodId}/{c.Name}", c.Image ?? "")).ToList()))), cancellationToken);
        }
        catch (ArgumentException e)
        {
            return new CmdbOutcome(false, Reasons.CmdbRejected, e.Message);
        }
        foreach (var (pod, outcome) in pods.Zip(result.Pods))
            registrations.Pods!.First(e => e.PodId == pod.PodId).CmdbPodId = outcome.PodId;
        var registered = result.Pods.Where(p => p.Registered).Select(p => $"{p.Name}={p.PodId}").ToList();
        if (registered.Count > 0)
            state.Notices.Add(Notice.Normal(EventReasons.CmdbRegistered,
                $"registered in CMDB business {registrations.BizId}: {string.Join(", ", registered)}"));
        if (result.AllRegistered) return null;
        var failed = result.Pods.Where(p => !p.Registered).ToList();
        var reason = failed.Any(p => p.Error?.IsPermissionDenied == true) ? Reasons.CmdbPermissionDenied
            : failed.Any(p => p.Error?.Conflict == true) ? Reasons.CmdbConflict
            : result.Retryable ? Reasons.CmdbUnavailable
            : Reasons.CmdbRejected;
        state.Notices.Add(Notice.Warning(EventReasons.CmdbRegistrationFailed, result.Describe()));
        return new CmdbOutcome(false, reason, result.Describe());
    }

    private static IReadOnlyList<string> Ips(ObservedPod pod) =>
        new[] { pod.PrivateIpAddress, pod.ElasticIpAddress }.Where(ip => !string.IsNullOrEmpty(ip)).Select(ip => ip!).ToList();

    /// <summary>The condition when nothing was (or is left to be) sent.</summary>
    private static CmdbOutcome Settled(CmdbRegistrationStatus registrations, int running)
    {
        var pods = registrations.Pods ?? [];
        if (running == 0 && pods.Count == 0)
            return new CmdbOutcome(false, Reasons.NoRunningPods, "no running pods yet; they are registered in CMDB once they run");
        var ids = string.Join(", ", pods.Select(p => $"{p.PodId}={p.CmdbPodId}"));
        // An entry without an id (its pod stopped before its registration landed) is not registered: it is sent once
        // the pod runs again, and until then the condition does not claim it.
        var waiting = pods.Where(p => p.CmdbPodId is null).Select(p => p.PodId).ToList();
        if (waiting.Count > 0)
            return new CmdbOutcome(false, Reasons.NoRunningPods,
                $"{waiting.Count} of {pods.Count} pod(s) are not registered in CMDB yet and are once they run: {string.Join(", ", waiting)}");
        return new CmdbOutcome(true, Reasons.Registered,
            $"{pods.Count} pod(s) registered in CMDB business {registrations.BizId}, workload {registrations.Workload?.Kind}/{registrations.Workload?.Id}: {ids}");
    }

    /// <summary>
    /// Before the finalizer goes: every registration of the resource is removed, including those whose id was never
    /// recorded (found by key). Null when done; otherwise the problem that holds the finalizer.
    /// </summary>
    private async Task<Problem?> DeregisterAllAsync(Pass state, CancellationToken cancellationToken)
    {
        var recorded = state.Resource.Status?.Cmdb;
        if (recorded?.Pods is not { Count: > 0 }) return null;
        if (!_cmdbOptions.CurrentValue.IsConfigured)
            return Problem.Retrying(Reasons.CmdbDeregistrationFailed,
                $"{recorded.Pods.Count} pod(s) are registered in CMDB but the operator has no CMDB endpoint (--cmdb-url) to remove them; the finalizer stays");
        var (remaining, failure) = await DeregisterAsync(state, recorded, new HashSet<string>(), cancellationToken);
        state.Cmdb = new CmdbFacts(false, remaining, failure, false);
        return failure is null ? null : Problem.Retrying(failure.Reason, failure.Message);
    }

    private static string CmdbResource(Pass state) => NamespacedName.Of(state.Resource).ToString();
}
