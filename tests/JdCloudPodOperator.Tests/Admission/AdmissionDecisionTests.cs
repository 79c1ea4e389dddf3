using System.Text.Json.Nodes;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>What the webhook decides for well-formed reviews: CREATE, UPDATE and the other operations.</summary>
public class AdmissionDecisionTests
{
    private const string PrimaryIp = "spec.podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress";
    private const string NicAz = "spec.podSpec.primaryNetworkInterface.networkInterface.az";

    [Fact]
    public void Valid_create_is_allowed_and_echoes_the_uid()
    {
        var answer = Send(Request("CREATE", ValidPod(), uid: "uid-123"));

        answer.StatusCode.Should().Be(200);
        answer.Review!["apiVersion"]!.GetValue<string>().Should().Be("admission.k8s.io/v1");
        answer.Review["kind"]!.GetValue<string>().Should().Be("AdmissionReview");
        answer.Response["uid"]!.GetValue<string>().Should().Be("uid-123");
        answer.Allowed.Should().BeTrue();
        answer.Response["status"].Should().BeNull();
    }

    [Fact]
    public void Cross_field_violations_are_all_listed_with_their_field_paths()
    {
        var pod = ValidPod("two-problems");
        pod.Spec()["maxCount"] = 3;
        pod.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!["primaryIpAddress"] = "10.0.1.20";
        pod.PodSpec()["containers"]![0]!["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "logs", ["mountPath"] = "/var/log" });

        var answer = Send(Request("CREATE", pod, uid: "uid-9"));

        answer.StatusCode.Should().Be(200);
        answer.Response["uid"]!.GetValue<string>().Should().Be("uid-9");
        answer.Allowed.Should().BeFalse();
        answer.Status["code"]!.GetValue<int>().Should().Be(422);
        answer.Status["reason"]!.GetValue<string>().Should().Be("Invalid");
        answer.Status["status"]!.GetValue<string>().Should().Be("Failure");
        answer.CauseFields.Should().Contain([PrimaryIp, "spec.podSpec.containers[0].volumeMounts[0].name"]);
        answer.Message.Should().StartWith("JdCloudPod.jdcloudpod.io \"two-problems\" is invalid: [")
            .And.Contain(PrimaryIp).And.Contain("spec.podSpec.containers[0].volumeMounts[0].name");
        var details = answer.Status["details"]!;
        details["name"]!.GetValue<string>().Should().Be("two-problems");
        details["group"]!.GetValue<string>().Should().Be("jdcloudpod.io");
        details["kind"]!.GetValue<string>().Should().Be("JdCloudPod");
        foreach (var cause in details["causes"]!.AsArray())
        {
            cause!["reason"]!.GetValue<string>().Should().StartWith("FieldValue");
            // kubectl prints "<field>: <message>", so the message must not repeat the field.
            cause["message"]!.GetValue<string>().Should().NotStartWith(cause["field"]!.GetValue<string>());
        }
    }

    [Fact]
    public void A_single_violation_is_not_bracketed_like_a_list()
    {
        var pod = ValidPod("one-problem");
        pod.Spec()["maxCount"] = 2;
        pod.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!["primaryIpAddress"] = "10.0.1.20";

        var answer = Send(Request("CREATE", pod));

        answer.CauseFields.Should().Equal(PrimaryIp);
        answer.Message.Should().StartWith($"JdCloudPod.jdcloudpod.io \"one-problem\" is invalid: {PrimaryIp}: ");
    }

    [Fact]
    public void Primary_ip_is_accepted_with_max_count_1_the_edge_of_the_rule()
    {
        var pod = ValidPod();
        pod.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!["primaryIpAddress"] = "10.0.1.20";

        Send(Request("CREATE", pod)).Allowed.Should().BeTrue();
    }

    [Fact]
    public void Wrong_json_types_inside_the_object_are_rejections_naming_every_field()
    {
        var pod = ValidPod("typed");
        pod.Spec()["maxCount"] = "x";
        pod.Spec()["regionId"] = 5;
        pod.PodSpec()["containers"]![0]!["tty"] = "yes";
        pod.PodSpec()["containers"]![0]!["systemDisk"]!["sizeGB"] = 20.5;
        pod.PodSpec()["volumes"] = new JsonObject();
        pod.PodSpec()["hostAliases"] = new JsonArray(null, new JsonObject { ["ip"] = "10.0.0.1" });

        var answer = Send(Request("CREATE", pod));

        answer.StatusCode.Should().Be(200);
        answer.Allowed.Should().BeFalse();
        answer.Status["code"]!.GetValue<int>().Should().Be(422);
        answer.CauseFields.Should().BeEquivalentTo(
            "spec.maxCount", "spec.regionId", "spec.podSpec.containers[0].tty",
            "spec.podSpec.containers[0].systemDisk.sizeGB", "spec.podSpec.volumes", "spec.podSpec.hostAliases[0]");
        answer.Message.Should().Contain("spec.maxCount: Invalid value: \"x\": must be of type integer")
            .And.Contain("spec.regionId: Invalid value: 5: must be of type string")
            .And.Contain("spec.podSpec.volumes: Invalid value: {...}: must be of type array")
            .And.Contain("spec.podSpec.hostAliases[0]: Invalid value: null: must not be null");
    }

    [Fact]
    public void Rollout_bounds_take_an_integer_or_a_string_and_anything_else_is_named()
    {
        var pod = ValidPod("bounds");
        pod.Spec()["updateStrategy"] = new JsonObject { ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = "25%" } };
        Send(Request("CREATE", pod)).Allowed.Should().BeTrue();

        pod.Spec()["updateStrategy"] = new JsonObject
        {
            ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = true, ["maxSurge"] = 1.5 },
        };
        var answer = Send(Request("CREATE", pod));

