using System.Text.Json.Nodes;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Entities.Schema;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>The kustomize overlays in config/ build, and what they build is what the operator expects.</summary>
public class ManifestTests
{
    private const string Namespace = "jdcloud-pod-operator";
    private const string ServiceAccount = "jdcloud-pod-operator";

    [Fact]
    public async Task Default_overlay_builds_everything_with_cert_manager()
    {
        var m = await Kustomize.BuildAsync("default");

        m.Kinds.Should().BeEquivalentTo(["Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
            "Role", "RoleBinding", "Deployment", "Service", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "Issuer", "Certificate"]);
        var certificate = m.Single("Certificate");
        foreach (var kind in new[] { "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration" })
            ((string?)m.Single(kind)["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]).Should()
                .Be($"{certificate["metadata"]!["namespace"]}/{certificate["metadata"]!["name"]}", kind);
        ((string?)certificate["spec"]!["issuerRef"]!["name"]).Should().Be((string?)m.Single("Issuer")["metadata"]!["name"]);
        var service = m.Single("Service");
        Manifest.Strings(certificate["spec"]!["dnsNames"]).Should().Contain($"{service["metadata"]!["name"]}.{Namespace}.svc");

        var pod = m.Single("Deployment")["spec"]!["template"]!["spec"]!;
        var secretVolume = pod["volumes"]!.AsArray().Single(v => v!["secret"] is not null)!;
        ((string?)secretVolume["secret"]!["secretName"]).Should().Be((string?)certificate["spec"]!["secretName"]);
        var mount = Container(m)["volumeMounts"]!.AsArray().Single(v => (string?)v!["name"] == (string?)secretVolume["name"])!;
        var args = Parse(Container(m));
        args.Should().Contain("--cert-source=directory").And.Contain($"--cert-dir={mount["mountPath"]}");
    }

    [Fact]
    public async Task Operator_managed_overlay_has_no_cert_manager_and_grants_only_its_own_secret_and_webhook()
    {
        var m = await Kustomize.BuildAsync("operator-managed-certs");

        m.Kinds.Should().NotContain(["Issuer", "Certificate"]);
        m.Single("ValidatingWebhookConfiguration")["metadata"]!["annotations"].Should().BeNull();
        m.Single("MutatingWebhookConfiguration")["metadata"]!["annotations"].Should().BeNull();
        var args = Parse(Container(m));
        args.Should().Contain("--cert-source=secret");
        var secretName = args.Single(a => a.StartsWith("--cert-secret=", StringComparison.Ordinal)).Split('=')[1];
        m.Rules().Where(r => r.Resource == "secrets" && r.Verb is "get" or "update" && r.Names is not null)
            .Should().OnlyContain(r => r.Names == secretName).And.HaveCount(2);
        foreach (var resource in new[] { "validatingwebhookconfigurations", "mutatingwebhookconfigurations" })
            m.Rules().Where(r => r.Resource == resource)
                .Should().OnlyContain(r => r.Names == WebhookConfiguration.DefaultName).And.HaveCount(2, resource);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("operator-managed-certs")]
    public async Task Deployment_runs_two_hardened_replicas_with_leader_election_and_probes(string overlay)
    {
        var m = await Kustomize.BuildAsync(overlay);
        var deployment = m.Single("Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = Container(m);

        ((long)deployment["spec"]!["replicas"]!).Should().Be(2);
        Env(container, "JDPOD_LEADER_ELECT").Should().Be("true");
        ((string?)container["env"]!.AsArray().Single(e => (string?)e!["name"] == "POD_NAMESPACE")!["valueFrom"]!["fieldRef"]!["fieldPath"])
            .Should().Be("metadata.namespace");
        ((string?)pod["serviceAccountName"]).Should().Be(ServiceAccount);
        ((bool)pod["securityContext"]!["runAsNonRoot"]!).Should().BeTrue();
        ((string?)pod["securityContext"]!["seccompProfile"]!["type"]).Should().Be("RuntimeDefault");
        var security = container["securityContext"]!;
        ((bool)security["allowPrivilegeEscalation"]!).Should().BeFalse();
        ((bool)security["readOnlyRootFilesystem"]!).Should().BeTrue();
        ((bool)security["runAsNonRoot"]!).Should().BeTrue();
        Manifest.Strings(security["capabilities"]!["drop"]).Should().Equal("ALL");
        container["volumeMounts"]!.AsArray().Should().Contain(v => (string?)v!["mountPath"] == "/tmp", "/tmp is writable");
        container["resources"]!["requests"]!["cpu"].Should().NotBeNull();
        container["resources"]!["requests"]!["memory"].Should().NotBeNull();
        container["resources"]!["limits"]!["memory"].Should().NotBeNull();

        Port(container, "health").Should().Be(new OperatorHostOptions().HealthPort);
        Port(container, "webhook").Should().Be(new AdmissionWebhookOptions().Port);
        ((string?)container["livenessProbe"]!["httpGet"]!["path"]).Should().Be("/healthz");
        ((string?)container["readinessProbe"]!["httpGet"]!["path"]).Should().Be("/readyz");
        ((string?)container["livenessProbe"]!["httpGet"]!["port"]).Should().Be("health");
        ((string?)container["readinessProbe"]!["httpGet"]!["port"]).Should().Be("health");
        m.Objects.Where(o => o["metadata"]!["namespace"] is not null)
            .Should().OnlyContain(o => (string?)o["metadata"]!["namespace"] == Namespace);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("operator-managed-certs")]
    public async Task Webhook_configuration_fails_closed_spares_kube_system_and_matches_the_operator(string overlay)
    {
        var m = await Kustomize.BuildAsync(overlay);
        var webhook = m.Single("ValidatingWebhookConfiguration")["webhooks"]!.AsArray().Should().ContainSingle().Subject!;
        var service = m.Single("Service");
        // What the operator itself writes with --register: the committed manifest must say the same.
        var expected = JsonNode.Parse(k8s.KubernetesJson.Serialize(WebhookConfiguration.Build(WebhookConfiguration.DefaultName,
            new WebhookTarget.Service(Namespace, (string)service["metadata"]!["name"]!, 443), "", WebhookConfiguration.AllButKubeSystem())))!;
        var expectedWebhook = expected["webhooks"]![0]!;

        ((string?)m.Single("ValidatingWebhookConfiguration")["metadata"]!["name"]).Should().Be(WebhookConfiguration.DefaultName);
        foreach (var field in new[] { "name", "rules", "failurePolicy", "sideEffects", "timeoutSeconds", "matchPolicy", "admissionReviewVersions", "namespaceSelector" })
            JsonNode.DeepEquals(webhook[field], expectedWebhook[field]).Should().BeTrue($"{field}: {webhook[field]?.ToJsonString()} vs {expectedWebhook[field]?.ToJsonString()}");
        ((string?)webhook["failurePolicy"]).Should().Be("Fail");
        ((string?)webhook["sideEffects"]).Should().Be("None");
        ((string?)webhook["matchPolicy"]).Should().Be("Equivalent");
        ((long)webhook["timeoutSeconds"]!).Should().BeInRange(1, 30);
        webhook["namespaceSelector"]!["matchExpressions"]!.AsArray().Should().Contain(e =>
            (string?)e!["key"] == "kubernetes.io/metadata.name" && (string?)e["operator"] == "NotIn" && Manifest.Strings(e["values"]).Contains("kube-system"));
        var client = webhook["clientConfig"]!;
        client["caBundle"].Should().BeNull("nothing generated is committed");
        ((string?)client["service"]!["path"]).Should().Be(AdmissionWebhookEndpoint.Path);
        ((string?)client["service"]!["name"]).Should().Be((string?)service["metadata"]!["name"]);
        ((string?)client["service"]!["namespace"]).Should().Be(Namespace);
        ((long)client["service"]!["port"]!).Should().Be((long)service["spec"]!["ports"]![0]!["port"]!);
        ((string?)service["spec"]!["ports"]![0]!["targetPort"]).Should().Be("webhook");
        var podLabels = m.Single("Deployment")["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        service["spec"]!["selector"]!.AsObject().Should().OnlyContain(l => (string?)podLabels[l.Key] == (string?)l.Value);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("operator-managed-certs")]
    public async Task Mutating_webhook_configuration_fails_open_on_create_only_and_matches_the_operator(string overlay)
    {
        var m = await Kustomize.BuildAsync(overlay);
        var configuration = m.Single("MutatingWebhookConfiguration");
        var webhook = configuration["webhooks"]!.AsArray().Should().ContainSingle().Subject!;
        var validating = m.Single("ValidatingWebhookConfiguration")["webhooks"]![0]!;
        var service = m.Single("Service");
        var expected = JsonNode.Parse(k8s.KubernetesJson.Serialize(WebhookConfiguration.BuildMutating(WebhookConfiguration.DefaultName,
            new WebhookTarget.Service(Namespace, (string)service["metadata"]!["name"]!, 443), "", WebhookConfiguration.AllButKubeSystem())))!;
        var expectedWebhook = expected["webhooks"]![0]!;

        ((string?)configuration["metadata"]!["name"]).Should().Be(WebhookConfiguration.DefaultName);
        foreach (var field in new[] { "name", "rules", "failurePolicy", "sideEffects", "reinvocationPolicy", "timeoutSeconds", "matchPolicy",
                     "admissionReviewVersions", "namespaceSelector" })
            JsonNode.DeepEquals(webhook[field], expectedWebhook[field]).Should().BeTrue($"{field}: {webhook[field]?.ToJsonString()} vs {expectedWebhook[field]?.ToJsonString()}");
        // A mutating webhook that is down must not block creates: the controller adds the finalizer itself.
        ((string?)webhook["failurePolicy"]).Should().Be("Ignore");
        Manifest.Strings(webhook["rules"]![0]!["operations"]).Should().Equal("CREATE");
        ((string?)webhook["reinvocationPolicy"]).Should().Be("Never");
        JsonNode.DeepEquals(webhook["namespaceSelector"], validating["namespaceSelector"]).Should().BeTrue("both review the same namespaces");
        var client = webhook["clientConfig"]!;
        client["caBundle"].Should().BeNull("nothing generated is committed");
        ((string?)client["service"]!["path"]).Should().Be(AdmissionWebhookEndpoint.MutatePath);
        JsonNode.DeepEquals(client["service"]!["name"], validating["clientConfig"]!["service"]!["name"]).Should().BeTrue();
        JsonNode.DeepEquals(client["service"]!["port"], validating["clientConfig"]!["service"]!["port"]).Should().BeTrue();
    }

    [Theory]
    [InlineData("default")]
    [InlineData("operator-managed-certs")]
    public async Task Every_binding_grants_the_operator_service_account_and_no_rule_uses_a_wildcard(string overlay)
    {
        var m = await Kustomize.BuildAsync(overlay);
        var bindings = m.OfKind("ClusterRoleBinding").Concat(m.OfKind("RoleBinding")).ToList();

        bindings.Should().NotBeEmpty();
        foreach (var binding in bindings)
        {
            var subject = binding["subjects"]!.AsArray().Should().ContainSingle().Subject!;
            ((string?)subject["kind"]).Should().Be("ServiceAccount");
            ((string?)subject["name"]).Should().Be(ServiceAccount);
            ((string?)subject["namespace"]).Should().Be(Namespace);
            var roleName = (string?)binding["roleRef"]!["name"];
            m.OfKind((string)binding["roleRef"]!["kind"]!).Should().Contain(r => (string?)r["metadata"]!["name"] == roleName);
        }
        m.Rules().Should().NotBeEmpty().And.OnlyContain(r => !r.ApiGroup.Contains('*') && !r.Resource.Contains('*') && !r.Verb.Contains('*'));
        m.Rules().Where(r => r.Resource == "secrets").Select(r => r.Verb).Should().NotContain(["list", "watch"], "Secrets are read one by one");
    }

    [Fact]
    public async Task Crd_base_is_the_generated_crd_and_samples_build()
    {
        File.ReadAllText(RepoPaths.Of("config", "crd", "bases", CrdGenerator.FileName))
            .Should().Be(File.ReadAllText(RepoPaths.Of("crds", CrdGenerator.FileName)), "`make generate` writes both; commit both");
        var crd = (await Kustomize.BuildAsync("crd")).Single("CustomResourceDefinition");
        ((string?)crd["metadata"]!["name"]).Should().Be(CrdGenerator.Name);
        (await Kustomize.BuildAsync("samples")).Kinds.Should().Contain("JdCloudPod");
    }

    [Fact]
    public async Task Network_policies_open_the_webhook_port_to_all_and_the_health_port_to_monitoring_namespaces_only()
    {
        var policies = await Kustomize.BuildAsync("network-policy");
        var deployment = await Kustomize.BuildAsync("default");
        var container = Container(deployment);
        var podLabels = deployment.Single("Deployment")["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

        policies.Kinds.Should().OnlyContain(k => k == "NetworkPolicy").And.HaveCount(2);
        foreach (var policy in policies.Objects)
        {
            ((string?)policy["metadata"]!["namespace"]).Should().Be(Namespace);
            policy["spec"]!["podSelector"]!["matchLabels"]!.AsObject()
                .Should().OnlyContain(l => (string?)podLabels[l.Key] == (string?)l.Value, "the policy selects the operator's pods");
            Manifest.Strings(policy["spec"]!["policyTypes"]).Should().Equal("Ingress");
        }
        var webhook = Ingress(policies, "jdcloud-pod-operator-allow-webhook-traffic");
        ((int)(long)webhook["ports"]![0]!["port"]!).Should().Be(Port(container, "webhook"));
        webhook["from"].Should().BeNull("the API server's address cannot be selected portably");
        var metrics = Ingress(policies, "jdcloud-pod-operator-allow-metrics-traffic");
        ((int)(long)metrics["ports"]![0]!["port"]!).Should().Be(Port(container, "health"));
        var from = metrics["from"]!.AsArray().Should().ContainSingle().Subject!;
        ((string?)from["namespaceSelector"]!["matchLabels"]!["metrics"]).Should().Be("enabled");
        from["podSelector"].Should().BeNull();
    }

    private static JsonNode Ingress(Manifest m, string name) =>
        m.Named("NetworkPolicy", name)["spec"]!["ingress"]!.AsArray().Should().ContainSingle().Subject!;

    private static JsonNode Container(Manifest m) =>
        m.Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Should().ContainSingle().Subject!;

    /// <summary>The container's args, checked by the operator's own command line: they must parse without error.</summary>
    private static List<string> Parse(JsonNode container)
    {
        var args = Manifest.Strings(container["args"]);
        args[0].Should().Be("run");
        var parse = RunCommand.Create().Parse(args.Skip(1).ToArray());
        parse.Errors.Should().BeEmpty();
        return args;
    }

    private static string? Env(JsonNode container, string name) =>
        (string?)container["env"]!.AsArray().SingleOrDefault(e => (string?)e!["name"] == name)?["value"];

    private static int Port(JsonNode container, string name) =>
        (int)(long)container["ports"]!.AsArray().Single(p => (string?)p!["name"] == name)!["containerPort"]!;
}
