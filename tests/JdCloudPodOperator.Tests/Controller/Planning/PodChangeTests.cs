using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;
using static JdCloudPodOperator.Entities.PodSteps;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class PodChangeTests
{
    internal static PodSpecRevision Revision(string name = "r0", string containers = "c0", string type = "g.n2.medium",
        string resources = "m0", string description = "d0", string @fixed = "f0") =>
        new() { Name = name, Containers = containers, InstanceType = type, Resources = resources, Description = description, Fixed = @fixed };

    private static readonly PodSpecRevision From = Revision();

    [Fact]
    public void Nothing_changes_between_equal_fingerprints() =>
        PodChange.Between(From, Revision(name: "r1"), inPlaceAllowed: true).IsNone.Should().BeTrue();

    [Fact]
    public void Each_group_maps_to_its_operation()
    {
        PodChange.Between(From, Revision(description: "d1"), true).Should().Be(new PodChange(false, false, false, true));
        PodChange.Between(From, Revision(containers: "c1"), true).Should().Be(new PodChange(false, true, false, false));
        PodChange.Between(From, Revision(type: "g.n2.large"), true).Should().Be(new PodChange(false, false, true, false));
        PodChange.Between(From, Revision(type: "g.n2.large", resources: "m1"), true).Should().Be(new PodChange(false, false, true, false));
        PodChange.Between(From, Revision(containers: "c1", type: "g.n2.large", description: "d1"), true).Should().Be(new PodChange(false, true, true, true));
    }

    [Fact]
    public void Resources_without_a_new_instance_type_and_fixed_fields_need_a_new_pod()
    {
        PodChange.Between(From, Revision(resources: "m1"), true).Should().Be(PodChange.Replacement);
        PodChange.Between(From, Revision(@fixed: "f1", containers: "c1"), true).Should().Be(PodChange.Replacement);
        PodChange.Between(null, Revision(), true).Should().Be(PodChange.Replacement);
    }

    [Fact]
    public void In_place_never_replaces_what_needs_a_stop_but_still_modifies_a_description()
    {
        PodChange.Between(From, Revision(containers: "c1"), inPlaceAllowed: false).Should().Be(PodChange.Replacement);
        PodChange.Between(From, Revision(type: "g.n2.large"), inPlaceAllowed: false).Should().Be(PodChange.Replacement);
        PodChange.Between(From, Revision(description: "d1"), inPlaceAllowed: false).Should().Be(new PodChange(false, false, false, true));
    }

    [Fact]
    public void Groups_an_interrupted_operation_involved_are_applied_again()
    {
        var involved = PodChange.Involved(From, Revision(containers: "c1", type: "g.n2.large"), new PodOperationStatus { Steps = [Start] });

        involved.Should().Be(new PodChange(false, true, true, false));
        PodChange.Between(From, From, true, involved).Should().Be(new PodChange(false, true, true, false));
        PodChange.Involved(From, From, new PodOperationStatus { Steps = [Rebuild, Start] }).Rebuild.Should().BeTrue();
        PodChange.Involved(null, From, new PodOperationStatus { Steps = [Start] }).Should().Be(new PodChange(false, true, true, true));
    }

    [Theory]
    [InlineData(true, false, false, "running", true, new[] { Stop, Rebuild, Start })]
    [InlineData(true, false, false, "stopped", true, new[] { Rebuild, Start })]
    [InlineData(true, false, false, "running", false, new[] { Stop, Rebuild })]
    [InlineData(true, true, true, "running", true, new[] { Stop, Rebuild, Resize, Modify, Start })]
    [InlineData(false, false, true, "running", true, new[] { Modify })]
    [InlineData(false, false, true, "running", false, new[] { Modify, Stop })]
    [InlineData(false, false, false, "stopped", true, new[] { Start })]
    [InlineData(false, false, false, "running", false, new[] { Stop })]
    [InlineData(false, false, false, "running", true, new string[0])]
    [InlineData(false, false, false, "stopped", false, new string[0])]
    public void Steps_stop_what_must_be_stopped_and_end_in_the_desired_run_state(
        bool rebuild, bool resize, bool modify, string phase, bool run, string[] expected) =>
        new PodChange(false, rebuild, resize, modify).Steps(ObservedPod.StateOf(phase), run).Should().Equal(expected);
}
