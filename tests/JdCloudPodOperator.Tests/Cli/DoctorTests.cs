using System.CommandLine;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Certificates;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Entities.Schema;
using JdCloudPodOperator.Tests.Controller;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudPodOperator.Tests.Admission;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Cli;

/// <summary>
/// `doctor` against the real API server, a served webhook and the JD Cloud simulator: everything in place, then one
/// thing broken at a time. Each failure must be a FAIL line with a fix and exit status 1.
/// </summary>
public sealed class DoctorTests() : HarnessTest("doctor")
{
    // Nothing matches this selector, so no other test's requests are ever sent to the configurations made here.
    private static readonly V1LabelSelector Nobody = new() { MatchLabels = new Dictionary<string, string> { ["jdcloudpod.io/webhook-test"] = "nobody" } };
    private readonly string _configuration = $"jdpod-doctor-{Guid.NewGuid():N}"[..30];
    private WebhookServer _webhook = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _webhook = await WebhookServer.StartAsync();
        await RegisterAsync(_webhook.CaBundlePem);
    }

    public override async Task DisposeAsync()
    {
        await WebhookConfigurations.DeleteAsync(_configuration);
        await _webhook.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task RegisterAsync(string caBundle, bool mutating = true)
    {
        var target = new WebhookTarget.Url(_webhook.WebhookUrl);
        await WebhookConfiguration.ApplyAsync(_h.Kube, WebhookConfiguration.Build(_configuration, target, caBundle, Nobody), CancellationToken.None);
        if (mutating)
            await WebhookConfiguration.ApplyAsync(_h.Kube, WebhookConfiguration.BuildMutating(_configuration, target, caBundle, Nobody), CancellationToken.None);
    }

    private async Task<(int Exit, string Output)> DoctorAsync(params string[] overrides)
    {
        var options = new Dictionary<string, string>
        {
            ["--kubeconfig"] = ControlPlane.Shared.KubeconfigPath,
            ["--webhook-configuration-name"] = _configuration,
            ["--credentials-secret"] = $"{_h.Namespace}/{ControllerHarness.SecretName}",
            ["--jdcloud-endpoint"] = _h.Simulator.BaseUrl.ToString(),
            ["--namespace"] = _h.Namespace,
        };
        for (var i = 0; i < overrides.Length; i += 2) options[overrides[i]] = overrides[i + 1];
        foreach (var omitted in options.Where(o => o.Value.Length == 0).ToList()) options.Remove(omitted.Key);
        var output = new StringWriter();
        var exit = await new RootCommand { DoctorCommand.Create() }
            .Parse(["doctor", .. options.SelectMany(o => new[] { o.Key, o.Value })])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    private static string Line(string output, string check) =>
        output.Split('\n').Single(l => l.Contains($"  {check}: "));

    [Fact]
    public async Task Everything_in_place_is_all_OK_and_exit_0()
    {
        var (exit, output) = await DoctorAsync();

        exit.Should().Be(0, output);
        foreach (var check in new[] { "cluster access", "CRD", "webhook", "RBAC", "cloud credentials" })
            Line(output, check).Should().StartWith("OK", output);
        Line(output, "webhook").Should().Contain(_webhook.WebhookUrl.Authority).And.Contain("HTTP 400");
        output.Should().Contain("doctor: all checks passed");
        output.Should().NotContain(JdCloudSimulator.SimulatorOptions.DefaultSecretKey);
    }

    [Fact]
    public async Task A_missing_webhook_configuration_fails_with_how_to_install_it()
    {
        var (exit, output) = await DoctorAsync("--webhook-configuration-name", "no-such-configuration");

        exit.Should().Be(1);
        Line(output, "webhook").Should().StartWith("FAIL").And.Contain("ValidatingWebhookConfiguration no-such-configuration does not exist");
        output.Should().Contain("fix: install config/webhook").And.Contain("doctor: 1 of 5 checks failed");
    }

    [Fact]
    public async Task A_missing_mutating_webhook_configuration_fails_naming_it()
    {
        await WebhookConfigurations.DeleteAsync(_configuration);
        await RegisterAsync(_webhook.CaBundlePem, mutating: false);

        var (exit, output) = await DoctorAsync();

        exit.Should().Be(1);
        Line(output, "webhook").Should().StartWith("FAIL").And.Contain($"MutatingWebhookConfiguration {_configuration} does not exist");
        output.Should().Contain("fix: install config/webhook").And.Contain("doctor: 1 of 5 checks failed");
    }

    [Fact]
    public async Task A_caBundle_that_does_not_sign_the_served_certificate_fails_the_TLS_check()
    {
        var (_, otherCa) = WebhookCertificateAuthority.Issue(["localhost"], DateTimeOffset.UtcNow);
        await RegisterAsync(otherCa);

        var (exit, output) = await DoctorAsync();

        exit.Should().Be(1);
        Line(output, "webhook").Should().StartWith("FAIL").And.Contain("does not verify against the caBundle");
    }

    [Fact]
    public async Task An_unreachable_webhook_fails_with_how_to_reach_it()
    {
        var (exit, output) = await DoctorAsync("--webhook-address", "127.0.0.1:1");

        exit.Should().Be(1);
        Line(output, "webhook").Should().StartWith("FAIL").And.Contain("is not reachable");
        output.Should().Contain("--webhook-address");
    }

    [Fact]
    public async Task Wrong_cloud_credentials_fail_with_the_cloud_answer_and_no_secret()
    {
        await _h.Kube.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "wrong" },
            Data = new Dictionary<string, byte[]> { ["accessKey"] = "AK-WRONG"u8.ToArray(), ["secretKey"] = "SK-WRONG-VALUE"u8.ToArray() },
        }, _h.Namespace);

        var (exit, output) = await DoctorAsync("--credentials-secret", $"{_h.Namespace}/wrong");

        exit.Should().Be(1);
        Line(output, "cloud credentials").Should().StartWith("FAIL").And.Contain($"Secret {_h.Namespace}/wrong: describePods in cn-north-1 failed");
        output.Should().Contain("fix: the access key or secret key is wrong").And.NotContain("SK-WRONG-VALUE");
    }

    [Fact]
    public async Task A_missing_credentials_Secret_fails_and_no_Secret_at_all_skips()
    {
        var (exit, output) = await DoctorAsync("--credentials-secret", $"{_h.Namespace}/absent");
        exit.Should().Be(1);
        Line(output, "cloud credentials").Should().StartWith("FAIL").And.Contain($"Secret {_h.Namespace}/absent");

        (exit, output) = await DoctorAsync("--credentials-secret", "");
        exit.Should().Be(0, "a skipped check is not a failure");
        Line(output, "cloud credentials").Should().StartWith("SKIP").And.Contain("no credentials given");
    }

    [Fact]
    public async Task An_identity_without_the_operator_role_fails_RBAC_naming_each_missing_permission()
    {
        var (exit, output) = await DoctorAsync("--kubeconfig", ControlPlane.Shared.OperatorKubeconfigPath);

        exit.Should().Be(1);
        var rbac = Line(output, "RBAC");
        rbac.Should().StartWith("FAIL").And.Contain($"watch jdcloudpods.jdcloudpod.io in {_h.Namespace}")
            .And.Contain($"patch jdcloudpods/status.jdcloudpod.io in {_h.Namespace}").And.Contain($"get secrets in {_h.Namespace}")
            .And.Contain($"create events in {_h.Namespace}").And.Contain("leases.coordination.k8s.io")
            .And.Contain("get namespace kube-system (or set --cluster-id)");
    }

    [Fact]
    public async Task An_unreachable_API_server_fails_cluster_access_and_skips_the_rest()
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"doctor-{Guid.NewGuid():N}.kubeconfig");
        var text = await File.ReadAllTextAsync(ControlPlane.Shared.KubeconfigPath);
        await File.WriteAllTextAsync(kubeconfig, System.Text.RegularExpressions.Regex.Replace(text, @"server: \S+", "server: https://127.0.0.1:1"));
        try
        {
            var (exit, output) = await DoctorAsync("--kubeconfig", kubeconfig);

            exit.Should().Be(1);
            Line(output, "cluster access").Should().StartWith("FAIL");
            Line(output, "CRD").Should().StartWith("SKIP");
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}

