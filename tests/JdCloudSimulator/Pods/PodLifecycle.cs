namespace JdCloudSimulator.Pods;

/// <summary>
/// The state machine of docs/jdcloud-api.md, Preconditions: pending → running (or error), (running | error) → deleting
/// → gone, and optionally error → gone. Transitions are due at a time and applied when the clock is read
/// (<see cref="Advance"/>), so thousands of pods need no timers and a test clock can drive them. Not thread-safe:
/// <see cref="SimulatorState"/> holds the lock.
/// </summary>
internal sealed class PodLifecycle(PodRegistry registry, Func<SimulatorSettings> settings)
{
    private readonly PriorityQueue<Transition, DateTimeOffset> _due = new();

    private sealed record Transition(SimulatedPod Pod, int Version, PodPhase Phase, string Reason, string Message);

    public void Advance(DateTimeOffset now)
    {
        while (_due.TryPeek(out var next, out var at) && at <= now)
        {
            _due.Dequeue();
            if (next.Pod.Version == next.Version) Apply(next, at);
        }
    }

    public void Created(SimulatedPod pod, bool bootFails, DateTimeOffset now)
    {
        pod.MoveTo(PodPhase.Pending, now, "ContainerCreating");
        var outcome = bootFails
            ? new Transition(pod, pod.Version, PodPhase.Error, "CreateFailed", "the pod could not be created (injected boot failure)")
            : new Transition(pod, pod.Version, PodPhase.Running, "Running", "");
        Schedule(outcome, now + settings().BootDelay, now);
    }

    public void Delete(SimulatedPod pod, DateTimeOffset now)
    {
        pod.MoveTo(PodPhase.Deleting, now, "Deleting");
        Schedule(new Transition(pod, pod.Version, PodPhase.Gone, "Deleted", ""), now + settings().DeleteDelay, now);
    }

    /// <summary>Sends a pod to error now (a test's instruction), whatever it was doing.</summary>
    public void Fail(SimulatedPod pod, string message, DateTimeOffset now) =>
        Apply(new Transition(pod, pod.Version, PodPhase.Error, "Error", message), now);

    /// <summary>Removes a pod at once, bypassing the API (drift: the cloud lost it, or someone deleted it by hand).</summary>
    public void Remove(SimulatedPod pod, string reason, DateTimeOffset now) =>
        Apply(new Transition(pod, pod.Version, PodPhase.Gone, reason, ""), now);

    private void Schedule(Transition transition, DateTimeOffset at, DateTimeOffset now)
    {
        if (at <= now) Apply(transition, now);
        else _due.Enqueue(transition, at);
    }

    private void Apply(Transition transition, DateTimeOffset at)
    {
        var pod = transition.Pod;
        pod.MoveTo(transition.Phase, at, transition.Reason, transition.Message);
        if (transition.Phase == PodPhase.Gone) Release(pod);
        if (transition.Phase == PodPhase.Error && settings().ErroredPodLifetime is { } lifetime)
            Schedule(new Transition(pod, pod.Version, PodPhase.Gone, "ErrorRemoved", "the cloud removed the failed pod"), at + lifetime, at);
    }

    private void Release(SimulatedPod pod)
    {
        registry.Remove(pod);
        var resources = pod.Resources;
        resources.Subnet.Release(resources.PrivateIpAddress);
        foreach (var ip in resources.SecondaryIpAddresses) resources.Subnet.Release(ip);
        foreach (var disk in resources.Disks) disk.AttachedTo = null;
    }

    public void Clear() => _due.Clear();
}
