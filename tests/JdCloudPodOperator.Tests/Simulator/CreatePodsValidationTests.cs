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

        CreatePodsValidation.ValidatePodSpec(podSpec, 100).ToString().Should().Be(
            "podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress: Forbidden: may be set only when maxCount is 1 (it is 100): " +
            "each pod needs its own addresses; use secondaryIpCount to have them allocated");
    }

    [Fact]
    public void A_missing_pod_spec_is_required()
    {
        CreatePodsValidation.ValidatePodSpec(null, 1).ToString().Should().Be("podSpec: Required value");
    }
}
