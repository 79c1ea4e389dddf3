using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Validation;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>The JD Cloud simulator's check of a createPods body with the operator's rules: paths relative to the body.</summary>
public class CreatePodsValidationTests
{
    [Fact]
    public void A_valid_body_passes()
    {
        CreatePodsValidation.ValidatePodSpec(TestPods.FullPodSpec(), 1).Should().BeSameAs(ValidationResult.Valid);
    }

    [Fact]
    public void Paths_start_at_the_given_pod_spec_path()
    {
        var podSpec = TestPods.FullPodSpec();
        podSpec.Containers![1].Name = "Web_1";

        CreatePodsValidation.ValidatePodSpec(podSpec, 1).Violations.Should().ContainSingle()
            .Which.Field.Should().Be("podSpec.containers[1].name");
        CreatePodsValidation.ValidatePodSpec(podSpec, 1, "spec.podSpec").Violations.Should().ContainSingle()
            .Which.Field.Should().Be("spec.podSpec.containers[1].name");
    }

    [Theory]
    [InlineData(null, "maxCount: Required value")]
    [InlineData(0, "maxCount: Invalid value: 0: must be between 1 and 100, inclusive")]
    [InlineData(101, "maxCount: Invalid value: 101: must be between 1 and 100, inclusive")]
    public void MaxCount_is_required_and_bounded_by_its_attribute(int? maxCount, string expected)
    {
        var podSpec = TestPods.FullPodSpec();
        podSpec.PrimaryNetworkInterface!.NetworkInterface!.PrimaryIpAddress = null;
        podSpec.PrimaryNetworkInterface.NetworkInterface.SecondaryIpAddresses = null;
        podSpec.PrimaryNetworkInterface.NetworkInterface.Ipv6Address = null;

        CreatePodsValidation.ValidatePodSpec(podSpec, maxCount).ToString().Should().Be(expected);
    }

    [Fact]
    public void MaxCount_sits_next_to_the_pod_spec()
    {
        CreatePodsValidation.ValidatePodSpec(TestPods.FullPodSpec(), 0, "spec.podSpec").Violations[0].Field.Should().Be("spec.maxCount");
    }

    [Fact]
    public void The_explicit_ip_rule_uses_the_given_max_count()
    {
        var podSpec = TestPods.FullPodSpec();
        podSpec.PrimaryNetworkInterface!.NetworkInterface!.SecondaryIpAddresses = null;
        podSpec.PrimaryNetworkInterface.NetworkInterface.Ipv6Address = null;

        CreatePodsValidation.ValidatePodSpec(podSpec, 100).ToString().Should().Be(
            "podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress: Forbidden: may be set only when maxCount is 1 (it is 100): " +
            "each pod needs its own addresses; use secondaryIpCount or ipv6AddressCount to have them allocated");
    }

    /// <summary>JD Cloud's own edge for one createPods call: name-1 ... name-maxCount at most 253 characters.</summary>
    [Theory]
    [InlineData(1, 253, null)]
    [InlineData(2, 251, null)]
    [InlineData(2, 252, "podSpec.name: Too long: may not be more than 251 characters with maxCount 2 (is 252): the pods are named name-1 ... name-2, at most 253 characters")]
    [InlineData(10, 250, null)]
    [InlineData(10, 251, "podSpec.name: Too long: may not be more than 250 characters with maxCount 10 (is 251): the pods are named name-1 ... name-10, at most 253 characters")]
    [InlineData(100, 249, null)]
    [InlineData(100, 250, "podSpec.name: Too long: may not be more than 249 characters with maxCount 100 (is 250): the pods are named name-1 ... name-100, at most 253 characters")]
    public void A_createPods_body_leaves_room_for_the_clouds_suffixes(int maxCount, int length, string? expected)
    {
        var podSpec = TestPods.FullPodSpec();
        podSpec.PrimaryNetworkInterface!.NetworkInterface!.PrimaryIpAddress = null;
        podSpec.PrimaryNetworkInterface.NetworkInterface.SecondaryIpAddresses = null;
        podSpec.PrimaryNetworkInterface.NetworkInterface.Ipv6Address = null;
        podSpec.Name = Text.Of(length);

        CreatePodsValidation.ValidatePodSpec(podSpec, maxCount).ToString().Should().Be(expected ?? "");
    }

    /// <summary>JD Cloud's tags: 10 per pod, any key but jrn:/jdc-; the operator's owner tag is one of them, as it sends it.</summary>
    [Theory]
    [InlineData(10, "")]
    [InlineData(11, "podSpec.userTags: Too many: 11: must have at most 10 items")]
    public void A_createPods_body_takes_ten_tags_the_owner_tag_among_them(int count, string expected)
    {
        var podSpec = TestPods.FullPodSpec();
        podSpec.UserTags = [.. Enumerable.Range(1, count - 1).Select(i => new Tag { Key = $"k{i}", Value = "v" }),
            new Tag { Key = OwnerTag.Key, Value = "3f2a9c1e-7d4b-4e8a-9b1c-0d2e3f4a5b6c/team-a/web" }];

        CreatePodsValidation.ValidatePodSpec(podSpec, 1).ToString().Should().Be(expected);
    }

    [Fact]
    public void A_missing_pod_spec_is_required()
    {
        CreatePodsValidation.ValidatePodSpec(null, 1).ToString().Should().Be("podSpec: Required value");
    }
}
