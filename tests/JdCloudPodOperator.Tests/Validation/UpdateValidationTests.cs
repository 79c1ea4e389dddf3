using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Tests.Validation;

public class UpdateValidationTests
{
    private const string Immutable = "spec.podSpec: Forbidden: podSpec is immutable once pods exist (only description may change); " +
        "delete and recreate the resource, or change maxCount";

    private static JdCloudPod WithPods(JdCloudPodStatus? status = null)
    {
        var pod = TestPods.Full();
        pod.Status = status ?? new JdCloudPodStatus { PodIds = ["pod-abcdefghij"], CreatedCount = 1 };
        return pod;
    }

    private static JdCloudPod Copy(JdCloudPod pod) => JsonSerializer.Deserialize<JdCloudPod>(JsonSerializer.Serialize(pod))!;

    [Fact]
    public void An_unchanged_copy_is_accepted()
    {
        var old = WithPods();

        JdCloudPodValidator.ValidateUpdate(old, Copy(old)).Should().BeSameAs(ValidationResult.Valid);
    }

    [Fact]
    public void PodSpec_changes_are_forbidden_once_pods_exist()
    {
        var old = WithPods();
        var updated = Copy(old);
        updated.Spec.PodSpec!.Containers![0].Image = "nginx:1.27";

        JdCloudPodValidator.ValidateUpdate(old, updated).ToString().Should().Be(Immutable);
    }

    [Fact]
    public void A_created_count_alone_means_pods_exist()
    {
        var old = WithPods(new JdCloudPodStatus { CreatedCount = 1 });
        var updated = Copy(old);
        updated.Spec.PodSpec!.Hostname = "other";

        JdCloudPodValidator.ValidateUpdate(old, updated).ToString().Should().Be(Immutable);
    }

    [Fact]
    public void PodSpec_may_change_while_no_pods_exist()
    {
        var old = WithPods(new JdCloudPodStatus { PodIds = [], CreatedCount = 0 });
        var updated = Copy(old);
        updated.Spec.PodSpec!.Containers![0].Image = "nginx:1.27";

        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
        old.Status = null;
        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Description_and_max_count_may_change_with_pods()
    {
        var old = WithPods();
        var updated = Copy(old);
        updated.Spec.PodSpec!.Description = "new words";
        updated.Spec.MaxCount = null;
        updated.Spec.DeletionPolicy = "Orphan";

        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
        updated.Spec.PodSpec.Description = null;
        JdCloudPodValidator.ValidateUpdate(old, updated).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_nested_description_is_part_of_the_immutable_spec()
    {
        var old = WithPods();
        var updated = Copy(old);
        updated.Spec.PodSpec!.PrimaryNetworkInterface!.NetworkInterface!.Description = "changed";

        JdCloudPodValidator.ValidateUpdate(old, updated).ToString().Should().Be(Immutable);
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
    public void The_updated_object_is_validated_too()
    {
        var old = WithPods();
        var updated = Copy(old);
        updated.Spec.PodSpec!.Containers![0].Name = "Web_1";

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
            .Should().Equal("spec.podSpec: Required value", Immutable);
    }
}
