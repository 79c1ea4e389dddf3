using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Tests.Validation;

public class UpdateValidationTests
{
    private static string Refused(string field, string never = "was") =>
        $"spec.podSpec: Forbidden: podSpec may not change once pods exist while spec.updateStrategy.type {never} Never " +
        $"(only description may; {field} differs); set the type to RollingUpdate or Recreate in an edit of its own first";

    private static JdCloudPod WithPods(JdCloudPodStatus? status = null, string? strategy = UpdateStrategyTypes.Never)
    {
        var pod = TestPods.Full();
        pod.Status = status ?? new JdCloudPodStatus { PodIds = ["pod-abcdefghij"], CreatedCount = 1 };
        if (strategy is not null) pod.Spec.UpdateStrategy = new UpdateStrategySpec { Type = strategy };
        return pod;
    }

    private static JdCloudPod Copy(JdCloudPod pod) => JsonSerializer.Deserialize<JdCloudPod>(JsonSerializer.Serialize(pod))!;

    [Fact]
    public void An_unchanged_copy_is_accepted()
    {
        var old = WithPods();

        JdCloudPodValidator.ValidateUpdate(old, Copy(old)).Should().BeSameAs(ValidationResult.Valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(UpdateStrategyTypes.RollingUpdate)]
    [InlineData(UpdateStrategyTypes.Recreate)]
    public void PodSpec_changes_are_accepted_with_pods_unless_the_strategy_is_never(string? strategy)
    {
        var old = WithPods(strategy: strategy);
        var updated = Copy(old);
        updated.Spec.PodSpec!.Containers![0].Image = "nginx:1.27";
        updated.Spec.PodSpec.Az = "cn-north-1b";
        updated.Spec.PodSpec.Name = "renamed";

        JdCloudPodValidator.ValidateUpdate(old, updated).Should().BeSameAs(ValidationResult.Valid);
    }

    [Fact]
    public void PodSpec_changes_are_refused_under_never_naming_the_field()
    {
        var old = WithPods();
        var updated = Copy(old);
        updated.Spec.PodSpec!.Containers![0].Image = "nginx:1.27";

        JdCloudPodValidator.ValidateUpdate(old, updated).ToString().Should().Be(Refused("podSpec.containers[0].image"));
    }

    [Fact]
    public void Lifting_never_and_changing_podSpec_in_one_edit_is_refused_but_each_alone_is_accepted()
    {
        var old = WithPods();
        var lifted = Copy(old);
        lifted.Spec.UpdateStrategy!.Type = UpdateStrategyTypes.RollingUpdate;
        var both = Copy(lifted);
        both.Spec.PodSpec!.Hostname = "other";

        JdCloudPodValidator.ValidateUpdate(old, lifted).IsValid.Should().BeTrue();
        JdCloudPodValidator.ValidateUpdate(old, both).ToString().Should().Be(Refused("podSpec.hostname"));
        JdCloudPodValidator.ValidateUpdate(lifted, both).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Setting_never_and_changing_podSpec_in_one_edit_is_refused()
    {
        var old = WithPods(strategy: UpdateStrategyTypes.RollingUpdate);
        var updated = Copy(old);
        updated.Spec.UpdateStrategy!.Type = UpdateStrategyTypes.Never;
        updated.Spec.PodSpec!.InstanceType = "g.n2.large";

        JdCloudPodValidator.ValidateUpdate(old, updated).ToString().Should().Be(Refused("podSpec.instanceType", "becomes"));
    }

    [Fact]
    public void A_created_count_alone_means_pods_exist()
    {
        var old = WithPods(new JdCloudPodStatus { CreatedCount = 1 });
        var updated = Copy(old);
        updated.Spec.PodSpec!.Hostname = "other";

        JdCloudPodValidator.ValidateUpdate(old, updated).ToString().Should().Be(Refused("podSpec.hostname"));
    }

    [Fact]
    public void PodSpec_may_change_under_never_while_no_pods_exist()
    {
        var old = WithPods(new JdCloudPodStatus { PodIds = [], CreatedCount = 0 });
        var updated = Copy(old);
        updated.Spec.PodSpec!.Containers![0].Image = "nginx:1.27";

        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
        old.Status = null;
        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Description_and_max_count_may_change_under_never_with_pods()
    {
        var old = WithPods();
        var updated = Copy(old);
        updated.Spec.PodSpec!.Description = "new words";
        updated.Spec.MaxCount = null;
        updated.Spec.DeletionPolicy = "Orphan";
        updated.Spec.RunState = RunStates.Stopped;

        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
        updated.Spec.PodSpec.Description = null;
        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_nested_description_is_a_podSpec_change()
    {
        var old = WithPods();
        var updated = Copy(old);
        updated.Spec.PodSpec!.PrimaryNetworkInterface!.NetworkInterface!.Description = "changed";

        JdCloudPodValidator.ValidateUpdate(old, updated).ToString()
            .Should().Be(Refused("podSpec.primaryNetworkInterface.networkInterface.description"));
    }

    [Fact]
    public void RegionId_never_changes()
    {
        var old = TestPods.Full();
        var updated = Copy(old);
        updated.Spec.RegionId = "cn-east-2";

        JdCloudPodValidator.ValidateUpdate(old, updated).ToString().Should().Be(
            "spec.regionId: Forbidden: regionId is immutable (it was \"cn-north-1\"); create a new resource for another region");
    }

    [Fact]
    public void The_updated_object_is_validated_in_full()
    {
        var old = WithPods(strategy: null);
        var updated = Copy(old);
        updated.Spec.PodSpec!.Containers![0].Name = "Web_1";

        JdCloudPodValidator.ValidateUpdate(old, updated).Violations.Select(v => v.Field)
            .Should().Equal("spec.podSpec.containers[0].name");
        old.Spec.UpdateStrategy = new UpdateStrategySpec { Type = UpdateStrategyTypes.Never };
        JdCloudPodValidator.ValidateUpdate(old, updated).Violations.Select(v => v.Field)
            .Should().Equal("spec.podSpec.containers[0].name", "spec.podSpec");
    }

    [Fact]
    public void Comparison_is_by_content_not_reference_and_absent_equals_null()
    {
        var old = WithPods();
        var updated = Copy(old);
        old.Spec.PodSpec!.Containers![0].Tty = null;
        updated.Spec.PodSpec!.Containers![0].Tty = null;

        ReferenceEquals(old.Spec.PodSpec, updated.Spec.PodSpec).Should().BeFalse();
        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Missing_objects_do_not_throw()
    {
        JdCloudPodValidator.ValidateUpdate(null, TestPods.Full()).IsValid.Should().BeTrue();
        JdCloudPodValidator.ValidateUpdate(WithPods(), null).ToString().Should().Be("spec: Required value");
        var noPodSpec = TestPods.Full();
        noPodSpec.Spec.PodSpec = null;
        JdCloudPodValidator.ValidateUpdate(WithPods(), noPodSpec).Violations.Select(v => v.ToString())
            .Should().Equal("spec.podSpec: Required value", Refused("podSpec"));
    }
}
