using JdCloudPodOperator.JdCloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JdCloudPodOperator.Tests.JdCloud.Client;

/// <summary>A stub server plus a PodClient wired exactly as the host wires it (DI, resilience, signing), with fast delays.</summary>
public sealed class PodClientHarness : IAsyncDisposable
{
    public const string AccessKey = "AKTESTHARNESS0000000001";
    public const string SecretKey = "SKtestHarnessSecret/0000+abcdefXYZ";
    public const string Region = "cn-north-1";

    private readonly ServiceProvider _services;

    private PodClientHarness(ScriptedPodApi api, ServiceProvider services, PodClient client)
    {
        Api = api;
        _services = services;
        Client = client;
    }

    public ScriptedPodApi Api { get; }
    public PodClient Client { get; }
    public PodClientFactory Factory => _services.GetRequiredService<PodClientFactory>();

    public static readonly JdCloudCredentials Credentials = new(AccessKey, SecretKey);

    public static async Task<PodClientHarness> StartAsync(Action<JdCloudClientOptions>? tweak = null, ILoggerProvider? logs = null)
    {
        var api = await ScriptedPodApi.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null) b.AddProvider(logs);
        });
        services.AddJdCloudPodClient(o =>
        {
            o.BaseUrl = api.BaseUrl;
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.TotalTimeout = TimeSpan.FromSeconds(30);
            o.MaxRetryAttempts = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(5);
            tweak?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<PodClientFactory>().Create(Credentials, Region);
        return new PodClientHarness(api, provider, client);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Api.DisposeAsync();
    }
}
