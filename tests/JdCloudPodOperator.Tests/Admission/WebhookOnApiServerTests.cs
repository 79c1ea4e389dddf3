using System.Text.Json.Nodes;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>The webhook as kube-apiserver calls it, seen through kubectl, as a cluster operator would.</summary>
public class WebhookOnApiServerTests(WebhookOnApiServerFixture fixture) : IClassFixture<WebhookOnApiServerFixture>
{
    [Theory]
    [InlineData("primary-ip-with-max-count-3.yaml", "spec.podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress")]
    [InlineData("volume-mount-names-missing-volume.yaml", "spec.podSpec.containers[0].volumeMounts[1].name")]
    public async Task Kubectl_apply_of_a_cross_field_violation_is_refused_with_the_field_path(string sample, string field)
    {
        var result = await fixture.KubectlApplyAsync(RepoPaths.Of("config", "samples", "invalid", sample));

        result.ExitCode.Should().NotBe(0, result.Output);
        result.StdErr.Should().Contain("is invalid").And.Contain(field);
        (await Exists(Path.GetFileNameWithoutExtension(sample))).Should().BeFalse();
    }

    [Theory]
    [InlineData(3, 78, null)]
    [InlineData(3, 79, "spec.cmdb.workload: Forbidden: workload pods/79 is not allowed for namespace")]
    [InlineData(4, 78, "spec.cmdb.bizId: Forbidden: business 4 is not allowed for namespace")]
    [InlineData(2, 77, "spec.cmdb.bizId: Forbidden: business 2 is not allowed for namespace")]
    public async Task Cmdb_registration_is_refused_outside_the_namespaces_businesses(long bizId, long workloadId, string? refusal)
    {
        var pod = AdmissionReviews.ValidPod($"cmdb-{bizId}-{workloadId}");
        pod["metadata"] = new JsonObject { ["name"] = pod["metadata"]!["name"]!.GetValue<string>() };
        pod["spec"]!["cmdb"] = JsonNode.Parse($$"""
            {"enabled": true, "bizId": {{bizId}}, "clusterId": 5, "namespaceId": 13, "nodeId": 31, "hostId": 1001,
             "workload": {"kind": "pods", "id": {{workloadId}}}, "operators": ["alice"]}
            """);

        var result = await fixture.KubectlApplyJsonAsync(pod.ToJsonString());

        if (refusal is null)
        {
            result.ExitCode.Should().Be(0, result.Output);
            return;
        }
        result.ExitCode.Should().NotBe(0, result.Output);
        result.StdErr.Should().Contain(refusal).And.Contain("--cmdb-allowed-businesses");
    }

    [Fact]
    public async Task Kubectl_apply_of_a_valid_resource_is_accepted()
    {
        var result = await fixture.KubectlApplyAsync(RepoPaths.Of("config", "samples", "valid", "minimal.yaml"));

        result.ExitCode.Should().Be(0, result.Output);
        result.StdOut.Should().Contain("jdcloudpod.jdcloudpod.io/minimal created");
    }

    [Fact]
    public async Task Kubectl_prints_the_validator_warnings()
    {
        var pod = AdmissionReviews.ValidPod($"warned-{Guid.NewGuid():N}"[..15]);
        pod["metadata"] = new JsonObject { ["name"] = pod["metadata"]!["name"]!.GetValue<string>() };
        pod["spec"]!["podSpec"]!["primaryNetworkInterface"]!["networkInterface"]!["az"] = "cn-north-1b";

        var result = await fixture.KubectlApplyJsonAsync(pod.ToJsonString());

        result.ExitCode.Should().Be(0, result.Output);
        result.StdErr.Should().Contain("Warning: spec.podSpec.primaryNetworkInterface.networkInterface.az: ");
    }

    [Fact]
    public async Task Kubectl_apply_prints_a_warning_per_unknown_field_and_validate_refuses_them()
    {
        var pod = AdmissionReviews.ValidPod($"typo-{Guid.NewGuid():N}"[..15]);
        pod["metadata"] = new JsonObject { ["name"] = pod["metadata"]!["name"]!.GetValue<string>() };
        pod["spec"]!["regionTypo"] = "cn-north-1";
        pod["spec"]!["podSpec"]!["contaners"] = new JsonArray();
        const string dropped = "unknown field: the API server would drop it silently";

        // kubectl's own schema check (against servers without server-side field validation, before 1.25) would stop
        // the apply before the API server; GitOps tools and `--validate=false` send the manifest as written.
        var applied = await fixture.KubectlApplyJsonAsync(pod.ToJsonString(), "--validate=false");
        var output = new StringWriter();
        var exit = ValidateCommand.Run(["-"], recursive: false, output, new StringReader(pod.ToJsonString()));

        applied.ExitCode.Should().Be(0, applied.Output);
        applied.StdErr.Should().Contain($"Warning: spec.regionTypo: {dropped}")
            .And.Contain($"Warning: spec.podSpec.contaners: {dropped} (did you mean \"containers\"?)");
        exit.Should().Be(1, output.ToString());
        output.ToString().Should().Contain($"spec.regionTypo: Forbidden: {dropped}")
            .And.Contain($"spec.podSpec.contaners: Forbidden: {dropped} (did you mean \"containers\"?)");
    }

