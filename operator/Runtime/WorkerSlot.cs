namespace JdCloudPodOperator.Runtime;

/// <summary>
/// A reconcile's hold on one of the <see cref="ReconcileWorkers"/>. A reconcile that waits for something shared with
/// other reconciles (a describePods batch that fills as they join it) gives its worker back for the wait
/// (<see cref="WhileWaitingAsync{T}"/>), so the worker serves other keys meanwhile, and takes one again to go on:
/// the workers bound the reconciles that run, and <see cref="WorkerPool.MaxParked"/> those that wait without one.
/// </summary>
public sealed class WorkerSlot
{
    private static readonly AsyncLocal<WorkerSlot?> Current = new();
    private readonly WorkerPool _pool;
    private bool _held = true;

    private WorkerSlot(WorkerPool pool) => _pool = pool;

    /// <summary>
    /// Awaits <paramref name="wait"/> without holding a worker, when the caller runs on one and fewer than
    /// <see cref="WorkerPool.MaxParked"/> wait so; the result once a worker is free again.
    /// </summary>
    public static async Task<T> WhileWaitingAsync<T>(Task<T> wait)
    {
        if (Current.Value is not { _held: true } slot || wait.IsCompleted || !slot._pool.TryPark())
            return await wait.ConfigureAwait(false);
        slot.Release();
        try
        {
            return await wait.ConfigureAwait(false);
        }
        finally
        {
            slot._pool.Unpark();
            // Not cancellable: a cancelled reconcile still ends on a worker (it is given back as it ends).
            await slot._pool.Free.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            slot._held = true;
        }
    }

    /// <summary>Runs <paramref name="reconcile"/> on a worker taken from <paramref name="pool"/>, and gives it back at the end.</summary>
    internal static async Task RunAsync(WorkerPool pool, Func<Task> reconcile)
    {
        var slot = new WorkerSlot(pool);
        Current.Value = slot;
        try
        {
            await reconcile().ConfigureAwait(false);
        }
        finally
        {
            slot.Release();
        }
    }

    private void Release()
    {
        if (!_held) return;
        _held = false;
        _pool.Free.Release();
    }
}
