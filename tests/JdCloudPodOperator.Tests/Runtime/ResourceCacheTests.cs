using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;
using Microsoft.Extensions.DependencyInjection;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

public class ResourceCacheTests
{
    [Fact]
    public void Cached_objects_keep_neither_managed_fields_nor_the_last_applied_annotation()
    {
        var cache = new ResourceCache<Widget>();
        cache.Apply(Widget("a", ("team", "web"), (KubectlAnnotations.LastAppliedConfiguration, "{}")));

        var cached = cache.Get(new NamespacedName("ns", "a"))!;
        cached.Metadata.ManagedFields.Should().BeNull();
        cached.Metadata.Annotations.Should().Equal(new Dictionary<string, string> { ["team"] = "web" }, "only kubectl's copy of the manifest goes");
        cached.Spec.Should().ContainKey("size", "the generic cache keeps the rest of the object");
    }

    [Fact]
    public void A_change_to_the_last_applied_annotation_alone_raises_no_event()
    {
        var cache = new ResourceCache<Widget>();
        cache.Apply(Widget("a", (KubectlAnnotations.LastAppliedConfiguration, "{}")));
        var changed = Widget("a", (KubectlAnnotations.LastAppliedConfiguration, """{"spec":{}}"""));
        changed.Metadata.ResourceVersion = "2";

        var change = cache.Apply(changed);

        change.Should().NotBeNull();
        ChangeFilter.Matters(change!).Should().BeFalse("both sides are slimmed alike, so the annotations compare equal");
    }

    [Fact]
    public void The_controller_caches_JdCloudPods_without_their_podSpec_but_with_metadata_and_status()
    {
        using var services = new ServiceCollection().AddLogging().AddJdCloudPodController().BuildServiceProvider();
        var cache = services.GetRequiredService<ResourceCache<JdCloudPod>>();
        var pod = new JdCloudPod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "ns", Uid = "uid-1", ResourceVersion = "1" },
            Spec = new JdCloudPodSpec { RegionId = "cn-north-1", PodSpec = new PodSpec { Name = "web" } },
            Status = new JdCloudPodStatus { PodIds = ["pod-1"] },
        };

        cache.Apply(pod);

        var cached = cache.List().Single();
        cached.Spec.PodSpec.Should().BeNull();
        cached.Spec.RegionId.Should().Be("cn-north-1");
        cached.Metadata.Uid.Should().Be("uid-1");
        cached.Status!.PodIds.Should().Equal("pod-1");
    }

    private static Widget Widget(string name, params (string Key, string Value)[] annotations) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            ResourceVersion = "1",
            Generation = 1,
            Annotations = annotations.ToDictionary(a => a.Key, a => a.Value),
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Update", FieldsType = "FieldsV1" }],
        },
        Spec = new Dictionary<string, string> { ["size"] = "3" },
    };
}
