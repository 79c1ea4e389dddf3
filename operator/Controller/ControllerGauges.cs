using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud.Models;
using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Telemetry;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// The controller's observable gauges on <see cref="OperatorTelemetry.Meter"/>: work queue depth,
/// reconciles in flight and the managed pods by phase. Registered while the host runs; the gauges are static (one
/// Meter per process), so a process running several hosts (tests) reports their sum.
/// </summary>
public sealed class ControllerGauges(ControllerManager<JdCloudPod, JdCloudPodReconciler> manager, ResourceCache<JdCloudPod> cache) : IHostedService
{
    private static readonly ConcurrentDictionary<ControllerGauges, byte> Running = new();

    static ControllerGauges()
    {
        OperatorTelemetry.Meter.CreateObservableGauge("jdcloudpod.workqueue.depth", () => Observe(g => g.QueueDepth),
            "{key}", "Keys waiting for a reconcile worker (0 on a replica that is not the leader).");
        OperatorTelemetry.Meter.CreateObservableGauge("jdcloudpod.reconcile.in_flight", () => Observe(g => g.InFlight),
            "{reconcile}", "Reconciles running now.");
        OperatorTelemetry.Meter.CreateObservableGauge("jdcloudpod.pods", () => ObservePodPhases(),
            "{pod}", "JD Cloud pods recorded in the status of the JdCloudPods this replica leads, by phase.");
    }

    internal int QueueDepth => manager.Status.QueueDepth;

    internal int InFlight => manager.Status.InFlight;

    /// <summary>JD Cloud's pod phases; any other text in a status (written by whoever may patch it) is "other".</summary>
    private static readonly string[] Phases =
        [PodPhase.Running, PodPhase.Stopped, PodPhase.Error, PodPhase.Pending, PodPhase.Starting, PodPhase.Stopping, PodPhase.Deleting];

    /// <summary>Pods by cloud phase, from the cached statuses; only the leader reports them, so replicas do not add up.</summary>
    internal IEnumerable<string> PodPhases =>
        !manager.Status.IsLeader ? [] : cache.Read(resources =>
            resources.SelectMany(resource => resource.Status?.Pods ?? []).Select(pod => PhaseLabel(pod.Phase)).ToList());

    internal static string PhaseLabel(string? phase) =>
        phase is null ? "unknown" : Phases.FirstOrDefault(known => PodPhase.Is(phase, known)) ?? "other";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Running.TryAdd(this, 0);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Running.TryRemove(this, out _);
        return Task.CompletedTask;
    }

    internal static IEnumerable<Measurement<long>> Observe(Func<ControllerGauges, int> value) =>
        Running.IsEmpty ? [] : [new Measurement<long>(Running.Keys.Sum(value))];

    internal static IEnumerable<Measurement<long>> ObservePodPhases() =>
        Running.Keys.SelectMany(gauges => gauges.PodPhases).GroupBy(phase => phase)
            .Select(phase => new Measurement<long>(phase.Count(), new KeyValuePair<string, object?>("jdcloud.pod.phase", phase.Key)));
}
