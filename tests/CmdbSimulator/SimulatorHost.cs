using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace CmdbSimulator;

/// <summary>A running simulator: standalone from <see cref="Program"/>, or in-process from tests on a free port.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const string DefaultAppCode = "jdcloud-pod-operator", DefaultAppSecret = "simulator-secret";

    private readonly WebApplication app;

    private SimulatorHost(WebApplication app, SimulatorState state)
    {
        this.app = app;
        State = state;
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public SimulatorState State { get; }

    /// <summary>Native apiserver URL, e.g. http://127.0.0.1:5123.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gateway API URL without the stage, as in https://bkapi.example.com/api/bk-cmdb.</summary>
    public Uri GatewayUrl => new(BaseUrl, EntryPoints.GatewayPrefix);

    /// <summary>Starts on <paramref name="args"/>' --urls, or on a free loopback port, with one app that may call everything.</summary>
    public static async Task<SimulatorHost> StartAsync(string[]? args = null, bool quiet = true)
    {
        args ??= [];
        var builder = WebApplication.CreateSlimBuilder(args);
        if (!args.Any(a => a.StartsWith("--urls"))) builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (quiet) builder.Logging.ClearProviders();
        var state = new SimulatorState();
        state.AddApp(new AppGrant(DefaultAppCode, DefaultAppSecret));
        var app = builder.Build();
        new EntryPoints(state).Map(app);
        Inspection.Map(app, state);
        await app.StartAsync();
        return new SimulatorHost(app, state);
    }

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
