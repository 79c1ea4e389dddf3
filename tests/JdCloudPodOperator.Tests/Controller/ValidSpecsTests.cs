using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Tests.Validation;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The verdict is remembered per uid and generation: these tests break a spec behind the validator's back (same
/// generation) to see whether it was validated again.
/// </summary>
public class ValidSpecsTests
{
    private readonly ValidSpecs _specs = new();
    private readonly CmdbOptions _settings = new();

    private static JdCloudPod Pod(long generation, string uid = "uid-1")
    {
        var pod = TestPods.Minimal();
        pod.Metadata.Uid = uid;
        pod.Metadata.Generation = generation;
        return pod;
    }

    private static JdCloudPod Broken(JdCloudPod pod)
    {
        pod.Spec.PodSpec!.InstanceType = "";
        return pod;
    }

    [Fact]
    public void A_generation_found_valid_is_not_validated_again()
    {
        _specs.Violations(Pod(3), _settings).Should().BeEmpty();
        _specs.Violations(Broken(Pod(3)), _settings).Should().BeEmpty("generation 3 was found valid");
    }

    [Fact]
    public void A_new_generation_is_validated()
    {
        _specs.Violations(Pod(3), _settings).Should().BeEmpty();
        _specs.Violations(Broken(Pod(4)), _settings).Should().ContainSingle().Which.Field.Should().Be("spec.podSpec.instanceType");
    }

    [Fact]
    public void A_resource_recreated_under_the_same_name_is_validated()
    {
        _specs.Violations(Pod(1), _settings).Should().BeEmpty();
        _specs.Violations(Broken(Pod(1, uid: "uid-2")), _settings).Should().NotBeEmpty();
    }

    [Fact]
    public void New_cmdb_settings_validate_again()
    {
        _specs.Violations(Pod(1), _settings).Should().BeEmpty();
        _specs.Violations(Broken(Pod(1)), new CmdbOptions()).Should().NotBeEmpty();
    }

    [Fact]
    public void A_forgotten_resource_is_validated()
    {
        var pod = Pod(1);
        _specs.Violations(pod, _settings).Should().BeEmpty();
        _specs.Forget(NamespacedName.Of(pod));
        _specs.Violations(Broken(Pod(1)), _settings).Should().NotBeEmpty();
    }

    [Fact]
    public void An_invalid_verdict_is_not_remembered()
    {
        _specs.Violations(Broken(Pod(1)), _settings).Should().NotBeEmpty();
        _specs.Violations(Pod(1), _settings).Should().BeEmpty("the spec is validated again, and is valid now");
        _specs.Violations(Broken(Pod(1)), _settings).Should().BeEmpty("and that verdict is remembered");
    }
}
