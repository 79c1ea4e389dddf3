using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// What bringing one pod to a revision takes: a new pod (<see cref="Replace"/>), or the in-place operations
/// (docs/jdcloud-pod-lifecycle.md, "Which PodSpec field changes how").
/// </summary>
public sealed record PodChange(bool Replace, bool Rebuild, bool Resize, bool Modify)
{
    public static readonly PodChange None = new(false, false, false, false);
    public static readonly PodChange Replacement = new(true, false, false, false);

    public bool IsNone => this == None;

    /// <summary>rebuildPod and resizePod need a stopped pod.</summary>
    public bool NeedsStopped => Rebuild || Resize;

    /// <summary>
    /// From the pod's revision (<paramref name="from"/>; null when its fingerprints are unknown, which only a new pod
    /// can settle) to <paramref name="to"/>. <paramref name="involved"/> names the groups an interrupted operation
    /// may already have changed, which are then applied again whatever they were before.
    /// </summary>
    public static PodChange Between(PodSpecRevision? from, PodSpecRevision to, bool inPlaceAllowed, PodChange? involved = null)
    {
        if (from is null || from.Fixed != to.Fixed) return Replacement;
        var newType = from.InstanceType != to.InstanceType;
        var rebuild = from.Containers != to.Containers || involved?.Rebuild == true;
        var resize = newType || from.Resources != to.Resources || involved?.Resize == true;
        var modify = from.Description != to.Description || involved?.Modify == true;
        // resizePod needs a different instanceType: the containers' resources alone cannot change in place.
        if (resize && !newType && involved?.Resize != true) return Replacement;
        if ((rebuild || resize) && !inPlaceAllowed) return Replacement;
        return new PodChange(false, rebuild, resize, modify);
    }

    /// <summary>
    /// The groups an operation from <paramref name="from"/> towards <paramref name="towards"/> may have changed: those
    /// it differs in (done or not) and those its remaining steps name (a step it was told to repeat).
    /// </summary>
    public static PodChange Involved(PodSpecRevision? from, PodSpecRevision? towards, PodOperationStatus operation)
    {
        var steps = operation.Steps ?? [];
        if (from is null || towards is null) return new PodChange(false, true, true, true);
        return new PodChange(false,
            steps.Contains(PodSteps.Rebuild) || from.Containers != towards.Containers,
            steps.Contains(PodSteps.Resize) || from.InstanceType != towards.InstanceType || from.Resources != towards.Resources,
            steps.Contains(PodSteps.Modify) || from.Description != towards.Description);
    }

    /// <summary>
    /// The steps, in order, for a pod now in <paramref name="state"/> (running or stopped) that should end running
    /// (<paramref name="run"/>) or stopped.
    /// </summary>
    public List<string> Steps(PodState state, bool run)
    {
        var steps = new List<string>();
        if (NeedsStopped && state == PodState.Running) steps.Add(PodSteps.Stop);
        if (Rebuild) steps.Add(PodSteps.Rebuild);
        if (Resize) steps.Add(PodSteps.Resize);
        if (Modify) steps.Add(PodSteps.Modify);
        var endsStopped = NeedsStopped || state == PodState.Stopped;
        if (run && endsStopped) steps.Add(PodSteps.Start);
        if (!run && !endsStopped) steps.Add(PodSteps.Stop);
        return steps;
    }
}
