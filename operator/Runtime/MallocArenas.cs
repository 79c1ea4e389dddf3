using System.Runtime.InteropServices;

namespace JdCloudPodOperator.Runtime;

/// <summary>
/// glibc's allocator (the operator's only native calls): <see cref="Limit"/> caps its arenas, <see cref="Trim"/> gives
/// their free pages back. glibc gives a thread that finds the arenas busy one of its own, up to 8 per core, and
/// keeps each one's free pages: native allocations (OpenSSL's, the runtime's) are few here, yet at 10,000 resources
/// the thread pool's ~20 workers held 16 arenas and 12.7 MiB, against 7.2 MiB with 2 (docs/performance.md, "RSS at 10,000").
/// The operator's allocations are managed, so 2 arenas cost no contention that shows. MALLOC_ARENA_MAX, when set,
/// still decides; elsewhere than glibc (musl, macOS) nothing happens.
/// </summary>
internal static class MallocArenas
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    public static void Limit(int arenas)
    {
        if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null) OnGlibc(() => mallopt(ArenaMax, arenas));
    }

    /// <summary>
    /// Returns the arenas' free pages to the system (malloc_trim(0)), as <see cref="MemoryTrim"/> does after a burst:
    /// glibc keeps freed memory for the next malloc otherwise. Nothing elsewhere than glibc.
    /// </summary>
    public static void Trim() => OnGlibc(() => malloc_trim(0));

    private static void OnGlibc(Func<int> call)
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl): its allocator has no arenas and keeps its own policy.
        }
    }

    [DllImport("libc.so.6")]
    private static extern int mallopt(int param, int value);

    [DllImport("libc.so.6")]
    private static extern int malloc_trim(nuint pad);
}