        answer.Allowed.Should().BeFalse();
        answer.Message.Should().Contain("spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: true: must be an integer or a string")
            .And.Contain("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1.5: must be an integer or a string");
    }

    [Fact]
    public void Integers_past_the_32_bit_range_are_rejected_not_wrapped()
    {
        var pod = ValidPod();
        pod.Spec()["maxCount"] = 2147483648L;

        var answer = Send(Request("CREATE", pod));

        answer.Allowed.Should().BeFalse();
        answer.CauseFields.Should().Equal("spec.maxCount");
    }

    [Fact]
    public void Wrong_types_in_metadata_are_named_too()
    {
        var pod = ValidPod();
        pod["metadata"]!["labels"] = new JsonObject { ["team"] = 7 };
        pod["metadata"]!["creationTimestamp"] = "yesterday";

        Send(Request("CREATE", pod)).CauseFields.Should().BeEquivalentTo("metadata.labels[team]", "metadata.creationTimestamp");
    }

    [Fact]
    public void A_null_spec_is_a_required_value_not_a_crash()
    {
        var pod = ValidPod();
        pod["spec"] = null;

        var answer = Send(Request("CREATE", pod));

        answer.Allowed.Should().BeFalse();
        answer.CauseFields.Should().Equal("spec");
        answer.Message.Should().Contain("spec: Required value");
    }

    [Fact]
    public void Podspec_change_is_allowed_once_pods_exist()
    {
        var old = ValidPod().WithPodIds("pod-ab12cd34ef");
        var updated = ValidPod().WithPodIds("pod-ab12cd34ef");
        updated.PodSpec()["instanceType"] = "g.n2.large";

        Send(Request("UPDATE", updated, old)).Allowed.Should().BeTrue();
    }

    [Fact]
    public void Podspec_change_is_refused_once_pods_exist_under_the_never_strategy()
    {
        var old = ValidPod().WithPodIds("pod-ab12cd34ef");
        old.Spec()["updateStrategy"] = new JsonObject { ["type"] = "Never" };
        var updated = (JsonObject)old.DeepClone();
        updated.PodSpec()["instanceType"] = "g.n2.large";

        var answer = Send(Request("UPDATE", updated, old));

        answer.Allowed.Should().BeFalse();
        answer.Status["code"]!.GetValue<int>().Should().Be(422);
        answer.CauseFields.Should().Equal("spec.podSpec");
        answer.Message.Should().Contain("podSpec.instanceType differs");
    }

    [Fact]
    public void Podspec_change_is_allowed_before_any_pod_exists()
    {
        var old = ValidPod();
        var updated = ValidPod();
        updated.PodSpec()["instanceType"] = "g.n2.large";

        Send(Request("UPDATE", updated, old)).Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("maxCount")]
    [InlineData("description")]
    public void Max_count_and_description_may_change_while_pods_exist(string field)
    {
        var old = ValidPod().WithPodIds("pod-ab12cd34ef");
        var updated = ValidPod().WithPodIds("pod-ab12cd34ef");
        if (field == "maxCount") updated.Spec()["maxCount"] = 3;
        else updated.PodSpec()["description"] = "serves the shop front";

        Send(Request("UPDATE", updated, old)).Allowed.Should().BeTrue();
    }

    [Fact]
    public void Region_change_is_refused()
    {
        var updated = ValidPod();
        updated.Spec()["regionId"] = "cn-east-2";

        var answer = Send(Request("UPDATE", updated, ValidPod()));

        answer.Allowed.Should().BeFalse();
        answer.CauseFields.Should().Contain("spec.regionId");
        answer.Message.Should().Contain("immutable");
    }

    [Fact]
    public void Update_validates_the_new_object_as_a_create_would()
    {
        var updated = ValidPod();
        updated.Spec()["maxCount"] = 3;
        updated.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!["primaryIpAddress"] = "10.0.1.20";

        Send(Request("UPDATE", updated, ValidPod())).CauseFields.Should().Contain(PrimaryIp);
    }

    [Fact]
    public void Metadata_only_update_of_a_resource_stored_under_older_rules_is_allowed()
    {
        // Stored before the rule existed: the operator must still be able to remove its finalizer.
        var stored = ValidPod();
        stored.Spec()["maxCount"] = 3;
        stored.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!["primaryIpAddress"] = "10.0.1.20";
        var updated = (JsonObject)stored.DeepClone();
        updated["metadata"]!["finalizers"] = new JsonArray();

        Send(Request("UPDATE", updated, stored)).Allowed.Should().BeTrue();
    }

    [Fact]
    public void Validator_warnings_are_returned_with_an_allowed_answer()
    {
        var pod = ValidPod();
        pod.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!["az"] = "cn-north-1b";

        var answer = Send(Request("CREATE", pod));

        answer.Allowed.Should().BeTrue();
        answer.Warnings.Should().ContainSingle().Which.Should().StartWith(NicAz + ": ");
    }

    [Fact]
    public void Validator_warnings_are_returned_with_a_rejection_too()
    {
        var pod = ValidPod();
        pod.Spec()["maxCount"] = 2;
        pod.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!["az"] = "cn-north-1b";
        pod.PodSpec()["primaryNetworkInterface"]!["networkInterface"]!["primaryIpAddress"] = "10.0.1.20";

        var answer = Send(Request("CREATE", pod));

        answer.Allowed.Should().BeFalse();
        answer.Warnings.Should().ContainSingle().Which.Should().StartWith(NicAz + ": ");
    }

    [Fact]
    public void A_pod_without_warnings_sends_no_warnings_field() =>
        Send(Request("CREATE", ValidPod())).Response.ContainsKey("warnings").Should().BeFalse();

    [Theory]
    [InlineData("DELETE")]
    [InlineData("CONNECT")]
    public void Other_operations_are_allowed(string operation)
    {
        var answer = Send(Request(operation, null, ValidPod(), uid: "uid-del"));

        answer.StatusCode.Should().Be(200);
        answer.Allowed.Should().BeTrue();
        answer.Response["uid"]!.GetValue<string>().Should().Be("uid-del");
    }
}
