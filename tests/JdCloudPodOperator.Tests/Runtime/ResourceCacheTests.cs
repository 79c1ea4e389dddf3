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

    [Theory]
    [InlineData(2, "True", false)] // Ready for its generation (2): settled, the podSpec goes
    [InlineData(2, "False", true)] // converging
    [InlineData(1, "True", true)] // Ready for an older generation: the new spec is still to be applied
    public void The_controller_caches_JdCloudPods_with_metadata_and_status_and_their_podSpec_until_they_settle(
        long observedGeneration, string ready, bool keepsPodSpec)
    {
        using var services = new ServiceCollection().AddLogging().AddJdCloudPodController().BuildServiceProvider();
        var cache = services.GetRequiredService<ResourceCache<JdCloudPod>>();
        var pod = new JdCloudPod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "ns", Uid = "uid-1", ResourceVersion = "1", Generation = 2 },
            Spec = new JdCloudPodSpec { RegionId = "cn-north-1", PodSpec = new PodSpec { Name = "web" } },
            Status = new JdCloudPodStatus
            {
                PodIds = ["pod-1"], ObservedGeneration = observedGeneration,
                Conditions = [new V1Condition { Type = "Ready", Status = ready }],
            },
        };

        cache.Apply(pod);

        var cached = cache.List().Single();
        (cached.Spec.PodSpec is not null).Should().Be(keepsPodSpec);
        cached.Spec.RegionId.Should().Be("cn-north-1");
        cached.Metadata.Uid.Should().Be("uid-1");
        cached.Status!.PodIds.Should().Equal("pod-1");
    }

    [Fact]
    public void A_settled_JdCloudPod_is_cached_with_its_pod_IDs_and_phases_a_converging_one_whole()
    {
        using var services = new ServiceCollection().AddLogging().AddJdCloudPodController().BuildServiceProvider();
        var cache = services.GetRequiredService<ResourceCache<JdCloudPod>>();
        cache.Apply(Recorded("settled", ready: "True"));
        cache.Apply(Recorded("converging", ready: "False"));

        var (settled, converging) = cache.Read(items =>
            (items.Single(r => r.Metadata.Name == "settled"), items.Single(r => r.Metadata.Name == "converging")));
        settled.Status!.PodIds.Should().Equal("pod-settled");
        settled.Status.Pods.Should().BeEquivalentTo([new CloudPodStatus { PodId = "pod-settled", Phase = "running" }]);
        settled.Status.Conditions.Should().BeNull("a settled resource's pass reads it from the API");
        settled.Status.Revisions.Should().BeNull();
        converging.Status!.Conditions.Should().ContainSingle();
        converging.Status.Revisions.Should().ContainSingle();
        converging.Status.Pods!.Single().PrivateIpAddress.Should().Be("10.0.0.1");
        converging.Spec.PodSpec.Should().NotBeNull();
    }

    [Fact]
    public void Cached_JdCloudPods_share_the_strings_they_repeat_and_keep_their_own()
    {
        using var services = new ServiceCollection().AddLogging().AddJdCloudPodController().BuildServiceProvider();
        var cache = services.GetRequiredService<ResourceCache<JdCloudPod>>();
        cache.Apply(Recorded("a", ready: "False"));
        cache.Apply(Recorded("b", ready: "False"));

        var (a, b) = cache.Read(items => (items.Single(r => r.Metadata.Name == "a"), items.Single(r => r.Metadata.Name == "b")));
        b.Metadata.NamespaceProperty.Should().BeSameAs(a.Metadata.NamespaceProperty);
        b.Spec.RegionId.Should().BeSameAs(a.Spec.RegionId);
        b.Status!.Conditions![0].Reason.Should().BeSameAs(a.Status!.Conditions![0].Reason);
        b.Status.Revisions![0].Fixed.Should().BeSameAs(a.Status.Revisions![0].Fixed);
        b.Status.Pods![0].PodId.Should().Be("pod-b");
        b.Status.Pods[0].PodId.Should().BeSameAs(b.Status.PodIds![0], "one instance for the ID in podIds and in pods");
    }

    // A JdCloudPod as decoded from the API: every string its own instance.
    private static JdCloudPod Recorded(string name, string ready) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Copy("ns"), Uid = $"uid-{name}", ResourceVersion = "1", Generation = 1 },
        Spec = new JdCloudPodSpec { RegionId = Copy("cn-north-1"), PodSpec = new PodSpec { Name = name } },
        Status = new JdCloudPodStatus
        {
            ObservedGeneration = 1,
            PodIds = [$"pod-{name}"],
            Pods = [new CloudPodStatus { PodId = $"pod-{name}", Phase = Copy("running"), PrivateIpAddress = "10.0.0.1", Revision = Copy("r1") }],
            Revisions = [new PodSpecRevision { Name = Copy("r1"), Fixed = Copy("f1") }],
            Conditions = [new V1Condition { Type = Copy("Ready"), Status = ready, Reason = Copy("AllPodsRunning") }],
        },
    };

    private static string Copy(string value) => new(value.AsSpan());

    [Fact]
    public void An_object_this_process_never_wrote_is_served_for_update_from_the_cache()
    {
        var cache = new ResourceCache<Widget>();
        cache.Apply(Widget("a"));

        cache.GetForUpdate(Key("a")).Should().NotBeNull();
        cache.GetForUpdate(Key("b")).Should().BeNull("the cache does not hold it");
    }

    [Fact]
    public void After_a_write_the_cache_serves_the_object_for_update_only_once_the_watch_delivered_that_write()
    {
        var cache = new ResourceCache<Widget>();
        cache.Apply(Widget("a"));
        cache.GetForUpdate(Key("a")).Should().NotBeNull();
        cache.GetForUpdate(Key("a")).Should().BeNull("a pass is under way: whatever it writes is not known yet");

        cache.Written(Widget("a", version: "3"));
        cache.Apply(Widget("a", version: "2"));
        cache.Apply(Widget("a", version: "3"));

        cache.GetForUpdate(Key("a"))!.Metadata.ResourceVersion.Should().Be("3");
    }

    [Fact]
    public void Until_the_watch_delivers_a_write_the_object_is_read_from_the_API()
    {
        var cache = new ResourceCache<Widget>();
        cache.Apply(Widget("a"));
        cache.GetForUpdate(Key("a"));
        cache.Written(Widget("a", version: "3"));

        cache.Apply(Widget("a", version: "2"));

        cache.GetForUpdate(Key("a")).Should().BeNull("version 2 is still older than the write");
    }

    [Fact]
    public void A_write_the_watch_already_delivered_leaves_the_cache_current()
    {
        var cache = new ResourceCache<Widget>();
        cache.Apply(Widget("a"));
        cache.GetForUpdate(Key("a"));
        cache.Apply(Widget("a", version: "2"));

        cache.Written(Widget("a", version: "2"));

        cache.GetForUpdate(Key("a"))!.Metadata.ResourceVersion.Should().Be("2");
    }

    [Fact]
    public void A_pass_that_never_reports_its_writes_leaves_the_next_pass_reading_from_the_API_until_one_does()
    {
        var cache = new ResourceCache<Widget>();
        cache.Apply(Widget("a"));
        cache.GetForUpdate(Key("a")).Should().NotBeNull();
        cache.Apply(Widget("a", version: "2")); // its write arrives, but it failed before saying so

        cache.GetForUpdate(Key("a")).Should().BeNull();
        cache.Written(Widget("a", version: "2")); // the next pass read version 2 from the API and wrote nothing

        cache.GetForUpdate(Key("a")).Should().NotBeNull();
    }

    [Fact]
    public void A_deleted_object_leaves_no_mark()
    {
        var cache = new ResourceCache<Widget>();
        cache.Apply(Widget("a"));
        cache.GetForUpdate(Key("a"));
        cache.Remove(Widget("a"));
        cache.Apply(Widget("a", version: "5"));

        cache.GetForUpdate(Key("a")).Should().NotBeNull("a new object of the same name was never written by this process");
    }

    private static NamespacedName Key(string name) => new("ns", name);

    private static Widget Widget(string name, params (string Key, string Value)[] annotations) => Widget(name, "1", annotations);

    private static Widget Widget(string name, string version, params (string Key, string Value)[] annotations) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            ResourceVersion = version,
            Generation = 1,
            Annotations = annotations.ToDictionary(a => a.Key, a => a.Value),
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Update", FieldsType = "FieldsV1" }],
        },
        Spec = new Dictionary<string, string> { ["size"] = "3" },
    };
}
