using JdCloudPodOperator.Validation.Manifests;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>Documents as the API server would receive them: kinds, unknown fields and JSON types first.</summary>
public class ManifestValidatorTests
{
    private static IEnumerable<string> Findings(string text) =>
        ManifestValidator.Validate(text).SelectMany(d => d.Violations.Select(v => v.ToString()));

    [Fact]
    public void A_valid_pod_has_no_findings()
    {
        var report = ManifestValidator.Validate(Manifests.Pod()).Single();

        report.IsJdCloudPod.Should().BeTrue();
        report.Object.Should().Be("team-a/web");
        report.Violations.Should().BeEmpty();
    }

    [Fact]
    public void Other_kinds_and_non_objects_are_skipped()
    {
        var reports = ManifestValidator.Validate(Manifests.Documents(Manifests.Secret, "just a string\n", "- a list\n", Manifests.Pod()));

        reports.Should().HaveCount(2);
        reports[0].IsJdCloudPod.Should().BeFalse();
        reports[1].Index.Should().Be(4);
        reports[1].Violations.Should().BeEmpty();
    }

    [Fact]
    public void Another_group_with_the_same_kind_is_not_ours()
    {
        ManifestValidator.Validate(Manifests.Pod().Replace("jdcloudpod.io/v1alpha1", "example.com/v1")).Single().IsJdCloudPod.Should().BeFalse();
    }

    [Fact]
    public void An_unserved_version_is_unsupported()
    {
        Findings(Manifests.Pod().Replace("v1alpha1", "v1")).Should().Equal(
            "apiVersion: Unsupported value: \"jdcloudpod.io/v1\": supported values: \"jdcloudpod.io/v1alpha1\"");
    }

    [Fact]
    public void Unknown_fields_are_reported_with_a_suggestion()
    {
        Findings(Manifests.Pod(containerExtra: "        imagePullPolicy: Always\n        Tty: true")).Should().Equal(
            "spec.podSpec.containers[0].imagePullPolicy: Forbidden: unknown field: the API server would drop it silently",
            "spec.podSpec.containers[0].Tty: Forbidden: unknown field: the API server would drop it silently (did you mean \"tty\"?)");
        Findings(Manifests.Pod().Replace("  namespace: team-a", "  namespace: team-a\n  lables: {app: web}")).Should().Equal(
            "metadata.lables: Forbidden: unknown field: the API server would drop it silently (did you mean \"labels\"?)");
    }

    [Fact]
    public void A_JSON_manifest_s_whole_number_floats_are_integers_as_kubectl_sends_them()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(YamlJson.ReadAll(Manifests.Pod()).Single().Root);
        json.Should().Contain("\"sizeGB\":20").And.NotContain("maxCount");
        IEnumerable<string> Read(string maxCount, string sizeGB)
        {
            var text = json.Replace("\"spec\":{", $"\"spec\":{{\"maxCount\":{maxCount},").Replace("\"sizeGB\":20", $"\"sizeGB\":{sizeGB}");
            var report = ManifestValidator.Validate(text).Single();
            report.IsJdCloudPod.Should().BeTrue(text);
            return report.Violations.Select(v => v.ToString());
        }

