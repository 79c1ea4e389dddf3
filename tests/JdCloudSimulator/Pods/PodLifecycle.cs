using JdCloudPodOperator.Entities;

namespace JdCloudSimulator.Pods;

/// <summary>
/// The state machine of docs/jdcloud-pod-lifecycle.md, "Phases": pending → running (or error); running → stopping →
/// stopped; stopped → starting → running (or error on a failing image); stopped → rebuilding | resizing → stopped;
/// (running | stopped | error) → deleting → gone; optionally error → gone. Transitions are due at a time and applied
/// when the clock is read (<see cref="Advance"/>), so thousands of pods need no timers and a test clock can drive them.
/// Not thread-safe: <see cref="SimulatorState"/> holds the lock.
/// </summary>
internal sealed class PodLifecycle(PodRegistry registry, Func<SimulatorSettings> settings)
{
    private readonly PriorityQueue<Transition, (DateTimeOffset, long)> _due = new();
    private long _changes;
    private long _scheduled;

    /// <summary>A phase due at a time. <see cref="Revised"/> is the spec the pod has once there (rebuild, resize),
    /// <see cref="Fresh"/> the containers a rebuild replaced, <see cref="FailedContainer"/> the one whose image failed.</summary>
    private sealed record Transition(SimulatedPod Pod, int Version, PodPhase Phase, string Reason, string Message)
    {
        public PodSpec? Revised { get; init; }
        public IReadOnlySet<string>? Fresh { get; init; }
        public ContainerSpec? FailedContainer { get; init; }
    }

    public void Advance(DateTimeOffset now)
    {
        while (_due.TryPeek(out var next, out var due) && due.Item1 <= now)
        {
            _due.Dequeue();
            if (next.Pod.Version == next.Version) Apply(next, due.Item1);
        }
    }

    public void Created(SimulatedPod pod, bool bootFails, DateTimeOffset now)
    {
        Move(pod, PodPhase.Pending, now, "ContainerCreating");
        var outcome = bootFails
            ? new Transition(pod, pod.Version, PodPhase.Error, "CreateFailed", "the pod could not be created (injected boot failure)")
            : Boot(pod, pod.Spec);
        Schedule(outcome, now + settings().BootDelay, now);
    }

    public void Stop(SimulatedPod pod, DateTimeOffset now)
    {
        Move(pod, PodPhase.Stopping, now, "Stopping");
        Schedule(new Transition(pod, pod.Version, PodPhase.Stopped, "Stopped", ""), now + settings().StopDelay, now);
    }

    public void Start(SimulatedPod pod, DateTimeOffset now)
    {
        Move(pod, PodPhase.Starting, now, "Starting");
        Schedule(Boot(pod, pod.Spec), now + settings().StartDelay, now);
    }

    /// <summary>rebuildPod: the new containers take effect when the pod is stopped again.</summary>
    public void Rebuild(SimulatedPod pod, PodSpec revised, IReadOnlySet<string> rebuilt, DateTimeOffset now)
    {
        Move(pod, PodPhase.Rebuilding, now, "Rebuilding");
        Schedule(new Transition(pod, pod.Version, PodPhase.Stopped, "Rebuilt", "") { Revised = revised, Fresh = rebuilt },
            now + settings().RebuildDelay, now);
    }

    /// <summary>resizePod: the new type and resources take effect when the pod is stopped again.</summary>
    public void Resize(SimulatedPod pod, PodSpec revised, DateTimeOffset now)
    {
        Move(pod, PodPhase.Resizing, now, "Resizing");
        Schedule(new Transition(pod, pod.Version, PodPhase.Stopped, "Resized", "") { Revised = revised }, now + settings().ResizeDelay, now);
    }

    public void Delete(SimulatedPod pod, DateTimeOffset now)
    {
        Move(pod, PodPhase.Deleting, now, "Deleting");
        Schedule(new Transition(pod, pod.Version, PodPhase.Gone, "Deleted", ""), now + settings().DeleteDelay, now);
    }

    /// <summary>Sends a pod to error now (a test's instruction), whatever it was doing.</summary>
    public void Fail(SimulatedPod pod, string message, DateTimeOffset now) =>
        Apply(new Transition(pod, pod.Version, PodPhase.Error, "Error", message), now);

    /// <summary>Removes a pod at once, bypassing the API (drift: the cloud lost it, or someone deleted it by hand).</summary>
    public void Remove(SimulatedPod pod, string reason, DateTimeOffset now) =>
        Apply(new Transition(pod, pod.Version, PodPhase.Gone, reason, ""), now);

    public void Clear() => _due.Clear();

    /// <summary>Running, or error when a container's image is one of the failing images.</summary>
    private Transition Boot(SimulatedPod pod, PodSpec spec)
    {
        var failing = settings().FailingImages;
        var broken = spec.Containers?.FirstOrDefault(c => c.Image is { } image && failing.Contains(image));
        return broken is null
            ? new Transition(pod, pod.Version, PodPhase.Running, "Running", "")
            : new Transition(pod, pod.Version, PodPhase.Error, "ErrImagePull",
                $"container {broken.Name}: failed to pull image \"{broken.Image}\"") { FailedContainer = broken };
    }

    private void Move(SimulatedPod pod, PodPhase phase, DateTimeOffset at, string reason, string message = "") =>
        pod.MoveTo(phase, at, ++_changes, reason, message);

    // Due times tie-break on the order they were scheduled, so equal times apply in a stable order.
    private void Schedule(Transition transition, DateTimeOffset at, DateTimeOffset now)
    {
        if (at <= now) Apply(transition, now);
        else _due.Enqueue(transition, (at, ++_scheduled));
    }

    private void Apply(Transition transition, DateTimeOffset at)
    {
        var pod = transition.Pod;
        var from = pod.Phase;
        if (transition.Fresh is { } fresh) ContainerLog.Forget(pod, fresh);
        if (transition.Revised is { } spec) pod.Revise(spec);
        if (transition.FailedContainer is { } failed) pod.PullFailure = new PullFailure(failed.Name!, transition.Message);
        Move(pod, transition.Phase, at, transition.Reason, transition.Message);
        WriteLogs(pod, from, transition, at);
        if (transition.Phase == PodPhase.Gone) Release(pod);
        if (transition.Phase == PodPhase.Error && settings().ErroredPodLifetime is { } lifetime)
            Schedule(new Transition(pod, pod.Version, PodPhase.Gone, "ErrorRemoved", "the cloud removed the failed pod"), at + lifetime, at);
    }

    private static void WriteLogs(SimulatedPod pod, PodPhase from, Transition transition, DateTimeOffset at)
    {
        switch (transition.Phase)
        {
            case PodPhase.Running:
                ContainerLog.Started(pod, at);
                break;
            case PodPhase.Stopped when from == PodPhase.Stopping:
                ContainerLog.Stopped(pod, at);
                break;
            case PodPhase.Error when transition.FailedContainer is { } failed:
                ContainerLog.PullFailed(pod, at, failed.Name!, failed.Image!);
                break;
        }
    }

    private void Release(SimulatedPod pod)
    {
        registry.Remove(pod);
        var resources = pod.Resources;
        resources.Subnet.Release(resources.PrivateIpAddress);
        foreach (var ip in resources.SecondaryIpAddresses) resources.Subnet.Release(ip);
        foreach (var disk in resources.Disks) disk.AttachedTo = null;
        if (pod.ElasticIp is { } eip) eip.BoundTo = null;
    }
}