    [Fact]
    public async Task Once_pods_exist_under_never_podspec_is_refused_except_description_and_max_count_may_change()
    {
        var pod = await CreateWithPodIdsAsync("immutable");
        pod["spec"]!["updateStrategy"] = new JsonObject { ["type"] = "Never" };
        var never = await fixture.KubectlApplyJsonAsync(pod.ToJsonString());
        never.ExitCode.Should().Be(0, never.Output);

        var instanceType = await fixture.KubectlApplyJsonAsync(With(pod, p => p["spec"]!["podSpec"]!["instanceType"] = "g.n2.large"));
        instanceType.ExitCode.Should().NotBe(0, instanceType.Output);
        instanceType.StdErr.Should().Contain("spec.podSpec").And.Contain("podSpec.instanceType differs");

        var lifted = await fixture.KubectlApplyJsonAsync(With(pod, p => p["spec"]!["updateStrategy"]!["type"] = "RollingUpdate"));
        lifted.ExitCode.Should().Be(0, lifted.Output);
        var changed = await fixture.KubectlApplyJsonAsync(With(pod, p =>
        {
            p["spec"]!["updateStrategy"]!["type"] = "RollingUpdate";
            p["spec"]!["podSpec"]!["instanceType"] = "g.n2.large";
        }));
        changed.ExitCode.Should().Be(0, changed.Output);
        changed.StdOut.Should().Contain("configured");
        pod["spec"]!["podSpec"]!["instanceType"] = "g.n2.large";

        var description = await fixture.KubectlApplyJsonAsync(With(pod, p => p["spec"]!["podSpec"]!["description"] = "shop front"));
        description.ExitCode.Should().Be(0, description.Output);
        description.StdOut.Should().Contain("configured");

        var maxCount = await fixture.KubectlApplyJsonAsync(With(pod, p =>
        {
            p["spec"]!["podSpec"]!["description"] = "shop front";
            p["spec"]!["maxCount"] = 2;
        }));
        maxCount.ExitCode.Should().Be(0, maxCount.Output);
        maxCount.StdOut.Should().Contain("configured");
    }

    [Fact]
    public async Task Region_change_is_refused()
    {
        var pod = await CreateWithPodIdsAsync("region");

        var result = await fixture.KubectlApplyJsonAsync(With(pod, p => p["spec"]!["regionId"] = "cn-east-2"));

        result.ExitCode.Should().NotBe(0, result.Output);
        result.StdErr.Should().Contain("spec.regionId").And.Contain("immutable");
    }

    /// <summary>A valid JdCloudPod, created through kubectl, whose status (written as admin) lists a cloud pod.</summary>
    private async Task<JsonObject> CreateWithPodIdsAsync(string prefix)
    {
        var pod = AdmissionReviews.ValidPod($"{prefix}-{Guid.NewGuid():N}"[..20]);
        pod["metadata"] = new JsonObject { ["name"] = pod["metadata"]!["name"]!.GetValue<string>() };
        var created = await fixture.KubectlApplyJsonAsync(pod.ToJsonString());
        created.ExitCode.Should().Be(0, created.Output);
        using var admin = fixture.ControlPlane.AdminClient();
        await admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"podIds":["pod-ab12cd34ef"]}}""", V1Patch.PatchType.MergePatch),
            "jdcloudpod.io", "v1alpha1", fixture.Namespace, "jdcloudpods", pod["metadata"]!["name"]!.GetValue<string>());
        return pod;
    }

    private static string With(JsonObject pod, Action<JsonObject> change)
    {
        var copy = (JsonObject)pod.DeepClone();
        change(copy);
        return copy.ToJsonString();
    }

    private async Task<bool> Exists(string name) =>
        (await fixture.ControlPlane.KubectlAsync(null, "get", "jdcloudpod", name, "-n", fixture.Namespace)).ExitCode == 0;
}
