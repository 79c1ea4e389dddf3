using System.Net;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Certificates;
using JdCloudPodOperator.Tests.Controller;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// The operator (controller + webhook, operator-managed certificates) on the real API server as the ServiceAccount
/// of config/, holding exactly the roles config/operator-managed-certs grants: create → Ready → delete works.
/// RBAC is on (tests/control-plane: --authorization-mode RBAC); the token is a real ServiceAccount token.
/// </summary>
public class LeastPrivilegeTests
{
    private const string OperatorNamespace = "jdcloud-pod-operator";
    private const string TestLabel = "jdcloudpod.io/webhook-test";

    [Fact]
    public async Task Operator_works_with_only_the_roles_from_config()
    {
        var manifest = await Kustomize.BuildAsync("operator-managed-certs");
        await using var harness = await ControllerHarness.StartAsync("rbac");
        var port = (await FreePorts.TakeAsync(1))[0];
        await ApplyAsync(manifest, port, harness.Namespace);
        var kubeconfig = await ServiceAccountKubeconfig.CreateAsync(harness.Kube, "jdcloud-pod-operator", OperatorNamespace);
        var args = Manifest.Strings(manifest.Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]);
        var secretName = args.Single(a => a.StartsWith("--cert-secret=", StringComparison.Ordinal)).Split('=')[1];
        try
        {
            await harness.StartOperatorAsync(leaderElection: true, tune: s => s.LeaseNamespace = OperatorNamespace, kubeconfig: kubeconfig,
                webhook: o =>
                {
                    (o.Address, o.Port, o.HostNames) = (IPAddress.Loopback, port, ["127.0.0.1"]);
                    o.CertificateSecret = new CertificateSecretOptions(OperatorNamespace, secretName, WebhookConfiguration.DefaultName);
                });

            ProcessResult? last = null;
            await Eventually.Until(async () =>
                (last = await ControlPlane.Shared.KubectlAsync(null, "apply", "--dry-run=server", "-n", harness.Namespace, "-f",
                    RepoPaths.Of("config", "samples", "invalid", "primary-ip-with-max-count-3.yaml"))).Output.Contains("may be set only when maxCount is 1"),
                "the webhook answers with the certificate it made as the ServiceAccount", TimeSpan.FromSeconds(60));

            await harness.CreateAsync(harness.NewPod("web"));
            var ready = await harness.WaitForReadyAsync("web", 1, TimeSpan.FromSeconds(60));
            ready.Metadata.Finalizers.Should().Contain(JdCloudPodOperator.Entities.Annotations.Finalizer);
            (await harness.EventsAsync("web")).Should().NotBeEmpty("the ServiceAccount may record Events");
            var lease = await harness.Kube.CoordinationV1.ListNamespacedLeaseAsync(OperatorNamespace);
            lease.Items.Should().Contain(l => !string.IsNullOrEmpty(l.Spec.HolderIdentity), "leader election ran in the operator namespace");

            await harness.DeleteAsync("web");
            await harness.WaitForGoneAsync("web");
            harness.LiveCloudPods("web").Should().BeEmpty();
        }
        finally
        {
            await WebhookConfigurationsCleanup(harness.Kube);
        }
    }

    /// <summary>The RBAC objects and the webhook configuration from config/, the webhook aimed at this process.</summary>
    private static async Task ApplyAsync(Manifest manifest, int port, string testNamespace)
    {
        string[] kinds = ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration"];
        var items = new JsonArray();
        foreach (var o in manifest.Objects.Where(o => kinds.Contains((string?)o["kind"])))
        {
            var copy = o.DeepClone().AsObject();
            if ((string?)copy["kind"] is "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration")
            {
                // No Service routing here: the API server calls this process directly, for this test's namespace only.
                var webhook = copy["webhooks"]![0]!;
                var path = (string?)webhook["clientConfig"]!["service"]!["path"];
                webhook["clientConfig"] = new JsonObject { ["url"] = $"https://127.0.0.1:{port}{path}" };
                webhook["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { [TestLabel] = testNamespace } };
            }
            items.Add(copy);
        }
        var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items };
        var apply = await ControlPlane.Shared.KubectlAsync(list.ToJsonString(), "apply", "-f", "-");
        apply.ExitCode.Should().Be(0, apply.Output);
        var label = await ControlPlane.Shared.KubectlAsync(null, "label", "namespace", testNamespace, $"{TestLabel}={testNamespace}");
        label.ExitCode.Should().Be(0, label.Output);
    }

    private static async Task WebhookConfigurationsCleanup(IKubernetes admin)
    {
        try
        {
            await admin.AdmissionregistrationV1.DeleteValidatingWebhookConfigurationAsync(WebhookConfiguration.DefaultName);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            // already gone
        }
        try
        {
            await admin.AdmissionregistrationV1.DeleteMutatingWebhookConfigurationAsync(WebhookConfiguration.DefaultName);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            // already gone
        }
    }

}
