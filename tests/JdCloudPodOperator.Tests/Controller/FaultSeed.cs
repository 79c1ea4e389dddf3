namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// Seeded randomness for fault tests: a fresh seed per run (so runs explore different interleavings), printed with any
/// failure; JDPOD_FAULT_SEED=N replays the same random choices (thread scheduling is, of course, not replayed).
/// </summary>
public static class FaultSeed
{
    public static async Task RunAsync(Func<Random, Task> test)
    {
        var seed = Environment.GetEnvironmentVariable("JDPOD_FAULT_SEED") is { Length: > 0 } given ? int.Parse(given) : Random.Shared.Next();
        try
        {
            await test(new Random(seed));
        }
        catch (Exception e)
        {
            throw new SeededFailure($"failed with seed {seed} (replay: JDPOD_FAULT_SEED={seed}): {e.Message}", e);
        }
    }

    public sealed class SeededFailure(string message, Exception inner) : Exception(message, inner);
}
