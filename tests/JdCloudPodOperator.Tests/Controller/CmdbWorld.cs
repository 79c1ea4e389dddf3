using CmdbSimulator;
using JdCloudPodOperator.Tests.Cmdb;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The CMDB side of a controller test: the CMDB simulator with the test topology (<see cref="CmdbTestEnvironment"/>),
/// the operator's app credentials in a Secret of the test namespace, read through the API, and the operator's Cmdb
/// settings for them, with the defaults business 2, namespace 12, workload pods/77.
/// </summary>
public sealed class CmdbWorld : IAsyncDisposable
{
    private const string CredentialsSecret = "cmdb-credentials";
    private readonly string _namespace;

    private CmdbWorld(SimulatorHost simulator, string ns)
    {
        Simulator = simulator;
        _namespace = ns;
    }

    public SimulatorHost Simulator { get; }
    public SimulatorState State => Simulator.State;

    public static async Task<CmdbWorld> StartAsync(ControllerHarness harness)
    {
        var simulator = await SimulatorHost.StartAsync();
        CmdbTestEnvironment.Seed(simulator.State);
        await harness.Kube.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = CredentialsSecret },
            StringData = new Dictionary<string, string>
            {
                ["bk_app_code"] = SimulatorHost.DefaultAppCode, ["bk_app_secret"] = SimulatorHost.DefaultAppSecret, ["bk_username"] = "admin",
            },
        }, harness.Namespace);
        return new CmdbWorld(simulator, harness.Namespace);
    }

    /// <summary>
    /// Points the operator at the simulator; <paramref name="allowed"/> are namespace-to-business entries, "NS" standing
    /// for the test namespace.
    /// </summary>
    public void Configure(ControllerHostSettingsBuilder settings, string flushDelay = "00:00:00.200", bool requiredForReady = false,
        params string[] allowed)
    {
        var c = settings.Cmdb;
        c["Cmdb:Url"] = Simulator.GatewayUrl.ToString();
        c["Cmdb:CredentialsSecret"] = $"{_namespace}/{CredentialsSecret}";
        c["Cmdb:FlushDelay"] = flushDelay;
        c["Cmdb:RetryDelay"] = "00:00:00.050";
        c["Cmdb:MaxRetries"] = "2";
        c["Cmdb:RequiredForReady"] = requiredForReady.ToString();
        c["Cmdb:Defaults:BizId"] = "2";
        c["Cmdb:Defaults:ClusterId"] = "5";
        c["Cmdb:Defaults:NamespaceId"] = "12";
        c["Cmdb:Defaults:NodeId"] = "31";
        c["Cmdb:Defaults:HostId"] = "1001";
        c["Cmdb:Defaults:Workload:Kind"] = "pods";
        c["Cmdb:Defaults:Workload:Id"] = "77";
        c["Cmdb:Defaults:Operators:0"] = "alice";
        for (var i = 0; i < allowed.Length; i++) c[$"Cmdb:AllowedBusinesses:{i}"] = allowed[i].Replace("NS", _namespace);
    }

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
