using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>spec.updateStrategy and spec.runState through the shared validator, both sides of each rule.</summary>
public class UpdateStrategyValidationTests
{
    private static IReadOnlyList<string> Violations(Action<JdCloudPodSpec> change)
    {
        var pod = TestPods.Minimal();
        change(pod.Spec);
        return JdCloudPodValidator.Validate(pod).Violations.Select(v => v.ToString()).ToList();
    }

    private static IReadOnlyList<string> Bounds(IntOrString? maxUnavailable, IntOrString? maxSurge) =>
        Violations(spec => spec.UpdateStrategy = new UpdateStrategySpec
        {
            RollingUpdate = new RollingUpdateSpec { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge },
        });

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("0%")]
    [InlineData("25%")]
    [InlineData("100%")]
    public void Bounds_take_an_integer_or_a_percentage_up_to_100(string value)
    {
        Bounds(value, "1").Should().BeEmpty();
        Bounds("1", value).Should().BeEmpty();
    }

    [Theory]
    [InlineData("101", "Invalid value: 101: must be between 0 and 100, inclusive")]
    [InlineData("-1", "Invalid value: -1: must be between 0 and 100, inclusive")]
    [InlineData("101%", "Invalid value: \"101%\": must be an integer or a percentage from \"0%\" to \"100%\"")]
    [InlineData("one", "Invalid value: \"one\": must be an integer or a percentage from \"0%\" to \"100%\"")]
    [InlineData("5 %", "Invalid value: \"5 %\": must be an integer or a percentage from \"0%\" to \"100%\"")]
    public void Bounds_past_the_edge_are_refused_with_the_field_path(string value, string detail)
    {
        Bounds(value, "1").Should().Equal($"spec.updateStrategy.rollingUpdate.maxUnavailable: {detail}");
        Bounds("1", value).Should().Equal($"spec.updateStrategy.rollingUpdate.maxSurge: {detail}");
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0%", "0")]
    [InlineData(null, "0%")]
    public void Nothing_down_and_nothing_extra_is_refused(string? maxUnavailable, string maxSurge) =>
        Bounds(maxUnavailable, maxSurge).Should().Equal(
            $"spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"{maxUnavailable ?? "0"}\": may not be 0 when maxSurge is 0: no pod could be taken down or added to update it");

    [Theory]
    [InlineData("1", "0")]
    [InlineData("0", "1")]
    [InlineData(null, null)]
    [InlineData("1%", "0%")]
    public void Either_bound_above_zero_is_accepted(string? maxUnavailable, string? maxSurge) =>
        Bounds(maxUnavailable, maxSurge).Should().BeEmpty();

    [Fact]
    public void The_deadline_is_at_least_one_second()
    {
        Violations(s => s.UpdateStrategy = new UpdateStrategySpec { ProgressDeadlineSeconds = 1 }).Should().BeEmpty();
        Violations(s => s.UpdateStrategy = new UpdateStrategySpec { ProgressDeadlineSeconds = 0 }).Should().Equal(
            "spec.updateStrategy.progressDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive");
    }

    [Fact]
    public void Types_policies_and_run_states_are_the_listed_ones()
    {
        Violations(s =>
        {
            s.UpdateStrategy = new UpdateStrategySpec { Type = UpdateStrategyTypes.Recreate, InPlace = InPlacePolicies.Never };
            s.RunState = RunStates.Stopped;
        }).Should().BeEmpty();
        Violations(s =>
        {
            s.UpdateStrategy = new UpdateStrategySpec { Type = "OnDelete", InPlace = "Always" };
            s.RunState = "Paused";
        }).Should().Equal(
            "spec.updateStrategy.type: Unsupported value: \"OnDelete\": supported values: \"RollingUpdate\", \"Recreate\", \"Never\"",
            "spec.updateStrategy.inPlace: Unsupported value: \"Always\": supported values: \"IfPossible\", \"Never\"",
            "spec.runState: Unsupported value: \"Paused\": supported values: \"Running\", \"Stopped\"");
    }
}
