using System.Net;
using System.Text;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator;
using JdCloudSimulator.Pods;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// Everything a controller test needs: the real API server with the CRD, a fresh namespace with a credentials
/// Secret, an in-process JD Cloud simulator, and the operator itself, run in-process through its real host and DI
/// (webhook not registered, so any object gets in). Timings are shortened; behaviour is the product's.
/// </summary>
public sealed class ControllerHarness : IAsyncDisposable
{
    public const string SecretName = "jdcloud-credentials";
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Pods boot and delete with a short delay, so the transient phases are seen too.</summary>
    public static readonly SimulatorSettings FastCloud = new()
    {
        BootDelay = TimeSpan.FromMilliseconds(300), DeleteDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Every phase (boot, delete, stop, start, rebuild, resize) takes <paramref name="delay"/>.</summary>
    public static SimulatorSettings EveryPhase(TimeSpan delay) => new()
    {
        BootDelay = delay, DeleteDelay = delay, StopDelay = delay, StartDelay = delay, RebuildDelay = delay, ResizeDelay = delay,
    };

    private readonly List<WebApplication> _operators = [];
    private readonly List<string> _otherNamespaces = [];

    private ControllerHarness(JdCloudSimulatorHost simulator, string ns)
    {
        Simulator = simulator;
        Namespace = ns;
        Kube = ControlPlane.Shared.AdminClient();
        Resources = new EntityClient<JdCloudPod>(Kube);
    }

    public JdCloudSimulatorHost Simulator { get; }
    public string Namespace { get; }
    public IKubernetes Kube { get; }
    public EntityClient<JdCloudPod> Resources { get; }

    /// <summary>Changes to the operator's timings and client for one test class.</summary>
    public Action<ControllerHostSettingsBuilder>? Tune { get; init; }

    public static async Task<ControllerHarness> StartAsync(string prefix, SimulatorSettings? cloud = null, bool withSecret = true)
    {
        var simulator = await JdCloudSimulatorHost.StartAsync(SimulatorOptions.Instant with { Settings = cloud ?? FastCloud });
        await Crds.EnsureInstalledAsync();
        var harness = new ControllerHarness(simulator, await ControlPlane.Shared.CreateNamespaceAsync(prefix));
        if (withSecret) await harness.CreateSecretAsync();
        return harness;
    }

    public Task CreateSecretAsync(string accessKey = SimulatorOptions.DefaultAccessKey, string secretKey = SimulatorOptions.DefaultSecretKey,
        string? ns = null) =>
        Kube.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = SecretName },
            Data = new Dictionary<string, byte[]>
            {
                ["accessKey"] = Encoding.UTF8.GetBytes(accessKey), ["secretKey"] = Encoding.UTF8.GetBytes(secretKey),
            },
        }, ns ?? Namespace);

    /// <summary>Another namespace (same cloud account) that operators started afterwards watch as well.</summary>
    public async Task<string> AddNamespaceAsync(string prefix)
    {
        var ns = await ControlPlane.Shared.CreateNamespaceAsync(prefix);
        _otherNamespaces.Add(ns);
        await CreateSecretAsync(ns: ns);
        return ns;
    }

    /// <summary>Starts an operator watching this namespace; several may run at once (with leader election).</summary>
    public async Task<WebApplication> StartOperatorAsync(bool leaderElection = false, string? identity = null,
        Action<ControllerHostSettingsBuilder>? tune = null, string? kubeconfig = null, Action<AdmissionWebhookOptions>? webhook = null)
    {
        var settings = new ControllerHostSettingsBuilder(Namespace, Simulator.BaseUrl, leaderElection, identity);
        settings.Namespaces.AddRange(_otherNamespaces);
        Tune?.Invoke(settings);
        tune?.Invoke(settings);
        var app = OperatorHost.Build(new OperatorHostOptions
        {
            HealthAddress = IPAddress.Loopback,
            HealthPort = 0,
            Kubeconfig = kubeconfig ?? ControlPlane.Shared.KubeconfigPath,
            Webhook = webhook ?? (o => (o.Address, o.Port) = (IPAddress.Loopback, 0)),
            Controller = settings.Build(),
            Cmdb = o => new ConfigurationBuilder().AddInMemoryCollection(settings.Cmdb).Build().GetSection("Cmdb").Bind(o),
            LogLevel = Environment.GetEnvironmentVariable("JDPOD_TEST_LOG") is { Length: > 0 } level ? Enum.Parse<LogLevel>(level) : LogLevel.Warning,
        });
        await app.StartAsync();
        _operators.Add(app);
        return app;
    }

    /// <summary>
    /// createPods of one pod named <paramref name="name"/> outside the operator: untagged, as someone else would, or
    /// with <paramref name="ownerValue"/> as its owner tag, as the operator did for a resource that lost its status.
    /// </summary>
    public async Task<string> CreateOutsideTheOperatorAsync(string name, string? ownerValue = null)
    {
        var spec = NewPod(name).Spec.PodSpec!;
        if (ownerValue is not null) spec.UserTags = [new Tag { Key = OwnerTag.Key, Value = ownerValue }];
        return (await CloudClient().CreatePodsAsync(spec, 1, null)).PodIds!.Single();
    }

    /// <summary>describePod, as JD Cloud answers it.</summary>
    public Task<JdCloudPodOperator.JdCloud.Models.Pod?> DescribeCloudPodAsync(string podId) => CloudClient().DescribePodAsync(podId);

    /// <summary>The owner tag value of the resource <paramref name="name"/>: the operator's default cluster ID is kube-system's UID.</summary>
    public async Task<string> OwnerValueAsync(string name, string? ns = null) =>
        OwnerTag.Value((await Kube.CoreV1.ReadNamespaceAsync("kube-system")).Metadata.Uid, ns ?? Namespace, name);

    private PodClient CloudClient() => _operators[0].Services.GetRequiredService<PodClientFactory>()
        .Create(new JdCloudCredentials(SimulatorOptions.DefaultAccessKey, SimulatorOptions.DefaultSecretKey), "cn-north-1");

    public async Task StopOperatorAsync(WebApplication app)
    {
        _operators.Remove(app);
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static ManagerStatus StatusOf(WebApplication app) =>
        app.Services.GetRequiredService<ControllerManager<JdCloudPod, JdCloudPodReconciler>>().Status;

    /// <summary>A valid JdCloudPod for the simulator's seed world.</summary>
    public JdCloudPod NewPod(string name, int maxCount = 1, string? podName = null, string deletionPolicy = "Delete") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new JdCloudPodSpec
        {
            RegionId = "cn-north-1",
            MaxCount = maxCount,
            DeletionPolicy = deletionPolicy,
            CredentialsSecretRef = new SecretReference { Name = SecretName },
            PodSpec = new PodSpec
            {
                Name = podName ?? name,
                InstanceType = "g.n2.medium",
                Az = "cn-north-1a",
                Containers =
                [
                    new ContainerSpec
                    {
                        Name = "web", Image = "nginx:1.27",
                        SystemDisk = new CloudDiskSpec { DiskType = "ssd.gp1", SizeGB = 20 },
                    },
                ],
                PrimaryNetworkInterface = new NetworkInterfaceAttachmentSpec
                {
                    NetworkInterface = new NetworkInterfaceSpec { SubnetId = "subnet-default", SecurityGroups = ["sg-default"] },
                },
            },
        },
    };

    /// <summary>Creates the resource in its own namespace (NewPod's: this harness's).</summary>
    public Task<JdCloudPod> CreateAsync(JdCloudPod pod) =>
        Kube.CustomObjects.CreateNamespacedCustomObjectAsync<JdCloudPod>(pod, JdCloudPod.Group, JdCloudPod.Version,
            pod.Metadata.NamespaceProperty ?? Namespace, JdCloudPod.Plural);

    public Task<JdCloudPod?> GetAsync(string name) => Resources.GetAsync(new NamespacedName(Namespace, name));

    /// <summary>A JSON merge patch of the whole object (spec, metadata).</summary>
    public Task<JdCloudPod> PatchAsync(string name, string mergePatch) =>
        Kube.CustomObjects.PatchNamespacedCustomObjectAsync<JdCloudPod>(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch),
            JdCloudPod.Group, JdCloudPod.Version, Namespace, JdCloudPod.Plural, name);

    /// <summary>Changes the spec as a user's edit would (read, change, replace), again after a conflict.</summary>
    public async Task<JdCloudPod> EditAsync(string name, Action<JdCloudPodSpec> edit)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pod = (await GetAsync(name))!;
            edit(pod.Spec);
            try
            {
                return await Kube.CustomObjects.ReplaceNamespacedCustomObjectAsync<JdCloudPod>(pod, JdCloudPod.Group, JdCloudPod.Version, Namespace, JdCloudPod.Plural, name);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 10)
            {
                // The operator wrote the status meanwhile: read it again.
            }
        }
    }

    public Task DeleteAsync(string name) =>
        Kube.CustomObjects.DeleteNamespacedCustomObjectAsync(JdCloudPod.Group, JdCloudPod.Version, Namespace, JdCloudPod.Plural, name);

    /// <summary>Waits until the resource satisfies <paramref name="condition"/>; returns it as it then was.</summary>
    public async Task<JdCloudPod> WaitForAsync(string name, Func<JdCloudPod, bool> condition, string what, TimeSpan? limit = null)
    {
        JdCloudPod? last = null;
        try
        {
            await Eventually.Until(async () => (last = await GetAsync(name)) is { } pod && condition(pod), $"{name}: {what}", limit ?? Limit);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {(last?.Status is null ? "(none)" : KubernetesJson.Serialize(last.Status))}", e);
        }
        return last!;
    }

    public Task<JdCloudPod> WaitForReadyAsync(string name, int pods, TimeSpan? limit = null) =>
        WaitForAsync(name, p => IsReady(p) && p.Status!.PodIds!.Count == pods
            && p.Status.Pods!.All(x => x.Phase == "running"), $"Ready with {pods} running pods", limit);

    public async Task WaitForGoneAsync(string name) =>
        await Eventually.Until(async () => await GetAsync(name) is null, $"{name} is deleted", Limit);

    public static bool IsReady(JdCloudPod pod) =>
        pod.Status?.ObservedGeneration == pod.Metadata.Generation && Conditions.Find(pod.Status?.Conditions, Conditions.Ready)?.Status == "True";

    public static V1Condition? Condition(JdCloudPod pod, string type) => Conditions.Find(pod.Status?.Conditions, type);

    /// <summary>Every pod the simulator ever created whose name derives from <paramref name="podName"/>.</summary>
    public IReadOnlyList<PodRecord> CloudPods(string podName) =>
        Simulator.State.Pods().Where(p => p.Name == podName || p.Name.StartsWith(podName + "-", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<PodRecord> LiveCloudPods(string podName) => CloudPods(podName).Where(p => p.Exists).ToList();

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string name) =>
        (await Kube.CoreV1.ListNamespacedEventAsync(Namespace)).Items.Where(e => e.InvolvedObject.Name == name).ToList();

    /// <summary>Waits for an Event with <paramref name="reason"/> (Events are recorded just after the status they explain).</summary>
    public async Task<Corev1Event> WaitForEventAsync(string name, string reason, string? containing = null)
    {
        Corev1Event? found = null;
        await Eventually.Until(async () => (found = (await EventsAsync(name))
            .FirstOrDefault(e => e.Reason == reason && (containing is null || e.Message.Contains(containing)))) is not null,
            $"{name}: an Event {reason}{(containing is null ? "" : " mentioning " + containing)}", Limit);
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _operators.ToList()) await StopOperatorAsync(app);
        await Simulator.DisposeAsync();
        foreach (var ns in _otherNamespaces.Prepend(Namespace))
        {
            try
            {
                await Kube.CoreV1.DeleteNamespaceAsync(ns);
            }
            catch (Exception)
            {
                // Best effort: the namespace is unique, and a leftover does not affect other tests.
            }
        }
    }
}

