namespace JdCloudPodOperator.Tests.Infrastructure;

/// <summary>
/// The one way tests wait: until a condition on real asynchronous work holds, polling, with a hard limit so a broken
/// test fails (saying what it waited for and, when given, what it last saw) instead of hanging.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    public static Task Until(Func<bool> condition, string what, TimeSpan? limit = null, Func<string?>? lastSeen = null) =>
        Until(() => Task.FromResult(condition()), what, limit, lastSeen, TimeSpan.FromMilliseconds(20));

    public static Task Until(Func<Task<bool>> condition, string what, TimeSpan? limit = null, Func<string?>? lastSeen = null) =>
        Until(condition, what, limit, lastSeen, TimeSpan.FromMilliseconds(50));

    private static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? limit, Func<string?>? lastSeen, TimeSpan poll)
    {
        using var timeout = new CancellationTokenSource(limit ?? DefaultLimit);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
                throw new TimeoutException($"not true within {limit ?? DefaultLimit}: {what}" + (lastSeen?.Invoke() is { } last ? $"; last seen: {last}" : ""));
            await Task.Delay(poll);
        }
    }
}
