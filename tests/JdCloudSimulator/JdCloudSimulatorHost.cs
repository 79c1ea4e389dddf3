using System.Net;
using JdCloudSimulator.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JdCloudSimulator;

/// <summary>
/// A running simulator: the Pod API under <c>/v1</c>, the test API under <c>/_sim</c>, and the same test API
/// in-process through <see cref="State"/>. Tests start one per fixture on a free port:
/// <code>await using var sim = await JdCloudSimulatorHost.StartAsync(SimulatorOptions.Instant);</code>
/// </summary>
public sealed class JdCloudSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private JdCloudSimulatorHost(WebApplication app, SimulatorState state, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:41234/</c>; the API is under <c>/v1</c>.</summary>
    public Uri BaseUrl { get; }

    public SimulatorState State { get; }

    public SimulatorOptions Options => State.Options;

    public static async Task<JdCloudSimulatorHost> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
        var app = builder.Build();

        var state = new SimulatorState(options);
        var authenticator = new RequestAuthenticator(options);
        state.ResetHappened += authenticator.Reset;
        var podApi = new PodApi(state, authenticator);
        var control = new ControlApi(state);
        app.Run(context => context.Request.Path.StartsWithSegments(ControlApi.Prefix)
            ? control.HandleAsync(context)
            : podApi.HandleAsync(context));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new JdCloudSimulatorHost(app, state, new Uri(ToLoopback(address) + "/"));
    }

    /// <summary>Resets the state (see <see cref="SimulatorState.Reset"/>).</summary>
    public void Reset() => State.Reset();

    /// <summary>Waits until the host is stopped (Ctrl+C or SIGTERM for the standalone exe).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // "http://[::]:5000" or "http://0.0.0.0:5000" is where it binds; a client needs an address it can dial.
    private static string ToLoopback(string address)
    {
        var uri = new Uri(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"));
        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? "127.0.0.1"
            : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
