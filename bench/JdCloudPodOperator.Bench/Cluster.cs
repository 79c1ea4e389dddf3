using System.Diagnostics;
using System.Text.Json;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Bench;

/// <summary>
/// A fresh real kube-apiserver (etcd data under /dev/shm), the JD Cloud simulator answering instantly and the operator
/// as its own process (the Release build of `run`, launched as tests/demo/demo.sh does), for one reconcile run.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string OperatorNamespace = "bench";
    public const string FloorNamespace = "floor";
    public const string SecretName = "jdcloud-credentials";
    public const string AccessKey = "JDSIM-ACCESS-KEY";

    /// <summary>
    /// Cloud calls per second for the operator and the floor alike. The simulator has no limit; at the product's
    /// default (15/s, the real account limit) both would only measure the limiter, and N = 5000 would not fit the
    /// bench's time budget.
    /// </summary>
    public const int CloudRateLimit = 200;
    public const string SecretKey = "JDSIM-SECRET-KEY";

    private readonly string _root;
    private readonly string _dir;
    private readonly HttpClient _http = new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
    private Process? _simulator;
    private int _healthPort;

    private Cluster(string root, string dir) => (_root, _dir) = (root, dir);

    public IKubernetes Api { get; private set; } = null!;
    public EntityClient<JdCloudPod> Pods { get; private set; } = null!;
    public Uri SimulatorUrl { get; private set; } = null!;
    public Process? Operator { get; private set; }
    private string ApiServerUrl { get; set; } = "";
    private string AdminToken { get; set; } = "";
    private string ControlPlaneDir => Path.Combine(_dir, "cp");

    public static async Task<Cluster> StartAsync(string root, string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        var cluster = new Cluster(root, dir);
        try
        {
            await cluster.StartControlPlaneAsync();
            await cluster.StartSimulatorAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartControlPlaneAsync()
    {
        await Processes.RunAsync(Path.Combine(_root, "tests/control-plane/control-plane.sh"), ["start", ControlPlaneDir]);
        var env = File.ReadAllLines(Path.Combine(ControlPlaneDir, "env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        ApiServerUrl = env["APISERVER_URL"];
        AdminToken = File.ReadLines(Path.Combine(ControlPlaneDir, "tokens.csv")).First().Split(',')[0];
        _http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        var kubeconfig = Path.Combine(ControlPlaneDir, "kubeconfig");
        Api = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        Pods = new EntityClient<JdCloudPod>(Api);
        // The 1.20 server does not know x-kubernetes-validations: apply without kubectl's client-side check (as the tests do).
        var kubectl = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig };
        await Processes.RunAsync("kubectl", ["apply", "--validate=false", "-f", Path.Combine(_root, "crds")], kubectl);
        await WaitEstablishedAsync();
        foreach (var ns in new[] { OperatorNamespace, FloorNamespace })
        {
            await Api.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new() { Name = ns } });
            await Api.CoreV1.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new() { Name = SecretName },
                StringData = new Dictionary<string, string> { ["accessKey"] = AccessKey, ["secretKey"] = SecretKey },
            }, ns);
        }
    }

    // Polled, not `kubectl wait`: kubectl 1.20's wait fails at once while the new CRD has no conditions yet.
    private async Task WaitEstablishedAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var crd = await Api.ApiextensionsV1.ReadCustomResourceDefinitionAsync("jdcloudpods.jdcloudpod.io");
            if (crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true) return;
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("the JdCloudPod CRD is not Established after 60 s");
            await Task.Delay(250);
        }
    }

    private async Task StartSimulatorAsync()
    {
        var log = Path.Combine(_dir, "simulator.log");
        var exe = Path.Combine(_root, "tests/JdCloudSimulator/bin/Release/net10.0/JdCloudSimulator");
        // Each method compiled once, optimised, at its first call (ReconcileBench.WarmUpAsync makes those calls before
        // any timed run): with tiering, the simulator recompiled its hot methods during the operator's run and not
        // during the floor's, which runs later.
        _simulator = Processes.Start(exe, ["--port", "0", "--instant", "--quota", "1000000", "--seed", "1"], log,
            new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" });
        SimulatorUrl = new Uri(await Processes.WaitForLineAsync(log, @"http://127\.0\.0\.1:[0-9]+", TimeSpan.FromSeconds(30)));
    }

    /// <summary>Starts the operator (webhook registered by URL, controller on the bench namespace); returns the time until /readyz answers 200.</summary>
    public async Task<TimeSpan> StartOperatorAsync()
    {
        // Below the kernel's ephemeral range, where no outgoing connection can take them before the operator binds them.
        var ports = (await Processes.RunAsync(Path.Combine(_root, "tests/control-plane/control-plane.sh"), ["free-ports", "2"]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var webhookPort = ports[0];
        _healthPort = ports[1];
        var clock = Stopwatch.StartNew();
        Operator = Processes.Start(OperatorBinary(_root),
        [
            "run", "--kubeconfig", Path.Combine(ControlPlaneDir, "kubeconfig"), "--address", "127.0.0.1",
            "--webhook-port", webhookPort.ToString(), "--health-port", _healthPort.ToString(), "--register", "url",
            "--jdcloud-endpoint", SimulatorUrl.ToString(), "--jdcloud-rate-limit", CloudRateLimit.ToString(), "--leader-election-namespace", "default", "--namespace", OperatorNamespace,
        ], Path.Combine(_dir, "operator.log"));
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Operator.HasExited) throw new InvalidOperationException($"the operator exited; see {_dir}/operator.log");
            try
            {
                using var ready = await _http.GetAsync($"http://127.0.0.1:{_healthPort}/readyz");
                if (ready.IsSuccessStatusCode) return clock.Elapsed;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"the operator was not ready within 60 s; see {_dir}/operator.log");
    }

    /// <summary>
    /// The operator binary the bench starts: BENCH_OPERATOR (the full `make bench` sets the native binary of
    /// `make publish-aot`, the build the image ships), else the JIT build next to the bench's own.
    /// </summary>
    public static string OperatorBinary(string root) => Environment.GetEnvironmentVariable("BENCH_OPERATOR") is { Length: > 0 } other
        ? Path.GetFullPath(other)
        : Path.Combine(root, "operator/bin/Release/net10.0/jdcloud-pod-operator");

    /// <summary>A JIT build's apphost loads the assembly beside it; a Native AOT binary is the whole program.</summary>
    public static bool IsNative(string binary) => !File.Exists(Path.ChangeExtension(binary, ".dll"));

    /// <summary>SIGTERM, as Kubernetes stops a pod: the operator releases its lease, so the next one leads at once.</summary>
    public async Task StopOperatorGracefullyAsync()
    {
        await Processes.RunAsync("kill", ["-TERM", Operator!.Id.ToString()]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Operator.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("  the operator did not stop within 30 s of SIGTERM; killed");
        }
        StopOperator();
    }

    public void StopOperator()
    {
        Processes.Stop(Operator);
        Operator = null;
    }

    /// <summary>Reconcile passes the operator finished (its jdcloudpod_reconciles counter on /metrics); null when it does not serve it.</summary>
    public async Task<double?> OperatorReconcilesAsync()
    {
        try
        {
            var text = await _http.GetStringAsync($"http://127.0.0.1:{_healthPort}/metrics");
            var lines = text.Split('\n').Where(l => l.StartsWith("jdcloudpod_reconciles_total", StringComparison.Ordinal)).ToList();
            // No series yet: no pass has finished.
            return lines.Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Calls the simulator received, per operation.</summary>
    public async Task<Dictionary<string, int>> SimulatorCallsAsync()
    {
        var calls = await _http.GetFromJsonAsync<JsonElement>(new Uri(SimulatorUrl, "_sim/calls"));
        return calls.EnumerateArray().GroupBy(c => c.GetProperty("operation").GetString() ?? "").ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>Calls the simulator answered since it started, per operation (its counters, not the bounded call record).</summary>
    public async Task<Dictionary<string, long>> SimulatorCallCountsAsync()
    {
        var counts = await _http.GetFromJsonAsync<JsonElement>(new Uri(SimulatorUrl, "_sim/calls/counts"));
        return counts.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("calls").GetInt64());
    }

    public async Task ConfigureSimulatorAsync(object settings)
    {
        using var response = await _http.PutAsJsonAsync(new Uri(SimulatorUrl, "_sim/settings"), settings);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Mutating requests the API server has served so far (apiserver_request_total), per resource.</summary>
    public Task<Dictionary<string, double>> WritesAsync() => RequestsAsync("POST", "PUT", "PATCH", "DELETE", "APPLY");

    /// <summary>
    /// Reads the API server has served so far, per resource. It counts a custom resource's GET as LIST (the 1.20
    /// server's labelling), so the JdCloudPods' figure includes the bench's few lists.
    /// </summary>
    public Task<Dictionary<string, double>> ReadsAsync() => RequestsAsync("GET", "LIST");

    private async Task<Dictionary<string, double>> RequestsAsync(params string[] verbs)
    {
        var text = await _http.GetStringAsync(ApiServerUrl + "/metrics");
        var writes = new Dictionary<string, double>();
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("apiserver_request_total{", StringComparison.Ordinal)))
        {
            var labels = line[(line.IndexOf('{') + 1)..line.LastIndexOf('}')].Split("\",").Select(p => p.Split("=\"", 2))
                .ToDictionary(p => p[0], p => p[1].TrimEnd('"'));
            if (!verbs.Contains(labels["verb"])) continue;
            var key = labels["resource"] + (labels.GetValueOrDefault("subresource") is { Length: > 0 } sub ? "/" + sub : "");
            writes[key] = writes.GetValueOrDefault(key) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        return writes;
    }

    /// <summary>Creates the resources, <paramref name="parallel"/> requests at a time (as `kubectl apply` of many files would).</summary>
    public Task ApplyAsync(IEnumerable<JdCloudPod> pods, int parallel = 32) =>
        Parallel.ForEachAsync(pods, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (pod, ct) =>
        {
            Timeline.Mark(pod.Metadata.Name, "apply");
            await Api.CustomObjects.CreateNamespacedCustomObjectAsync(pod, JdCloudPod.Group, JdCloudPod.Version,
                pod.Metadata.NamespaceProperty, "jdcloudpods", cancellationToken: ct);
            Timeline.Mark(pod.Metadata.Name, "applied");
        });

    /// <summary>
    /// Watches <paramref name="ns"/> until <paramref name="count"/> resources are Ready (and, when given, satisfy
    /// <paramref name="done"/>); returns how many were when it stopped. A watch the server ends or that breaks goes on
    /// from the last resourceVersion seen; only a 410 Gone lists again. The API server ends a watcher that falls behind
    /// (this one does on a loaded machine), and listing again then cost the API server and the bench a list of up to N
    /// objects each time, in the operator's window only (the floor has no watch).
    /// </summary>
    public async Task<int> WaitReadyAsync(string ns, string prefix, int count, TimeSpan timeout, Action? started = null, Func<JdCloudPod, bool>? done = null)
    {
        var ready = new HashSet<string>();
        using var cancel = new CancellationTokenSource(timeout);
        string? version = null;
        try
        {
            while (ready.Count < count)
            {
                try
                {
                    if (version is null)
                    {
                        var list = await Pods.ListAsync(ns, cancel.Token);
                        foreach (var pod in list.Items) Track(ready, pod, prefix, done);
                        version = list.Metadata.ResourceVersion;
                        started?.Invoke();
                        started = null;
                    }
                    await foreach (var (_, pod) in Pods.WatchAsync(ns, version, TimeSpan.FromMinutes(5), cancel.Token))
                    {
                        version = pod.Metadata?.ResourceVersion ?? version;
                        Track(ready, pod, prefix, done);
                        if (ready.Count >= count) break;
                    }
                }
                catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException && !cancel.IsCancellationRequested)
                {
                    await Task.Delay(100, cancel.Token); // a broken watch: go on from the last version seen
                }
                catch (KubernetesException e) when (e.Status?.Code == 410)
                {
                    version = null; // gone from the server's window: list again
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // timed out: report what became Ready
        }
        return ready.Count;
    }

    private static void Track(HashSet<string> ready, JdCloudPod pod, string prefix, Func<JdCloudPod, bool>? done)
    {
        Timeline.Observe(pod);
        if (pod.Metadata?.Name?.StartsWith(prefix, StringComparison.Ordinal) == true && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true
            && done?.Invoke(pod) != false) ready.Add(pod.Metadata.Name);
    }

    public async ValueTask DisposeAsync()
    {
        StopOperator();
        Processes.Stop(_simulator);
        try
        {
            await Processes.RunAsync(Path.Combine(_root, "tests/control-plane/control-plane.sh"), ["stop", ControlPlaneDir]);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
        }
        _http.Dispose();
    }
}