        Read("1.0", "20.00").Should().BeEmpty("kubectl sends 1.0 as 1");
        Read("1e0", "2e1").Should().BeEmpty();
        Read("1.5", "20").Should().Equal("spec.maxCount: Invalid value: 1.5: must be of type integer");
    }

    [Fact]
    public void Values_of_the_wrong_type_are_reported_once()
    {
        Findings(Manifests.Pod(specExtra: "  maxCount: \"3\"")).Should().Equal("spec.maxCount: Invalid value: \"3\": must be of type integer");
        Findings(Manifests.Pod(specExtra: "  maxCount: 2.5")).Should().Equal("spec.maxCount: Invalid value: 2.5: must be of type integer");
        Findings(Manifests.Pod(specExtra: "  maxCount: 99999999999")).Should().Equal("spec.maxCount: Invalid value: 99999999999: must be an integer from -2147483648 to 2147483647");
        Findings(Manifests.Pod(specExtra: "  regionId: [a]").Replace("  regionId: cn-north-1\n", "")).Should().Equal(
            "spec.regionId: Invalid value: [...]: must be of type string");
        Findings(Manifests.Pod(containerExtra: "        env:\n          - {name: DEBUG, value: on}")).Should().Equal(
            "spec.podSpec.containers[0].env[0].value: Invalid value: true: must be of type string");
        Findings(Manifests.Pod(containerExtra: "        tty: yes")).Should().BeEmpty();
    }

    [Fact]
    public void A_whole_object_of_the_wrong_type_is_not_also_reported_as_missing()
    {
        var text = Manifests.Pod().Replace("  credentialsSecretRef:\n    name: jdcloud-credentials", "  credentialsSecretRef: jdcloud-credentials");

        Findings(text).Should().Equal("spec.credentialsSecretRef: Invalid value: \"jdcloud-credentials\": must be of type object");
    }

    [Fact]
    public void Integral_floats_are_integers()
    {
        Findings(Manifests.Pod(specExtra: "  maxCount: 3.0")).Should().BeEmpty();
    }

    [Fact]
    public void Metadata_types_are_checked_too()
    {
        Findings(Manifests.Pod().Replace("  namespace: team-a", "  namespace: team-a\n  labels: {tier: 1}")).Should().Equal(
            "metadata.labels[tier]: Invalid value: 1: must be of type string");
    }

    [Fact]
    public void Rule_violations_and_warnings_follow_the_shape_checks()
    {
        var report = ManifestValidator.Validate(Manifests.Pod(containerExtra: "        workingDir: srv\n        foo: bar").Replace("sizeGB: 20", "sizeGB: 20\n          iops: 5")).Single();

        report.Violations.Select(v => v.ToString()).Should().Equal(
            "spec.podSpec.containers[0].foo: Forbidden: unknown field: the API server would drop it silently",
            "spec.podSpec.containers[0].workingDir: Invalid value: \"srv\": must be an absolute path (starting with '/'), or empty for the default '/'");
        report.Warnings.Should().Equal("spec.podSpec.containers[0].systemDisk.iops: has an effect only for diskType ssd.io1 (diskType is not set)");
    }

    [Fact]
    public void A_list_is_opened()
    {
        var list = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}},
              {"apiVersion": "jdcloudpod.io/v1alpha1", "kind": "JdCloudPod", "metadata": {"name": "empty"}}
            ]}
            """;

        var reports = ManifestValidator.Validate(list);

        reports.Should().HaveCount(2);
        reports[1].Object.Should().Be("empty");
        reports[1].Violations.Select(v => v.Field).Should().Equal("spec.podSpec", "spec.regionId", "spec.credentialsSecretRef");
    }

    [Fact]
    public void A_typed_list_is_opened_as_kubectl_opens_it()
    {
        var list = """
            {"apiVersion": "jdcloudpod.io/v1alpha1", "kind": "JdCloudPodList", "metadata": {}, "items": [
              {"apiVersion": "jdcloudpod.io/v1alpha1", "kind": "JdCloudPod", "metadata": {"name": "empty"}}
            ]}
            """;

        var reports = ManifestValidator.Validate(list);

        reports.Should().ContainSingle().Which.Object.Should().Be("empty");
        reports[0].Violations.Should().NotBeEmpty();
        ManifestValidator.Validate(list.Replace("\"items\"", "\"entries\"")).Should().ContainSingle()
            .Which.Object.Should().BeNull("a kind ending in List without items is another kind, skipped");
    }

    [Fact]
    public void Names_are_shown_as_namespace_slash_name()
    {
        ManifestValidator.Validate(Manifests.Pod().Replace("  namespace: team-a\n", "")).Single().Object.Should().Be("web");
        ManifestValidator.Validate(Manifests.Pod().Replace("  name: web\n  namespace: team-a\n", "  generateName: web-\n")).Single().Object.Should().Be("web-*");
    }
}
