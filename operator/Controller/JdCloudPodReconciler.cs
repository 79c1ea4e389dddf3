using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Telemetry;
using JdCloudPodOperator.Validation;
using Microsoft.Extensions.Options;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// Drives a JdCloudPod towards its spec, one cloud action per pass: finalizer, validation, credentials, then either
/// finishing an in-flight createPods, replacing failed pods, scaling, adopting or creating; or, when the resource is
/// deleted, deleting (or orphaning) its pods. Each step records what it learned on the pass's working copy and
/// returns an <see cref="Outcome"/>; <see cref="PassCompletion"/> is the pass's one exit (status, Event, retry
/// memory, requeue). The only writes before it are named checkpoints (<see cref="PassCompletion.CheckpointAsync"/>),
/// so that an operator killed at any instant never creates a duplicate pod. A pod is recorded only once this
/// resource holds its claim (<see cref="PodClaims"/>), so no pod is ever in two statuses.
/// </summary>
public sealed partial class JdCloudPodReconciler(
    EntityClient<JdCloudPod> resources,
    ResourceCache<JdCloudPod> cache,
    CredentialsCache credentials,
    PodClientFactory clients,
    ClusterIdentity cluster,
    PodClaims claims,
    DescribeBatcher<DescribeKey> batcher,
    RetryMemory retries,
    PassCompletion completion,
    CmdbSync cmdb,
    SecretRedactor redactor,
    IOptionsMonitor<CmdbOptions> cmdbOptions,
    ValidSpecs validSpecs,
    TimeProvider clock) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        // The credentials read in this pass are masked in this pass's Events only.
        using var secrets = redactor.BeginScope();
        var resource = await ReadAsync(key, cancellationToken);
        if (resource is null)
        {
            claims.ReleaseAll(key);
            validSpecs.Forget(key);
            return ReconcileResult.Done;
        }
        OperatorTelemetry.SetGeneration(resource.Metadata.Generation);
        var state = new ReconcileState(resource);
        // Deleted and no longer ours to clean up: there is nothing to reconcile.
        if (state.Mode == ResourceMode.Deleting && resource.Metadata.Finalizers?.Contains(Annotations.Finalizer) != true)
            return ReconcileResult.Done;
        var outcome = state.Mode switch
        {
            ResourceMode.Paused => Pause(state),
            ResourceMode.Deleting => await FinalizeAsync(state, cancellationToken),
            _ => await ActiveAsync(state, cancellationToken),
        };
        var result = await completion.CompleteAsync(state, outcome, cancellationToken);
        cache.Written(state.Resource);
        // After the status write: claims on pods it no longer records (deleted, orphaned, gone) are released.
        claims.Retain(state.Owner, outcome.Release ? [] : state.PodIds);
        return result;
    }

    /// <summary>
    /// The resource from the cache when it holds this operator's last write and its podSpec (kept until the resource
    /// settles: JdCloudPodControllerServiceCollectionExtensions), else from the API: a stale copy could hide a
    /// pendingCreate or podIds written a moment ago.
    /// </summary>
    private async Task<JdCloudPod?> ReadAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        if (cache.GetForUpdate(key) is { Spec.PodSpec: not null } cached) return cached;
        return await resources.GetAsync(key, cancellationToken);
    }

    /// <summary>Nothing is done while paused; a rollout under way has its clock stopped (docs/rollout.md, "The progress deadline").</summary>
    private static Outcome Pause(ReconcileState state)
    {
        state.Rollout = RolloutProgress.Pause(state.Rollout);
        return Outcome.Paused;
    }

    private async Task<Outcome> ActiveAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        state.Resource = await resources.AddFinalizerAsync(state.Resource, Annotations.Finalizer, cancellationToken);
        // The finalizer write answered with a newer spec: that one is the next pass's (the watch brings it).
        if ((state.Resource.Metadata.Generation ?? 0) != state.Generation) return Outcome.Changed;
        state.Rollout = RolloutProgress.Resume(state.Rollout, clock.GetUtcNow().UtcDateTime);
        if (validSpecs.Violations(state.Resource, cmdbOptions.CurrentValue) is { Count: > 0 } violations)
            return await InvalidSpecAsync(state, violations, cancellationToken);
        return await ConnectAsync(state, cancellationToken) is { } problem
            ? Outcome.Failed(problem)
            : await ConvergeAsync(state, cancellationToken);
    }

    // Terminal like every problem that needs someone to act: fixed by a new generation, looked at again after
    // TerminalRetryDelay.
    private async Task<Outcome> InvalidSpecAsync(
        ReconcileState state, IReadOnlyList<FieldViolation> violations, CancellationToken cancellationToken)
    {
        state.Observed = await ObserveQuietlyAsync(state, cancellationToken);
        return Outcome.Failed(Problem.Terminal(Reasons.InvalidSpec, string.Join("; ", violations)));
    }

    /// <summary>Reads the credentials Secret (<see cref="CredentialsCache"/>) and makes the client, and learns the cluster ID; the problem when it cannot.</summary>
    private async Task<Problem?> ConnectAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var (account, problem) = await credentials.GetAsync(state.Resource.Metadata.NamespaceProperty,
            state.Spec.CredentialsSecretRef?.Name, cancellationToken);
        if (account is null) return problem;
        redactor.Register(account.AccessKey);
        redactor.Register(account.SecretKey);
        redactor.Register(account.SecurityToken);
        var (clusterId, unknown) = await cluster.GetAsync(cancellationToken);
        if (clusterId is null) return unknown;
        var region = state.Spec.RegionId!;
        state.Client = clients.Create(account, region);
        state.Account = new CloudAccount(account, region);
        state.ClusterId = clusterId;
        return null;
    }

    /// <summary>Pods by ID through the shared batcher; pods missing from the answer are gone.</summary>
    private Task<IReadOnlyDictionary<string, ObservedPod>> ObserveAsync(
        ReconcileState state, IReadOnlyCollection<string> podIds, CancellationToken cancellationToken)
    {
        var client = state.Cloud;
        return batcher.DescribeAsync(new DescribeKey(state.Account!, DescribeFilter.PodId), podIds, async (ids, ct) =>
            (await client.DescribePodsByIdsAsync(ids, ct)).Select(ObservedPod.From).ToList(), cancellationToken);
    }

    /// <summary>
    /// Every pod carrying this resource's owner tag, recorded or not, in any phase: one describePods tag filter shared
    /// with the lookups of other resources in the same account and region (several owner values per call).
    /// </summary>
    private Task<IReadOnlyList<ObservedPod>> FindTaggedAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var client = state.Cloud;
        return batcher.DescribeMatchingAsync(new DescribeKey(state.Account!, DescribeFilter.OwnerTag), [state.OwnerValue], async (values, ct) =>
            (await client.DescribePodsByTagAsync(OwnerTag.Key, values, ct)).Select(ObservedPod.From).ToList(), pod => pod.Owner, cancellationToken);
    }

    // For a status that reports a problem: the pods as well, when they can be seen; otherwise their last known state.
    private async Task<IReadOnlyDictionary<string, ObservedPod>> ObserveQuietlyAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        if (state.PodIds.Count == 0 || await ConnectAsync(state, cancellationToken) is not null) return state.Observed;
        try
        {
            return await ObserveAsync(state, state.PodIds, cancellationToken);
        }
        catch (JdCloudApiException)
        {
            return state.Observed;
        }
    }

    /// <summary>
    /// Claims the pods the status records. One another resource holds (recorded twice, as before claims existed)
    /// stays with that one: it is dropped from this status and never deleted by this resource.
    /// </summary>
    private void ClaimRecorded(ReconcileState state)
    {
        var refused = claims.Claim(state.Owner, state.PodIds);
        if (refused.Count == 0) return;
        state.PodIds.RemoveAll(refused.ContainsKey);
        state.Note(Notice.Warning(Reasons.OwnedElsewhere,
            $"cloud pods {Held(refused)} were recorded here as well; a pod has one owner, so they stay with it and are no longer recorded here"));
    }

    /// <summary>Pod IDs other JdCloudPods hold: never adopted by this one.</summary>
    private IReadOnlySet<string> HeldElsewhere(ReconcileState state, IEnumerable<string> podIds) =>
        claims.HeldElsewhere(state.Owner, podIds).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>"pod-a (JdCloudPod ns/x), pod-b (JdCloudPod ns/y)".</summary>
    private static string Held(IReadOnlyDictionary<string, PodOwner> held) =>
        string.Join(", ", held.Select(p => $"{p.Key} ({p.Value})"));

    // The CMDB entries of pods another resource holds (dropped from this status now or in an earlier pass) are left to it.
    private CmdbPods CmdbPodsOf(ReconcileState state) =>
        new(state.Resource, state.PodIds, state.Observed, state.Target?.Name, RegisteredWithOtherContainers(state),
            state.Resource.Status?.Cmdb?.Pods is { Count: > 0 } entries
                ? HeldElsewhere(state, entries.Select(e => e.PodId).OfType<string>().Except(state.PodIds))
                : null);

    /// <summary>
    /// Pods registered while they ran other containers than the target's, and now settled on the target: rebuilt in
    /// place. Registrations from before revisions were recorded are left alone.
    /// </summary>
    private static HashSet<string> RegisteredWithOtherContainers(ReconcileState state)
    {
        if (state.Target is not { } target) return [];
        return [.. (state.Resource.Status?.Cmdb?.Pods ?? [])
            .Where(e => e.PodId is not null && e.Revision is { } registered && registered != target.Name
                && state.RecordOf(e.PodId) is { Operation: null } record && record.Revision == target.Name
                && state.Known.GetValueOrDefault(registered)?.Containers != target.Containers)
            .Select(e => e.PodId!)];
    }

    /// <summary>The CMDB sync's checkpoint: the registrations about to be sent are in status first.</summary>
    private Task CmdbCheckpointAsync(ReconcileState state, CmdbFacts facts, CancellationToken cancellationToken)
    {
        state.Cmdb = facts;
        return completion.CheckpointAsync(state, cancellationToken);
    }
}
