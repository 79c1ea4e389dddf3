using System.Text.Json.Nodes;
using JdCloudPodOperator.Tests.JdCloud.Signing;
using JdCloudPodOperator.Validation.Manifests;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// The Go SDK's own createPods body (the signing vector go-client-01: every PodSpec field of pod API 2.7.0, unset
/// ones as null) pasted into a JdCloudPod's podSpec, judged as `validate` and the webhook judge it.
/// </summary>
public class SdkExampleTests
{
    private static JsonObject GoExamplePodSpec() =>
        JsonNode.Parse(SigningVectorFiles.Get("jdcloud-sign-vectors.sample.json/go-client-01-createpods").Body)!["podSpec"]!.DeepClone().AsObject();

    private static IReadOnlyList<string> Validate(JsonObject podSpec)
    {
        var resource = new JsonObject
        {
            ["apiVersion"] = "jdcloudpod.io/v1alpha1",
            ["kind"] = "JdCloudPod",
            ["metadata"] = new JsonObject { ["name"] = "go-example", ["namespace"] = "team-a" },
            ["spec"] = new JsonObject
            {
                ["regionId"] = "cn-north-1", ["maxCount"] = 1,
                ["credentialsSecretRef"] = new JsonObject { ["name"] = "jdcloud-credentials" },
                ["podSpec"] = podSpec,
            },
        };
        return ManifestValidator.Validate(resource.ToJsonString()).Single().Violations.Select(v => v.ToString()).ToList();
    }

    [Fact]
    public void Every_field_of_the_go_sdk_example_is_known()
    {
        // The example leaves systemDisk null although the SDK and the createPods document require it; nothing else is wrong.
        Validate(GoExamplePodSpec()).Should().Equal("spec.podSpec.containers[0].systemDisk: Required value");
    }

    [Fact]
    public void The_go_sdk_example_with_its_system_disk_validates_clean()
    {
        var podSpec = GoExamplePodSpec();
        podSpec["containers"]![0]!["systemDisk"] = new JsonObject { ["diskType"] = "ssd.gp1", ["sizeGB"] = 20 };

        Validate(podSpec).Should().BeEmpty();
    }
}
