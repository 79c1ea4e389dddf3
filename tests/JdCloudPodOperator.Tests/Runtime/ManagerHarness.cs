using JdCloudPodOperator.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>One operator replica as the host wires it (AddOperatorRuntime), reconciling ConfigMaps into a <see cref="Probe"/>.</summary>
public sealed class ManagerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private bool _started;

    public ManagerHarness(IKubernetes client, string ns, Action<OperatorRuntimeOptions>? configure = null)
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(client)
            .AddSingleton(Probe)
            .AddOperatorRuntime<V1ConfigMap, ProbeReconciler>(o =>
            {
                o.Watch = ResourceWatcherTests.Options(ns);
                o.Queue.BackoffBase = TimeSpan.FromMilliseconds(100);
                o.Queue.BackoffMax = TimeSpan.FromSeconds(1);
                o.LeaderElection.Enabled = false;
                configure?.Invoke(o);
            })
            .BuildServiceProvider();
        Manager = _services.GetRequiredService<ControllerManager<V1ConfigMap, ProbeReconciler>>();
    }

    public Probe Probe { get; } = new();
    public ControllerManager<V1ConfigMap, ProbeReconciler> Manager { get; }
    public IServiceProvider Services => _services;

    /// <summary>Starts every hosted service, as the host would.</summary>
    public async Task StartAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>()) await service.StartAsync(CancellationToken.None);
        _started = true;
    }

    public async Task StopAsync()
    {
        if (!_started) return;
        _started = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var service in _services.GetServices<IHostedService>()) await service.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _services.DisposeAsync();
    }
}
