using System.Net;
using System.Text;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Tests.Certificates;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>Registration against the real API server: what gets written, and what happens when it cannot be.</summary>
public class WebhookRegistrationTests
{
    // Nothing matches this selector, so no other test's requests are ever sent here.
    private static readonly k8s.Models.V1LabelSelector Nobody = new() { MatchLabels = new Dictionary<string, string> { ["jdcloudpod.io/webhook-test"] = "nobody" } };

    [Fact]
    public async Task Registration_writes_the_served_ca_and_url_and_updates_existing_configurations()
    {
        var name = $"jdcloudpod-operator-reg-{Guid.NewGuid():N}"[..36];
        using var admin = ControlPlane.Shared.AdminClient();
        try
        {
            var staleTarget = new WebhookTarget.Url(new Uri("https://127.0.0.1:1"));
            await WebhookConfiguration.ApplyAsync(admin, WebhookConfiguration.Build(name, staleTarget, "stale", Nobody), CancellationToken.None);
            await WebhookConfiguration.ApplyAsync(admin, WebhookConfiguration.BuildMutating(name, staleTarget, "stale", Nobody), CancellationToken.None);

            await using var server = await WebhookServer.StartAsync(
                new WebhookRegistration(name, new WebhookTarget.Url(new Uri("https://127.0.0.1:0")), Nobody), ControlPlane.Shared.KubeconfigPath);
            await ReadyAsync(server, expectReady: true);

            var stored = await admin.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name);
            var webhook = stored.Webhooks.Should().ContainSingle().Which;
            webhook.ClientConfig.Url.Should().Be(server.Endpoint.ToString());
            Encoding.ASCII.GetString(webhook.ClientConfig.CaBundle).Should().Be(server.CaBundlePem);
            webhook.FailurePolicy.Should().Be("Fail");
            webhook.NamespaceSelector.MatchLabels.Should().Equal(Nobody.MatchLabels);

            // The mutating one beside it: same CA, target and namespaces; CREATE only, failing open.
            var mutating = (await admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name)).Webhooks.Should().ContainSingle().Which;
            mutating.Name.Should().Be(WebhookConfiguration.MutatingWebhookName);
            mutating.ClientConfig.Url.Should().Be(server.MutateEndpoint.ToString());
            Encoding.ASCII.GetString(mutating.ClientConfig.CaBundle).Should().Be(server.CaBundlePem);
            mutating.FailurePolicy.Should().Be("Ignore");
            mutating.ReinvocationPolicy.Should().Be("Never");
            mutating.SideEffects.Should().Be("None");
            mutating.AdmissionReviewVersions.Should().Equal("v1");
            mutating.Rules.Should().ContainSingle().Which.Operations.Should().Equal("CREATE");
            mutating.Rules[0].Resources.Should().Equal("jdcloudpods");
            mutating.NamespaceSelector.MatchLabels.Should().Equal(Nobody.MatchLabels);
        }
        finally
        {
            await WebhookConfigurations.DeleteAsync(name);
        }
    }

    [Fact]
    public async Task A_new_CA_in_the_certificate_directory_is_registered_and_served()
    {
        var name = $"jdcloudpod-operator-dir-{Guid.NewGuid():N}"[..36];
        var directory = Directory.CreateTempSubdirectory("jdpod-reg-certs-").FullName;
        using var admin = ControlPlane.Shared.AdminClient();
        try
        {
            var firstCa = CertificateFiles.WriteIssued(directory, DateTimeOffset.UtcNow, null, "127.0.0.1");
            await using var server = await WebhookServer.StartAsync(
                new WebhookRegistration(name, new WebhookTarget.Url(new Uri("https://127.0.0.1:0")), Nobody), ControlPlane.Shared.KubeconfigPath,
                certificateDirectory: directory);
            await ReadyAsync(server, expectReady: true);
            (await StoredBundlesAsync(admin, name)).Should().Equal(firstCa, firstCa);

            // cert-manager renewing its CA: ca.crt and a tls.crt signed by the new CA, written under the running process.
            var secondCa = CertificateFiles.WriteIssued(directory, DateTimeOffset.UtcNow, DateTime.UtcNow.AddMinutes(1), "127.0.0.1");

            await Eventually.Until(async () => (await StoredBundlesAsync(admin, name)).All(b => b == secondCa),
                "both configurations carry the new CA bundle");
            using var trustingNew = WebhookServer.TrustingOnly(secondCa);
            using var trustingOld = WebhookServer.TrustingOnly(firstCa);
            await trustingNew.Invoking(c => c.GetAsync(server.Endpoint)).Should().NotThrowAsync("the new CA's certificate is served");
            await trustingOld.Invoking(c => c.GetAsync(server.Endpoint)).Should().ThrowAsync<HttpRequestException>("the old CA no longer signs it");
            await ReadyAsync(server, expectReady: true);
        }
        finally
        {
            await WebhookConfigurations.DeleteAsync(name);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<List<string>> StoredBundlesAsync(IKubernetes admin, string name) =>
    [
        Encoding.ASCII.GetString((await admin.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name)).Webhooks[0].ClientConfig.CaBundle),
        Encoding.ASCII.GetString((await admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name)).Webhooks[0].ClientConfig.CaBundle),
    ];

    [Fact]
    public async Task Registration_creates_the_missing_configuration_while_it_replaces_the_existing_one()
    {
        var name = $"jdcloudpod-operator-half-{Guid.NewGuid():N}"[..36];
        using var admin = ControlPlane.Shared.AdminClient();
        try
        {
            // Only the mutating one is there (stale); the validating one is missing: the two are written side by side.
            await WebhookConfiguration.ApplyAsync(admin, WebhookConfiguration.BuildMutating(name, new WebhookTarget.Url(new Uri("https://127.0.0.1:1")), "stale", Nobody), CancellationToken.None);

            await using var server = await WebhookServer.StartAsync(
                new WebhookRegistration(name, new WebhookTarget.Url(new Uri("https://127.0.0.1:0")), Nobody), ControlPlane.Shared.KubeconfigPath);
            await ReadyAsync(server, expectReady: true);

            var validating = (await admin.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name)).Webhooks.Should().ContainSingle().Which;
            validating.ClientConfig.Url.Should().Be(server.Endpoint.ToString());
            Encoding.ASCII.GetString(validating.ClientConfig.CaBundle).Should().Be(server.CaBundlePem);
            var mutating = (await admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name)).Webhooks.Should().ContainSingle().Which;
            mutating.ClientConfig.Url.Should().Be(server.MutateEndpoint.ToString());
            Encoding.ASCII.GetString(mutating.ClientConfig.CaBundle).Should().Be(server.CaBundlePem);
        }
        finally
        {
            await WebhookConfigurations.DeleteAsync(name);
        }
    }

    [Fact]
    public async Task Without_permission_to_register_the_webhook_is_not_ready_and_says_why()
    {
        var name = $"jdcloudpod-operator-denied-{Guid.NewGuid():N}"[..36];
        await using var server = await WebhookServer.StartAsync(new WebhookRegistration(name, new WebhookTarget.Url(new Uri("https://127.0.0.1:0")),
            WebhookConfiguration.AllButKubeSystem()), ControlPlane.Shared.OperatorKubeconfigPath);

        var report = await ReadyAsync(server, expectReady: false);

        report.Should().Contain("webhook: Unhealthy - webhook configuration not registered: ").And.Contain("Forbidden");
        using var admin = ControlPlane.Shared.AdminClient();
        (await admin.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync()).Items
            .Should().NotContain(c => c.Metadata.Name == name);
        (await admin.AdmissionregistrationV1.ListMutatingWebhookConfigurationAsync()).Items
            .Should().NotContain(c => c.Metadata.Name == name);
    }

    [Fact]
    public async Task With_permission_on_one_configuration_only_readyz_names_the_other_and_registration_completes_once_granted()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var name = $"jdcloudpod-operator-one-{id}";
        var ns = $"jdpod-reg-{id}";
        var role = $"jdpod-reg-{id}";
        using var admin = ControlPlane.Shared.AdminClient();
        try
        {
            // An identity of this test's own, allowed the validating configurations only (as a ClusterRole written
            // before the mutating webhook existed would be).
            await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            await admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "registrar" } }, ns);
            await admin.RbacAuthorizationV1.CreateClusterRoleAsync(Role(role, "validatingwebhookconfigurations"));
            await admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
            {
                Metadata = new V1ObjectMeta { Name = role },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "registrar", NamespaceProperty = ns }],
            });
            var kubeconfig = await ServiceAccountKubeconfig.CreateAsync(admin, "registrar", ns);

            await using var server = await WebhookServer.StartAsync(
                new WebhookRegistration(name, new WebhookTarget.Url(new Uri("https://127.0.0.1:0")), Nobody), kubeconfig);
            var report = await ReadyAsync(server, expectReady: false);

            report.Should().Contain($"MutatingWebhookConfiguration {name}: HTTP 403 Forbidden: ")
                .And.Contain("cannot get resource \"mutatingwebhookconfigurations\"")
                .And.Contain("grant get, create and update on mutatingwebhookconfigurations.admissionregistration.k8s.io")
                .And.NotContain($"ValidatingWebhookConfiguration {name}");
            (await admin.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name)).Webhooks.Should().ContainSingle()
                .Which.ClientConfig.Url.Should().Be(server.Endpoint.ToString(), "the allowed one is written beside the refused one");

            await admin.RbacAuthorizationV1.ReplaceClusterRoleAsync(Role(role, "validatingwebhookconfigurations", "mutatingwebhookconfigurations"), role);
            await ReadyAsync(server, expectReady: true);
            (await admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name)).Webhooks.Should().ContainSingle()
                .Which.ClientConfig.Url.Should().Be(server.MutateEndpoint.ToString());
        }
        finally
        {
            await WebhookConfigurations.DeleteAsync(name);
            await admin.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(role);
            await admin.RbacAuthorizationV1.DeleteClusterRoleAsync(role);
            await admin.CoreV1.DeleteNamespaceAsync(ns);
        }
    }

    private static V1ClusterRole Role(string name, params string[] resources) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Rules = [new V1PolicyRule { ApiGroups = ["admissionregistration.k8s.io"], Resources = resources, Verbs = ["get", "create", "update"] }],
    };

    /// <summary>Polls /readyz (bounded) until it reports the expected state with a reason; returns the report.</summary>
    private static async Task<string> ReadyAsync(WebhookServer server, bool expectReady)
    {
        using var client = new HttpClient();
        var report = "";
        await Eventually.Until(async () =>
        {
            using var response = await client.GetAsync(new Uri(server.HealthUrl, "/readyz"));
            report = await response.Content.ReadAsStringAsync();
            return expectReady
                ? response.StatusCode == HttpStatusCode.OK
                : response.StatusCode == HttpStatusCode.ServiceUnavailable && report.Contains("not registered: ");
        }, expectReady ? "/readyz is 200" : "/readyz says the configuration is not registered", TimeSpan.FromSeconds(60), () => report);
        return report;
    }
}
