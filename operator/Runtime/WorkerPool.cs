namespace JdCloudPodOperator.Runtime;

/// <summary>
/// The workers of one <see cref="ReconcileWorkers"/> and the reconciles parked without theirs (<see cref="WorkerSlot"/>):
/// at most <see cref="MaxParked"/> park at once; beyond that a reconcile keeps its worker while it waits, as every
/// reconcile did before parking existed. Each parked reconcile keeps its state (the resource, its plan) alive, so
/// without a bound 10,000 resources arriving at once park thousands of them while the batches fill.
/// </summary>
internal sealed class WorkerPool(int workers, int maxParked)
{
    private int _parked;
    private long _parkedWaits;
    private long _keptWaits;

    public SemaphoreSlim Free { get; } = new(workers, workers);

    public int MaxParked => maxParked;

    /// <summary>Waits that gave their worker back.</summary>
    public long ParkedWaits => Interlocked.Read(ref _parkedWaits);

    /// <summary>Waits that kept their worker, the bound being reached.</summary>
    public long KeptWaits => Interlocked.Read(ref _keptWaits);

    /// <summary>A place among the parked, or false (counted) when they are <see cref="MaxParked"/> already.</summary>
    public bool TryPark()
    {
        if (Interlocked.Increment(ref _parked) <= maxParked)
        {
            Interlocked.Increment(ref _parkedWaits);
            return true;
        }
        Interlocked.Decrement(ref _parked);
        Interlocked.Increment(ref _keptWaits);
        return false;
    }

    public void Unpark() => Interlocked.Decrement(ref _parked);
}
