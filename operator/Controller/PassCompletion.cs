using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// The one exit of a reconcile pass. From the pass's working copy and its <see cref="Outcome"/> it writes the status
/// (one merge patch, skipped when nothing changed) or, for a released resource, removes the finalizer; records at most
/// one Event; updates the <see cref="RetryMemory"/>; and chooses the requeue. Its only other write is
/// <see cref="CheckpointAsync"/>, the status a pass must have on the server before a cloud call it could not
/// otherwise repeat safely after a crash.
/// </summary>
public sealed class PassCompletion(
    EntityClient<JdCloudPod> resources,
    EventRecorder events,
    RetryMemory retries,
    IOptions<JdCloudPodControllerOptions> options,
    TimeProvider clock,
    ILogger<PassCompletion> logger)
{
    private readonly JdCloudPodControllerOptions _options = options.Value;

    /// <summary>
    /// A crash-safety checkpoint: the working copy's status (no problem shown) lands before the pass goes on. Used
    /// before createPods (pendingCreate with its clientToken) and before a CMDB registration (the pods' entries).
    /// </summary>
    internal async Task CheckpointAsync(ReconcileState state, CancellationToken cancellationToken) =>
        await WriteStatusAsync(state, problem: null, cancellationToken);

    internal async Task<ReconcileResult> CompleteAsync(ReconcileState state, Outcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Release) return await ReleaseAsync(state, cancellationToken);
        var written = await WriteStatusAsync(state, outcome.Shown, cancellationToken);
        // A terminal problem needs someone to act: say so when it first shows in status.
        await RecordEventAsync(state, written && outcome.Problem is { IsTerminal: true } stalled ? stalled : null, cancellationToken);
        return Requeue(state, outcome);
    }

    private async Task<ReconcileResult> ReleaseAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        await RecordEventAsync(state, null, cancellationToken);
        await resources.RemoveFinalizerAsync(state.Resource, Annotations.Finalizer, cancellationToken);
        retries.Succeed(state.Uid);
        return ReconcileResult.Done;
    }

    /// <summary>
    /// A problem waits as the retry memory says (backoff with jitter; long for a terminal one). Otherwise the memory
    /// forgets past failures, unless it held this pass back, and the step's hint decides, never past the hold's end.
    /// </summary>
    private ReconcileResult Requeue(ReconcileState state, Outcome outcome)
    {
        if (outcome.Problem is { } problem)
        {
            var delay = retries.Fail(state.Uid, state.Scope, problem);
            logger.LogInformation("{Resource}: {Reason}, retrying in {Delay}: {Message}",
                NamespacedName.Of(state.Resource), problem.Reason, delay, problem.Message);
            return ReconcileResult.RequeueAfter(delay);
        }
        if (outcome.Held is null) retries.Succeed(state.Uid);
        TimeSpan? wanted = outcome.Requeue switch
        {
            Controller.Requeue.Soon => _options.MinPollInterval,
            Controller.Requeue.Poll => PollSchedule.Next(state.Resource.Status ?? new JdCloudPodStatus(), clock.GetUtcNow().UtcDateTime, _options),
            _ => null,
        };
        if (outcome.Held is { } held && (wanted is null || held.Remaining < wanted)) wanted = held.Remaining;
        return wanted is { } after ? ReconcileResult.RequeueAfter(after) : ReconcileResult.Done;
    }

    /// <summary>
    /// At most one Event per pass, led by its first warning (else its first notice) and carrying every notice's
    /// message. A newly stalled problem is told unless a warning of the pass already tells it.
    /// </summary>
    private async Task RecordEventAsync(ReconcileState state, Problem? stalled, CancellationToken cancellationToken)
    {
        IReadOnlyList<Notice> notices = state.Notices;
        if (stalled is not null && !notices.Any(n => n.Type == EventRecorder.Warning))
            notices = [Notice.Warning(stalled.Reason, stalled.Message), .. notices];
        if (notices.Count == 0) return;
        var lead = notices.FirstOrDefault(n => n.Type == EventRecorder.Warning) ?? notices[0];
        await events.RecordAsync(state.Resource, lead.Type, lead.Reason, string.Join("; ", notices.Select(n => n.Message)), cancellationToken);
    }

    /// <summary>
    /// Writes the composed status if it differs from what the server has; true when it did. The patch is the
    /// comparison: an empty one sends nothing and gives the resource back as it was.
    /// </summary>
    private async Task<bool> WriteStatusAsync(ReconcileState state, Problem? problem, CancellationToken cancellationToken)
    {
        var current = state.Resource;
        var status = StatusComposer.Compose(current.Status, state.Generation, state.Facts(problem), clock.GetUtcNow().UtcDateTime);
        state.Resource = await resources.PatchStatusAsync(current, current.Status, status, cancellationToken);
        return !ReferenceEquals(state.Resource, current);
    }
}
