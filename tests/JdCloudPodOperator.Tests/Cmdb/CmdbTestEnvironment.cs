using CmdbSimulator;
using JdCloudPodOperator.Cmdb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>
/// A CMDB simulator on a free loopback port with a test topology, and the operator's CMDB services built through
/// <see cref="CmdbServiceCollectionExtensions.AddCmdb"/> against it, logging into a capturing provider.
/// Businesses 2, 3 and 4 each own a namespace (12, 13, 14) with a bare-pods workload (77, 78, 79); namespace 12 also
/// holds one workload of every kind (ids 100...). Cluster 5 and node 31 belong to platform business 1.
/// </summary>
public sealed class CmdbTestEnvironment : IAsyncDisposable
{
    public const long Cluster = 5, Node = 31, Host = 1001;
    public static readonly (long BizId, long NamespaceId, long WorkloadId)[] Businesses = [(2, 12, 77), (3, 13, 78), (4, 14, 79)];

    private readonly ServiceProvider services;
    private readonly string credentials;

    private CmdbTestEnvironment(SimulatorHost simulator, ServiceProvider services, string credentials, CapturingLoggerProvider logs)
    {
        Simulator = simulator;
        this.services = services;
        this.credentials = credentials;
        Logs = logs;
    }

    public SimulatorHost Simulator { get; }
    public SimulatorState State => Simulator.State;
    public CapturingLoggerProvider Logs { get; }
    public CmdbClient Client => services.GetRequiredService<CmdbClient>();
    public CmdbRegistrar Registrar => services.GetRequiredService<CmdbRegistrar>();

    /// <summary>A second registrar on the same client, as a restarted operator would have.</summary>
    public CmdbRegistrar NewRegistrar() => ActivatorUtilities.CreateInstance<CmdbRegistrar>(services);

    public static async Task<CmdbTestEnvironment> StartAsync(CmdbEntryPoint entryPoint = CmdbEntryPoint.Gateway,
        IDictionary<string, string?>? settings = null, string appSecret = SimulatorHost.DefaultAppSecret)
    {
        var simulator = await SimulatorHost.StartAsync();
        Seed(simulator.State);
        var credentials = Directory.CreateTempSubdirectory("cmdb-credentials-").FullName;
        await File.WriteAllTextAsync(Path.Combine(credentials, "bk_app_code"), SimulatorHost.DefaultAppCode);
        await File.WriteAllTextAsync(Path.Combine(credentials, "bk_app_secret"), appSecret + "\n");
        await File.WriteAllTextAsync(Path.Combine(credentials, "bk_username"), "admin");
        var config = new Dictionary<string, string?>
        {
            ["Cmdb:EntryPoint"] = entryPoint.ToString(),
            ["Cmdb:Url"] = (entryPoint == CmdbEntryPoint.Gateway ? simulator.GatewayUrl : simulator.BaseUrl).ToString(),
            ["Cmdb:CredentialsDirectory"] = credentials,
            ["Cmdb:FlushDelay"] = "00:00:00.200",
            ["Cmdb:RetryDelay"] = "00:00:00.020",
            ["Cmdb:RequestsPerSecond"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddCmdb(new ConfigurationBuilder().AddInMemoryCollection(config).Build())
            .BuildServiceProvider();
        return new CmdbTestEnvironment(simulator, services, credentials, logs);
    }

    public static void Seed(SimulatorState state) => state.Seed(new Topology(
        [new Cluster(Cluster, 1, "BCS-K8S-00001")],
        Businesses.Select(b => new KubeNamespace(b.NamespaceId, Cluster, b.BizId, $"ns-{b.BizId}")).ToList(),
        [new Node(Node, Cluster, 1, "jdcloud-virtual-node")],
        Businesses.Select(b => new Workload("pods", b.WorkloadId, b.NamespaceId, "pods"))
            .Concat(CmdbSimulator.CreatePods.WorkloadKinds.Select((kind, i) => new Workload(kind, 100 + i, 12, $"{kind}-wl")))
            .ToList()));

    /// <summary>A pod of business <paramref name="business"/> (index into <see cref="Businesses"/>).</summary>
    public static CmdbPod Pod(string name, int business = 0, string? image = "nginx:1.25") => new()
    {
        Spec = new CmdbPodSpec(Cluster, Businesses[business].NamespaceId, Node, new WorkloadRef("pods", Businesses[business].WorkloadId)),
        HostId = Host,
        Name = name,
        Operator = ["alice"],
        // The operator's own records carry the cloud pod they stand for; here a made-up pod ID per name.
        Labels = new Dictionary<string, string> { ["app"] = "web", [CmdbOwnership.Label] = $"pod-{name}" },
        Ip = "10.0.3.15",
        Ips = [new PodIp("10.0.3.15")],
        Containers = [new CmdbContainer("nginx", $"{name}/nginx", image!)],
    };

    /// <summary>A resource with <paramref name="count"/> pods in business <paramref name="business"/>.</summary>
    public static CmdbRegistration Resource(string resource, int count, int business = 0) =>
        new(resource, Businesses[business].BizId, Enumerable.Range(0, count).Select(i => Pod($"{resource}-{i}", business)).ToList());

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Simulator.DisposeAsync();
        Directory.Delete(credentials, true);
    }
}