/// <summary>The operator's settings in tests: fast polls and retries against the simulator.</summary>
public sealed class ControllerHostSettingsBuilder(string ns, Uri endpoint, bool leaderElection, string? identity)
{
    public JdCloudPodControllerOptions Controller { get; } = new()
    {
        SettledPollInterval = TimeSpan.FromSeconds(2),
        MinPollInterval = TimeSpan.FromMilliseconds(200),
        MaxPollInterval = TimeSpan.FromSeconds(1),
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
        RetryMaxDelay = TimeSpan.FromSeconds(2),
        TerminalRetryDelay = TimeSpan.FromSeconds(30),
        DescribeBatchWindow = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>The namespaces watched: the test's, and any added.</summary>
    public List<string> Namespaces { get; } = [ns];

    public int Workers { get; set; } = 8;
    public TimeSpan RuntimeResync { get; set; } = TimeSpan.FromMinutes(10);
    public int CloudRetries { get; set; } = 3;

    /// <summary>Where the leader Lease lives; default: the test namespace.</summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>Configuration section Cmdb (as the run command's --cmdb-* flags give it); empty: CMDB off.</summary>
    public Dictionary<string, string?> Cmdb { get; } = [];

    /// <summary>Cloud calls per second per access key; null keeps the product's default.</summary>
    public int? CloudRateLimit { get; set; }

    public ControllerHostSettings Build() => new()
    {
        Controller = o =>
        {
            o.SettledPollInterval = Controller.SettledPollInterval;
            o.MinPollInterval = Controller.MinPollInterval;
            o.MaxPollInterval = Controller.MaxPollInterval;
            o.RetryBaseDelay = Controller.RetryBaseDelay;
            o.RetryMaxDelay = Controller.RetryMaxDelay;
            o.TerminalRetryDelay = Controller.TerminalRetryDelay;
            o.DescribeBatchWindow = Controller.DescribeBatchWindow;
            o.CredentialsCacheFor = Controller.CredentialsCacheFor;
        },
        Runtime = o =>
        {
            o.Watch.Namespaces = [.. Namespaces];
            o.WatchResyncPeriod = RuntimeResync;
            o.Queue.Workers = Workers;
            o.Queue.BackoffBase = TimeSpan.FromMilliseconds(200);
            o.Queue.BackoffMax = TimeSpan.FromSeconds(2);
            o.Queue.RateLimitPerSecond = 100;
            o.LeaderElection.Enabled = leaderElection;
            o.LeaderElection.LeaseNamespace = LeaseNamespace ?? ns;
            o.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(4);
            o.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(3);
            o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(500);
            if (identity is not null) o.Identity = identity;
        },
        Cloud = o =>
        {
            o.BaseUrl = endpoint;
            o.MaxRetryAttempts = CloudRetries;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
            o.RetryJitter = false;
            o.AttemptTimeout = TimeSpan.FromSeconds(3);
            o.TotalTimeout = TimeSpan.FromSeconds(10);
            if (CloudRateLimit is { } limit) o.RateLimitPerSecond = limit;
        },
    };
}
