namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// One resource's registration while the registrar works on it: each pod is claimed exactly once, either by a batch
/// or by a withdrawal, and the result is published when the last pod has an outcome.
/// </summary>
internal sealed class RegistrationTracker(CmdbRegistration registration)
{
    private const int Queued = 0, Claimed = 1;
    private readonly int[] states = new int[registration.Pods.Count];
    private readonly CmdbPodResult?[] results = new CmdbPodResult?[registration.Pods.Count];
    private readonly TaskCompletionSource<CmdbRegistrationResult> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int remaining = registration.Pods.Count;

    public CmdbRegistration Registration => registration;

    public Task<CmdbRegistrationResult> Completion => done.Task;

    /// <summary>True for the one caller that may now send the pod (or give it up).</summary>
    public bool TryClaim(int index) => Interlocked.CompareExchange(ref states[index], Claimed, Queued) == Queued;

    public void Complete(int index, long? podId, CmdbError? error)
    {
        if (Interlocked.CompareExchange(ref results[index], new CmdbPodResult(registration.Pods[index].Name, podId, error), null) is not null)
            return;
        if (Interlocked.Decrement(ref remaining) == 0)
            done.TrySetResult(new CmdbRegistrationResult(registration.Resource, results!));
    }

    /// <summary>Gives up every pod no batch has claimed yet; claimed pods finish with their batch.</summary>
    public void Withdraw(CmdbError reason)
    {
        for (var i = 0; i < states.Length; i++)
            if (TryClaim(i)) Complete(i, null, reason);
    }
}

/// <summary>A pod waiting in the registrar's queue.</summary>
internal readonly record struct PendingPod(RegistrationTracker Tracker, int Index)
{
    public CmdbPod Pod => Tracker.Registration.Pods[Index];
    public long BizId => Tracker.Registration.BizId;
}

/// <summary>The pods of a batch that share one CMDB key: sent once, and every member gets the same outcome.</summary>
internal sealed class KeyGroup(CmdbPodKey key, long bizId, CmdbPod pod, IReadOnlyList<PendingPod> members)
{
    public CmdbPodKey Key => key;
    public long BizId => bizId;
    public CmdbPod Pod => pod;
    public bool Done { get; private set; }

    public void Resolve(long podId) => Finish(podId, null);

    public void Fail(CmdbError error) => Finish(null, error);

    private void Finish(long? podId, CmdbError? error)
    {
        Done = true;
        foreach (var member in members) member.Tracker.Complete(member.Index, podId, error);
    }

    /// <summary>
    /// One group per key. Pods of one key that stand for different cloud pods (two resources whose pods have the
    /// same name in the same workload) are never merged: the first cloud pod's group is sent, the others fail now
    /// with a conflict rather than share its CMDB record.
    /// </summary>
    public static List<KeyGroup> Of(IEnumerable<PendingPod> pods)
    {
        var groups = new List<KeyGroup>();
        foreach (var sameKey in pods.GroupBy(p => p.Pod.Key))
        {
            var owners = sameKey.GroupBy(p => CmdbOwnership.OwnerOf(p.Pod)).ToList();
            groups.Add(new KeyGroup(sameKey.Key, owners[0].First().BizId, owners[0].First().Pod, owners[0].ToList()));
            foreach (var rival in owners.Skip(1).SelectMany(o => o))
                rival.Tracker.Complete(rival.Index, null, new CmdbError(null,
                    $"another pod registers the name {sameKey.Key.Name} in workload {sameKey.Key.Kind}/{sameKey.Key.WorkloadId} at the same time; " +
                    "pod names must be unique per CMDB workload", Conflict: true));
        }
        return groups;
    }
}
