namespace JdCloudSimulator;

/// <summary>The standalone simulator: <c>make simulator</c>, or <c>dotnet run --project tests/JdCloudSimulator -- --help</c>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var parsed = SimulatorCommandLine.Parse(args);
        if (parsed.Error is not null)
        {
            await Console.Error.WriteLineAsync(parsed.Error + Environment.NewLine + "Run with --help for the options.");
            return 2;
        }
        if (parsed.Options is null)
        {
            Console.WriteLine(SimulatorCommandLine.Help);
            return 0;
        }
        await using var host = await JdCloudSimulatorHost.StartAsync(parsed.Options);
        Console.WriteLine($"JD Cloud simulator listening on {host.BaseUrl.ToString().TrimEnd('/')}");
        Console.WriteLine($"  test API: {host.BaseUrl}_sim   (credentials: --access-key/--secret-key, defaults in --help)");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
