using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Tests.Simulator;
using JdCloudSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace JdCloudPodOperator.Tests.JdCloud.Lifecycle;

/// <summary>
/// The product's PodClient, wired as the host wires it, against the simulator with every phase delay at
/// <see cref="Delay"/> and a clock moved by hand, so a pod stays in an intermediate phase until the test moves it on.
/// Retries are fast (milliseconds) but timeouts generous, for a busy machine.
/// </summary>
public abstract class PodClientLifecycleTest : IAsyncLifetime
{
    protected static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);
    private ServiceProvider _services = null!;

    protected ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);
    protected JdCloudSimulatorHost Sim { get; private set; } = null!;
    protected SimulatorState State => Sim.State;
    protected PodClient Client { get; private set; } = null!;

    /// <summary>Attempts per call: the first and <see cref="JdCloudClientOptions.MaxRetryAttempts"/> = 3 retries.</summary>
    protected const int Attempts = 4;

    protected virtual SimulatorSettings Settings => new()
    {
        BootDelay = Delay, DeleteDelay = Delay, StopDelay = Delay, StartDelay = Delay, RebuildDelay = Delay, ResizeDelay = Delay,
    };

    public async Task InitializeAsync()
    {
        // The client signs with the real clock, the simulator's lifecycle runs on the manual one: no skew check.
        Sim = await JdCloudSimulatorHost.StartAsync(new SimulatorOptions { Settings = Settings, Clock = Clock, ClockSkew = null, RandomSeed = 11 });
        var services = new ServiceCollection().AddLogging();
        services.AddJdCloudPodClient(o =>
        {
            o.BaseUrl = Sim.BaseUrl;
            o.AttemptTimeout = TimeSpan.FromSeconds(20);
            o.TotalTimeout = TimeSpan.FromSeconds(90);
            o.MaxRetryAttempts = Attempts - 1;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(5);
            o.RateLimitPerSecond = 1000;
        });
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<PodClientFactory>().Create(
            new JdCloudCredentials(Sim.Options.AccessKey, Sim.Options.SecretKey), "cn-north-1");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sim.DisposeAsync();
    }

    protected static PodSpec Spec(string name, string image = "nginx:1.25") => new()
    {
        Name = name,
        InstanceType = "g.n2.medium",
        Az = "cn-north-1a",
        Containers = [new ContainerSpec { Name = "app", Image = image, SystemDisk = new CloudDiskSpec { DiskType = "ssd.gp1", SizeGB = 20 } }],
        PrimaryNetworkInterface = new NetworkInterfaceAttachmentSpec
        {
            NetworkInterface = new NetworkInterfaceSpec { SubnetId = "subnet-default", SecurityGroups = ["sg-default"] },
        },
    };

    protected async Task<string> PendingPodAsync(string name, PodSpec? spec = null) =>
        (await Client.CreatePodsAsync(spec ?? Spec(name), 1, null)).PodIds!.Single();

    protected async Task<string> RunningPodAsync(string name, PodSpec? spec = null)
    {
        var podId = await PendingPodAsync(name, spec);
        Clock.Advance(Delay);
        (await PhaseAsync(podId)).Should().Be("running");
        return podId;
    }

    protected async Task<string> StoppedPodAsync(string name, PodSpec? spec = null)
    {
        var podId = await RunningPodAsync(name, spec);
        (await Client.StopPodAsync(podId)).Should().BeTrue();
        Clock.Advance(Delay);
        (await PhaseAsync(podId)).Should().Be("stopped");
        return podId;
    }

    protected async Task<string?> PhaseAsync(string podId) => (await Client.DescribePodAsync(podId))?.Phase;

    /// <summary>The calls of one operation the simulator answered with <paramref name="status"/>.</summary>
    protected int Calls(string operation, int? status = null) =>
        State.Calls.Snapshot(operation).Count(c => status is null || c.Status == status);
}
