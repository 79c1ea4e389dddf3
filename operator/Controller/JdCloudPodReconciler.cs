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
/// deleted, deleting (or orphaning) its pods. Status is written by merge patch after every step, and before every
/// createPods, so that an operator killed at any instant never creates a duplicate pod.
/// </summary>
public sealed partial class JdCloudPodReconciler(
    EntityClient<JdCloudPod> resources,
    ResourceCache<JdCloudPod> cache,
    IKubernetes kubernetes,
    PodClientFactory clients,
    DescribeBatcher<CloudAccount> batcher,
    RetryGate gate,
    EventRecorder events,
    SecretRedactor redactor,
    IOptions<JdCloudPodControllerOptions> options,
    CmdbRegistrar registrar,
    IOptionsMonitor<CmdbOptions> cmdbOptions,
    TimeProvider clock,
    ILogger<JdCloudPodReconciler> logger) : IReconciler
{
    private readonly JdCloudPodControllerOptions _options = options.Value;
    private readonly CmdbRegistrar _registrar = registrar;
    private readonly IOptionsMonitor<CmdbOptions> _cmdbOptions = cmdbOptions;

    public async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        // The credentials read in this pass are masked in this pass's Events only.
        using var secrets = redactor.BeginScope();
        // Read from the API, not the cache: a stale copy could hide a pendingCreate or podIds written a moment ago.
        var resource = await resources.GetAsync(key, cancellationToken);
        if (resource is null) return ReconcileResult.Done;
        OperatorTelemetry.SetGeneration(resource.Metadata.Generation);
        var state = new ReconcileState(resource);
        if (IsPaused(resource)) return await PausedAsync(state, cancellationToken);
        if (state.Deleting) return await FinalizeAsync(state, cancellationToken);

        state.Resource = await resources.AddFinalizerAsync(resource, Annotations.Finalizer, cancellationToken);
        var cmdb = _cmdbOptions.CurrentValue;
        if (JdCloudPodValidator.Validate(state.Resource, cmdb.Defaults, cmdb.Businesses).Violations is { Count: > 0 } violations)
            return await InvalidSpecAsync(state, violations, cancellationToken);
        if (await ConnectAsync(state, cancellationToken) is { } problem)
        {
            state.Problem = problem;
            return await RetryLaterAsync(state, ResourceMode.Active, cancellationToken);
        }
        return await ConvergeAsync(state, cancellationToken);
    }

    private static bool IsPaused(JdCloudPod resource) =>
        resource.Metadata.Annotations?.TryGetValue(Annotations.Paused, out var value) == true
        && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private async Task<ReconcileResult> PausedAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        await WriteStatusAsync(state, ResourceMode.Paused, cancellationToken);
        return ReconcileResult.Done;
    }

    // Not retried: the next spec change (a new generation) queues the resource again.
    private async Task<ReconcileResult> InvalidSpecAsync(
        ReconcileState state, IReadOnlyList<FieldViolation> violations, CancellationToken cancellationToken)
    {
        state.Problem = Problem.Terminal(Reasons.InvalidSpec, string.Join("; ", violations));
        state.Observed = await ObserveQuietlyAsync(state, cancellationToken);
        if (await WriteStatusAsync(state, ResourceMode.Active, cancellationToken))
            await events.WarningAsync(state.Resource, Reasons.InvalidSpec, state.Problem.Message, cancellationToken);
        return ReconcileResult.Done;
    }

    /// <summary>Reads the credentials Secret and makes the client; the problem when it cannot.</summary>
    private async Task<Problem?> ConnectAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var ns = state.Resource.Metadata.NamespaceProperty;
        var secretName = state.Resource.Spec.CredentialsSecretRef?.Name;
        var secret = string.IsNullOrEmpty(secretName) ? null : await ReadSecretAsync(ns, secretName, cancellationToken);
        var (credentials, problem) = CredentialsSecret.Read(secret, ns, secretName);
        if (credentials is null) return problem;
        redactor.Register(credentials.AccessKey);
        redactor.Register(credentials.SecretKey);
        redactor.Register(credentials.SecurityToken);
        var region = state.Resource.Spec.RegionId!;
        state.Client = clients.Create(credentials, region);
        state.Account = new CloudAccount(credentials, region);
        return null;
    }

    private async Task<V1Secret?> ReadSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Pods by ID through the shared batcher; pods missing from the answer are gone.</summary>
    private Task<IReadOnlyDictionary<string, ObservedPod>> ObserveAsync(
        ReconcileState state, IReadOnlyCollection<string> podIds, CancellationToken cancellationToken)
    {
        var client = state.Cloud;
        return batcher.DescribeAsync(state.Account!, podIds, async (ids, ct) =>
            (await client.DescribePodsByIdsAsync(ids, ct)).Select(ObservedPod.From).ToList(), cancellationToken);
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

    /// <summary>Records the problem and asks to come back after the retry gate's delay.</summary>
    private async Task<ReconcileResult> RetryLaterAsync(ReconcileState state, ResourceMode mode, CancellationToken cancellationToken)
    {
        var problem = state.Problem!;
        var delay = gate.Fail(state.Uid, state.Generation, state.Deleting, problem);
        // A terminal problem needs someone to act: tell them once, when it first shows in status.
        if (await WriteStatusAsync(state, mode, cancellationToken) && problem.IsTerminal && !state.ProblemReported)
            await events.WarningAsync(state.Resource, problem.Reason, problem.Message, cancellationToken);
        logger.LogInformation("{Resource}: {Reason}, retrying in {Delay}: {Message}",
            NamespacedName.Of(state.Resource), problem.Reason, delay, problem.Message);
        return ReconcileResult.RequeueAfter(delay);
    }

    /// <summary>Writes the composed status if it differs from what the server has; true when it did.</summary>
    private async Task<bool> WriteStatusAsync(ReconcileState state, ResourceMode mode, CancellationToken cancellationToken)
    {
        var current = state.Resource;
        var status = StatusComposer.Compose(current.Status, current.Metadata.Generation, state.Facts(mode), clock.GetUtcNow().UtcDateTime);
        if (current.Status is not null && KubernetesJson.Serialize(status) == KubernetesJson.Serialize(current.Status)) return false;
        var modified = KubernetesJson.Deserialize<JdCloudPod>(KubernetesJson.Serialize(current));
        modified.Status = status;
        state.Resource = await resources.PatchStatusAsync(current, modified, cancellationToken);
        return true;
    }

    /// <summary>Pod IDs that other JdCloudPods record: never adopted by this one.</summary>
    private IReadOnlySet<string> OwnedElsewhere(ReconcileState state) =>
        cache.List().Where(other => other.Metadata.Uid != state.Uid)
            .SelectMany(other => other.Status?.PodIds ?? []).ToHashSet(StringComparer.Ordinal);
}
