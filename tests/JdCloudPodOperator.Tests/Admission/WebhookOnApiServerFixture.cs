using System.Net;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>
/// The operator's host registered as the admission webhook of the shared kube-apiserver, exactly as `run --register
/// url` does, but scoped to one labelled test namespace (namespaceSelector), so tests of other areas running on the
/// same API server are never sent to it. The configuration and the namespace are deleted afterwards.
/// </summary>
public sealed class WebhookOnApiServerFixture : IAsyncLifetime
{
    private const string TestLabel = "jdcloudpod.io/webhook-test";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private WebhookServer? _server;
    private string? _lastReadyz;

    public ControlPlane ControlPlane => ControlPlane.Shared;
    public string Namespace { get; private set; } = "";
    public string ConfigurationName => $"jdcloudpod-operator-test-{_id}";

    public async Task InitializeAsync()
    {
        await Crds.EnsureInstalledAsync();
        Namespace = await ControlPlane.CreateNamespaceAsync("webhook");
        await Kubectl("label", "namespace", Namespace, $"{TestLabel}={_id}");
        _server = await WebhookServer.StartAsync(new WebhookRegistration(ConfigurationName, new WebhookTarget.Url(new Uri("https://127.0.0.1:0")),
            new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [TestLabel] = _id } }), ControlPlane.KubeconfigPath, cmdb: o =>
        {
            // The platform team lets this namespace register into business 3, workload pods/78 only.
            o.Defaults.BizId = 2;
            o.AllowedBusinesses = [$"{Namespace}=3:pods/78"];
        });
        await Eventually.Until(ReadyAsync, "/readyz reports the configuration registered", Limit, () => _lastReadyz);
        // The API server picks up new webhook configurations asynchronously: wait until it calls this one.
        var probe = RepoPaths.Of("config", "samples", "invalid", "primary-ip-with-max-count-3.yaml");
        ProcessResult? last = null;
        await Eventually.Until(async () =>
        {
            last = await KubectlApplyAsync(probe, "--dry-run=server");
            return last.ExitCode != 0 && last.Output.Contains("denied the request", StringComparison.Ordinal) ||
                   last.Output.Contains("is invalid", StringComparison.Ordinal);
        }, "the API server calls the webhook", Limit, () => last?.Output);
    }

    public async Task DisposeAsync()
    {
        await WebhookConfigurations.DeleteAsync(ConfigurationName);
        if (_server is not null) await _server.DisposeAsync();
        if (Namespace.Length > 0) await ControlPlane.KubectlAsync(null, "delete", "namespace", Namespace, "--wait=false");
    }

    public Task<ProcessResult> KubectlApplyAsync(string file, params string[] extra) =>
        ControlPlane.KubectlAsync(null, ["apply", "-n", Namespace, "-f", file, .. extra]);

    public Task<ProcessResult> KubectlApplyJsonAsync(string json, params string[] extra) =>
        ControlPlane.KubectlAsync(json, ["apply", "-n", Namespace, "-f", "-", .. extra]);

    private async Task Kubectl(params string[] args)
    {
        var result = await ControlPlane.KubectlAsync(null, args);
        if (result.ExitCode != 0) throw new InvalidOperationException($"kubectl {string.Join(' ', args)}: {result.Output}");
    }

    private async Task<bool> ReadyAsync()
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(_server!.HealthUrl, "/readyz"));
        _lastReadyz = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK;
    }
}
