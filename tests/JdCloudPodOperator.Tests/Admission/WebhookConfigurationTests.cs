using System.Net;
using System.Text;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Cli;

namespace JdCloudPodOperator.Tests.Admission;

public class WebhookConfigurationTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    [Fact]
    public void Configuration_sends_jdcloudpod_creates_and_updates_and_fails_closed()
    {
        var config = WebhookConfiguration.Build("jdcloudpod-operator", new WebhookTarget.Url(new Uri("https://127.0.0.1:9443")),
            Pem, WebhookConfiguration.AllButKubeSystem());

        config.Metadata.Name.Should().Be("jdcloudpod-operator");
        var webhook = config.Webhooks.Should().ContainSingle().Which;
        webhook.Name.Should().Be("vjdcloudpod.jdcloudpod.io");
        webhook.ClientConfig.Url.Should().Be("https://127.0.0.1:9443/validate-jdcloudpod-jdcloudpod-io-v1alpha1");
        webhook.ClientConfig.Service.Should().BeNull();
        Encoding.ASCII.GetString(webhook.ClientConfig.CaBundle).Should().Be(Pem);
        var rule = webhook.Rules.Should().ContainSingle().Which;
        rule.ApiGroups.Should().Equal("jdcloudpod.io");
        rule.ApiVersions.Should().Equal("v1alpha1");
        rule.Resources.Should().Equal("jdcloudpods");
        rule.Operations.Should().Equal("CREATE", "UPDATE");
        webhook.FailurePolicy.Should().Be("Fail");
        webhook.SideEffects.Should().Be("None");
        webhook.AdmissionReviewVersions.Should().Equal("v1");
        webhook.TimeoutSeconds.Should().Be(10);
        webhook.MatchPolicy.Should().Be("Equivalent");
        var exclusion = webhook.NamespaceSelector.MatchExpressions.Should().ContainSingle().Which;
        (exclusion.Key, exclusion.OperatorProperty).Should().Be(("kubernetes.io/metadata.name", "NotIn"));
        exclusion.Values.Should().Equal("kube-system");
    }

    [Fact]
    public void Service_target_names_the_service_and_path()
    {
        var config = WebhookConfiguration.Build("x", new WebhookTarget.Service("ops", "jdpod-webhook", 443), Pem,
            WebhookConfiguration.AllButKubeSystem());

        var client = config.Webhooks[0].ClientConfig;
        client.Url.Should().BeNull();
        (client.Service.NamespaceProperty, client.Service.Name, client.Service.Port, client.Service.Path)
            .Should().Be(("ops", "jdpod-webhook", 443, AdmissionWebhookEndpoint.Path));
    }

    /// <summary>The host's options the run command makes of <paramref name="args"/>, with the webhook's applied.</summary>
    private static (OperatorHostOptions Host, AdmissionWebhookOptions Webhook) RunOptions(params string[] args)
    {
        var host = RunCommand.ToOptions(RunCommand.Create().Parse(args));
        var webhook = new AdmissionWebhookOptions();
        host.Webhook(webhook);
        return (host, webhook);
    }

    [Fact]
    public void Run_defaults_serve_self_signed_on_9443_and_register_nothing()
    {
        var options = RunOptions();

        options.Host.HealthPort.Should().Be(8081);
        options.Webhook.Port.Should().Be(9443);
        options.Webhook.Address.Should().Be(IPAddress.Any);
        options.Webhook.CertificateDirectory.Should().BeNull();
        options.Webhook.Registration.Should().BeNull();
        options.Webhook.HostNames.Should().Contain(["localhost", "127.0.0.1", "jdcloud-pod-operator-webhook.jdcloud-pod-operator.svc"]);
    }

    [Fact]
    public void Run_options_select_directory_certificates_and_url_registration()
    {
        var options = RunOptions("--cert-source", "directory", "--cert-dir", "/certs", "--register", "url", "--webhook-url", "https://dev.example:8443",
            "--webhook-configuration-name", "mine", "--address", "127.0.0.1");

        options.Webhook.CertificateDirectory.Should().Be("/certs");
        options.Webhook.Address.Should().Be(IPAddress.Loopback);
        options.Webhook.HostNames.Should().Contain("dev.example");
        options.Webhook.Registration!.ConfigurationName.Should().Be("mine");
        options.Webhook.Registration.Target.Should().Be(new WebhookTarget.Url(new Uri("https://dev.example:8443")));
    }

    [Fact]
    public void Run_service_registration_uses_the_service_options()
    {
        var options = RunOptions("--register", "service", "--service-name", "hook", "--service-namespace", "ops", "--service-port", "8443");

        options.Webhook.Registration!.Target.Should().Be(new WebhookTarget.Service("ops", "hook", 8443));
        options.Webhook.HostNames.Should().Contain(["hook.ops.svc", "hook.ops.svc.cluster.local"]);
    }

    [Theory]
    [InlineData("--webhook-port", "65536")]
    [InlineData("--address", "not-an-ip")]
    [InlineData("--cert-source", "vault")]
    [InlineData("--register", "always")]
    [InlineData("--webhook-url", "http://127.0.0.1:9443")]
    public void Run_refuses_bad_option_values(string option, string value) =>
        RunCommand.Create().Parse([option, value]).Errors.Should().NotBeEmpty();

    [Fact]
    public void Run_help_explains_every_option_and_exits_zero()
    {
        var output = new StringWriter();
        var root = new System.CommandLine.RootCommand { RunCommand.Create() };
        var exit = root.Parse(["run", "--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });

        exit.Should().Be(0);
        output.ToString().Should().Contain("--cert-source").And.Contain("[default: self-signed]")
            .And.Contain("--register").And.Contain("[default: 9443]").And.Contain("--kubeconfig");
    }
}
