namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>Waits for a condition on real asynchronous work, with a hard limit so a broken test fails instead of hanging.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    public static async Task Until(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? DefaultLimit);
        while (!condition())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"not true within {limit ?? DefaultLimit}: {what}");
            await Task.Delay(20);
        }
    }

    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? DefaultLimit);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"not true within {limit ?? DefaultLimit}: {what}");
            await Task.Delay(50);
        }
    }
}
