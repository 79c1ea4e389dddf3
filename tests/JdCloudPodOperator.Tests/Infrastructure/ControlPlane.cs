using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Infrastructure;

/// <summary>
/// One real kube-apiserver + etcd for the whole test run. `make test` starts it and passes its folder in
/// TEST_CONTROL_PLANE_DIR; a plain `dotnet test` starts one through tests/control-plane/control-plane.sh and stops
/// it when the test process exits.
/// </summary>
public sealed class ControlPlane
{
    private static readonly Lazy<ControlPlane> SharedInstance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, string> _env;

    private ControlPlane(string dir)
    {
        Dir = dir;
        _env = File.ReadAllLines(Path.Combine(dir, "env"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
    }

    public static ControlPlane Shared => SharedInstance.Value;

    public string Dir { get; }
    public string KubeconfigPath => _env["KUBECONFIG"];
    /// <summary>A non-admin identity (user jdcloud-pod-operator, group operators): RBAC tests bind roles to it.</summary>
    public string OperatorKubeconfigPath => _env["OPERATOR_KUBECONFIG"];
    public string ApiServerUrl => _env["APISERVER_URL"];
    public string ScriptPath => RepoPaths.Of("tests", "control-plane", "control-plane.sh");

    public IKubernetes AdminClient() => new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    public IKubernetes OperatorClient() =>
        new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(OperatorKubeconfigPath));

    /// <summary>Runs kubectl as the admin against this control plane.</summary>
    public Task<ProcessResult> KubectlAsync(string? stdin, params string[] args) =>
        ProcessRunner.RunAsync("kubectl", ["--kubeconfig", KubeconfigPath, .. args], stdin: stdin);

    /// <summary>A fresh namespace per test class keeps tests independent on the shared server.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 63)];
        await AdminClient().CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private static ControlPlane Start()
    {
        var given = Environment.GetEnvironmentVariable("TEST_CONTROL_PLANE_DIR");
        if (!string.IsNullOrEmpty(given) && File.Exists(Path.Combine(given, "env"))) return new ControlPlane(given);
        var dir = Path.Combine(Path.GetTempPath(), "jdpod-cp-" + Guid.NewGuid().ToString("N")[..8]);
        var script = RepoPaths.Of("tests", "control-plane", "control-plane.sh");
        var result = ProcessRunner.RunAsync(script, ["start", dir], timeout: TimeSpan.FromMinutes(15)).GetAwaiter().GetResult();
        if (result.ExitCode != 0) throw new InvalidOperationException("control plane did not start:\n" + result.Output);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            ProcessRunner.RunAsync(script, ["stop", dir]).GetAwaiter().GetResult();
        return new ControlPlane(dir);
    }
}
