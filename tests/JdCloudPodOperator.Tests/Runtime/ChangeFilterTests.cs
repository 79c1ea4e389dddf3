using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Runtime;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

public class ChangeFilterTests
{
    [Fact]
    public void A_status_only_change_does_not_queue_the_object_again()
    {
        var before = Pod(generation: 3);
        var after = Pod(generation: 3);
        after.Status = new JdCloudPodStatus { Phase = "Running" };

        ChangeFilter.Matters(new ResourceEvent<JdCloudPod>(ResourceEventType.Modified, after, before)).Should().BeFalse();
    }

    [Theory]
    [InlineData("generation")]
    [InlineData("deletion")]
    [InlineData("finalizer")]
    [InlineData("label")]
    [InlineData("annotation")]
    public void Spec_metadata_and_deletion_changes_queue_it(string change)
    {
        var before = Pod(generation: 3);
        var after = Pod(generation: 3);
        switch (change)
        {
            case "generation": after.Metadata.Generation = 4; break;
            case "deletion": after.Metadata.DeletionTimestamp = DateTime.UtcNow; break;
            case "finalizer": after.Metadata.Finalizers = ["jdcloudpod.io/cleanup"]; break;
            case "label": after.Metadata.Labels = new Dictionary<string, string> { ["team"] = "shop" }; break;
            case "annotation": after.Metadata.Annotations = new Dictionary<string, string> { ["jdcloudpod.io/paused"] = "true" }; break;
        }

        ChangeFilter.Matters(new ResourceEvent<JdCloudPod>(ResourceEventType.Modified, after, before)).Should().BeTrue();
    }

    [Fact]
    public void Adds_deletes_and_types_without_generation_always_queue()
    {
        var pod = Pod(generation: 1);
        ChangeFilter.Matters(new ResourceEvent<JdCloudPod>(ResourceEventType.Added, pod)).Should().BeTrue();
        ChangeFilter.Matters(new ResourceEvent<JdCloudPod>(ResourceEventType.Deleted, pod)).Should().BeTrue();

        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", ResourceVersion = "2" } };
        var old = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", ResourceVersion = "1" } };
        ChangeFilter.Matters(new ResourceEvent<V1ConfigMap>(ResourceEventType.Modified, map, old)).Should().BeTrue();
    }

    private static JdCloudPod Pod(long generation) =>
        new() { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Generation = generation, ResourceVersion = "1" } };
}