/// <summary>The CRD check, with a renamed copy of this build's CRD so the shared one is never touched.</summary>
public sealed class DoctorCrdTests
{
    private static V1CustomResourceDefinition Renamed(string group)
    {
        var crd = CrdGenerator.Build();
        crd.Spec.Group = group;
        crd.Metadata.Name = $"{crd.Spec.Names.Plural}.{group}";
        return crd;
    }

    private static async Task<DoctorResult> CheckAsync(IKubernetes kube, V1CustomResourceDefinition expected)
    {
        var checks = new DoctorChecks(kube, new DoctorTargets { WebhookConfigurationName = "none" }, (_, _) => throw new InvalidOperationException())
        {
            ExpectedCrd = expected,
        };
        return (await checks.RunAsync(CancellationToken.None)).Single(r => r.Check == "CRD");
    }

    [Fact]
    public async Task The_installed_CRD_matches_this_build()
    {
        await Crds.EnsureInstalledAsync();
        using var kube = ControlPlane.Shared.AdminClient();

        var result = await CheckAsync(kube, CrdGenerator.Build());

        result.Status.Should().Be(DoctorStatus.Ok, result.Detail);
    }

    [Fact]
    public async Task A_CRD_that_is_not_installed_fails_with_how_to_install_it()
    {
        using var kube = ControlPlane.Shared.AdminClient();

        var result = await CheckAsync(kube, Renamed($"absent{Guid.NewGuid():N}"[..14] + ".example.com"));

        result.Status.Should().Be(DoctorStatus.Fail);
        result.Detail.Should().EndWith("is not installed");
        result.Fix.Should().Contain("kubectl apply -f crds/");
    }

    [Fact]
    public async Task A_CRD_from_another_release_fails_naming_where_its_schema_differs()
    {
        using var kube = ControlPlane.Shared.AdminClient();
        var expected = Renamed($"old{Guid.NewGuid():N}"[..11] + ".example.com");
        var older = Renamed(expected.Spec.Group);
        older.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].Properties.Remove("maxCount");
        await kube.ApiextensionsV1.CreateCustomResourceDefinitionAsync(older);
        try
        {
            await Eventually.Until(async () => !(await CheckAsync(kube, expected)).Detail.Contains("not Established"),
                "the copy is Established", TimeSpan.FromSeconds(30));

            var result = await CheckAsync(kube, expected);

            result.Status.Should().Be(DoctorStatus.Fail);
            result.Detail.Should().Contain("the schema of v1alpha1 differs at properties.spec.properties.maxCount (missing on the server)");
        }
        finally
        {
            await kube.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(older.Metadata.Name);
        }
    }
}
