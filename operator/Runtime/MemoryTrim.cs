using System.Diagnostics;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// Gives memory back when the operator goes quiet after a burst (resources applied, the start-up list, a resync):
/// one compacting full GC that decommits what it frees (<see cref="GCCollectionMode.Aggressive"/>), then glibc's
/// <see cref="MallocArenas.Trim"/>. Otherwise the GC keeps much of what a burst grew committed, and RSS at 10,000
/// resources read 111-162 MiB for a live heap of ~32 MB, depending on when it was read (docs/performance.md, "RSS at 10,000").
/// Quiet: no change to the watched objects (the operator's own status writes included) and no key queued for one
/// (start-up, resync) for <see cref="MemoryTrimOptions.QuietFor"/>. Polls do not count, running or waiting: settled
/// resources are polled without end (10,000 every 60 s, a pass every 6 ms), and on a loaded machine their keys keep
/// a backlog (2,870 keys waiting when the 10,000 were all Ready); a poll that finds nothing writes nothing, and a trim
/// only pauses the passes. So a resync's passes may see one pause too. At most once per quiet period, after <see cref="MemoryTrimOptions.MinAllocatedBytes"/> allocated
/// since the last trim (the first one, after the start-up list, is not held back: start-up's leftovers go once, for
/// a pause of a small heap); checked on its own timer, never on a reconcile's or the watch's path.
/// </summary>
public sealed class MemoryTrim(MemoryTrimOptions options, TimeProvider time, ILogger logger)
{
    private long _changes;
    private long _trims;
    // The checking loop's own state (one loop).
    private long _seen = -1;
    private DateTimeOffset _quietSince;
    private bool _trimmedThisQuiet;
    private long? _allocatedAtTrim;

    /// <summary>Trims done since the process started.</summary>
    public long Trims => Interlocked.Read(ref _trims);

    /// <summary>A watched object changed or keys were queued for changes: a burst goes on. Any thread, per watch event.</summary>
    public void Changed() => Interlocked.Increment(ref _changes);

    /// <summary>Checks every third of <see cref="MemoryTrimOptions.QuietFor"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.QuietFor <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.QuietFor / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                if (Due(time.GetUtcNow(), GC.GetTotalAllocatedBytes())) GiveBack();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Whether to trim now, given the bytes allocated since the process started.</summary>
    internal bool Due(DateTimeOffset now, long allocated)
    {
        var changes = Interlocked.Read(ref _changes);
        if (changes != _seen)
        {
            (_seen, _quietSince, _trimmedThisQuiet) = (changes, now, false);
            return false;
        }
        return !_trimmedThisQuiet && now - _quietSince >= options.QuietFor
            && (_allocatedAtTrim is not { } last || allocated - last >= options.MinAllocatedBytes);
    }

    internal void Trimmed(long allocated)
    {
        (_trimmedThisQuiet, _allocatedAtTrim) = (true, allocated);
        Interlocked.Increment(ref _trims);
    }

    private void GiveBack()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var since = allocated - (_allocatedAtTrim ?? 0);
        var before = ResidentBytes();
        var paused = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        MallocArenas.Trim();
        var took = Stopwatch.GetElapsedTime(started);
        Trimmed(allocated);
        logger.LogDebug("Quiet after {Allocated} bytes allocated: RSS {Before} -> {After} bytes, GC heap {Heap} bytes live; GC pause {Pause:F1} ms, {Took:F1} ms in all",
            since, before, ResidentBytes(), GC.GetGCMemoryInfo().HeapSizeBytes, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds, took.TotalMilliseconds);
    }

    private static long ResidentBytes()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}
