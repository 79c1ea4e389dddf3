using System.Collections.Concurrent;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>What a test reconciler saw; its behaviour per call is set by the test.</summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<NamespacedName, int> _running = new();
    private int _maxRunningPerKey;

    public ConcurrentQueue<NamespacedName> Calls { get; } = new();
    public ConcurrentQueue<NamespacedName> Cancelled { get; } = new();

    /// <summary>What a reconcile does; by default nothing.</summary>
    public Func<NamespacedName, int, CancellationToken, Task<ReconcileResult>> Behaviour { get; set; } =
        (_, _, _) => Task.FromResult(ReconcileResult.Done);

    public int MaxRunningPerKey => Volatile.Read(ref _maxRunningPerKey);

    public int CallsOf(string name) => Calls.Count(k => k.Name == name);

    public async Task<ReconcileResult> RunAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        Calls.Enqueue(key);
        var running = _running.AddOrUpdate(key, 1, (_, n) => n + 1);
        InterlockedMax(ref _maxRunningPerKey, running);
        try
        {
            return await Behaviour(key, Calls.Count(k => k == key), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled.Enqueue(key);
            throw;
        }
        finally
        {
            _running.AddOrUpdate(key, 0, (_, n) => n - 1);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>The reconciler the tests register: scoped like the product's, reporting to the singleton <see cref="Probe"/>.</summary>
public sealed class ProbeReconciler(Probe probe) : IReconciler
{
    public Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken cancellationToken) => probe.RunAsync(key, cancellationToken);
}
