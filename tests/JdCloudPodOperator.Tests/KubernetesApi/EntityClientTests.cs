using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using k8s;
using k8s.Models;

using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudPodOperator.Tests.Runtime;

namespace JdCloudPodOperator.Tests.KubernetesApi;

/// <summary>EntityClient on real JdCloudPods (the generated CRD, status subresource) and on ConfigMaps.</summary>
public sealed class EntityClientTests : ApiServerTest
{
    private const string Ours = "jdcloudpod.io/cloud-pods";
    private const string Theirs = "example.com/other-controller";
    private readonly EntityClient<JdCloudPod> _pods;

    public EntityClientTests()
        : base("rt-client", needsJdCloudPodCrd: true) => _pods = new EntityClient<JdCloudPod>(Client);

    [Fact]
    public async Task Get_returns_the_typed_object_or_null_when_it_does_not_exist()
    {
        await CreatePodAsync("p1");

        var pod = await _pods.GetAsync(new NamespacedName(Ns, "p1"));
        (await _pods.GetAsync(new NamespacedName(Ns, "missing"))).Should().BeNull();

        pod!.Spec.RegionId.Should().Be("cn-north-1");
        pod.Spec.PodSpec!.Containers![0].Image.Should().Be("nginx:1.27");
        EntityClient<JdCloudPod>.ApiVersion.Should().Be("jdcloudpod.io/v1alpha1");
        EntityClient<V1ConfigMap>.ApiVersion.Should().Be("v1");
    }

    [Fact]
    public async Task List_reads_every_page_of_one_snapshot()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) await CreatePodAsync(name);
        var paged = new EntityClient<JdCloudPod>(Client) { PageSize = 2 };

        var list = await paged.ListAsync(Ns);

        list.Items.Select(p => p.Metadata.Name).Should().BeEquivalentTo(["a", "b", "c", "d", "e"]);
        long.Parse(list.Metadata.ResourceVersion).Should().BeGreaterThanOrEqualTo(list.Items.Max(p => long.Parse(p.Metadata.ResourceVersion)));
    }

    [Fact]
    public async Task List_shows_each_object_to_the_callback_as_its_page_arrives()
    {
        foreach (var name in new[] { "a", "b", "c" }) await CreatePodAsync(name);
        var paged = new EntityClient<JdCloudPod>(Client) { PageSize = 2 };
        var seen = new List<string>();

        var list = await paged.ListAsync(Ns, each: pod =>
        {
            seen.Add(pod.Metadata.Name);
            pod.Spec.PodSpec = null;
        });

        seen.Should().BeEquivalentTo(["a", "b", "c"]);
        list.Items.Should().OnlyContain(p => p.Spec.PodSpec == null, "the list holds the objects as the callback left them");
    }

    [Fact]
    public async Task PatchStatus_writes_only_the_status_subresource_and_really_clears_removed_fields()
    {
        var original = await CreatePodAsync("p");
        var modified = Copy(original);
        modified.Status = new JdCloudPodStatus
        {
            Phase = "Creating",
            ObservedGeneration = original.Metadata.Generation,
            PendingCreate = new PendingCreate { ClientToken = "token-1", Count = 1 },
            Conditions = [new V1Condition { Type = "Ready", Status = "False", Reason = "Creating", Message = "createPods accepted", LastTransitionTime = DateTime.UtcNow }],
        };
        modified.Spec.RegionId = "cn-east-2";

        var written = await _pods.PatchStatusAsync(original, original.Status, modified.Status);

        written.Status!.Phase.Should().Be("Creating");
        written.Status.PendingCreate!.ClientToken.Should().Be("token-1");
        written.Spec.RegionId.Should().Be("cn-north-1", "spec is not part of a status write");
        written.Metadata.Generation.Should().Be(original.Metadata.Generation);

        var cleared = Copy(written);
        cleared.Status!.PendingCreate = null;
        cleared.Status.Phase = "Running";
        cleared.Status.PodIds = ["pod-abcdefghij"];
        var after = await _pods.PatchStatusAsync(written, written.Status, cleared.Status);

        after.Status!.PendingCreate.Should().BeNull("a field set to null is removed on the server");
        after.Status.Phase.Should().Be("Running");
        after.Status.PodIds.Should().Equal("pod-abcdefghij");
        after.Status.Conditions.Should().ContainSingle(c => c.Type == "Ready");
        (await _pods.GetAsync(new NamespacedName(Ns, "p")))!.Status!.PendingCreate.Should().BeNull();
    }

    [Fact]
    public async Task PatchStatus_sends_nothing_when_the_status_did_not_change()
    {
        var pod = await CreatePodAsync("p");
        pod = await _pods.PatchStatusAsync(pod, pod.Status, WithPhase(pod, "Pending").Status);

        var again = await _pods.PatchStatusAsync(pod, pod.Status, WithPhase(pod, "Pending").Status);

        again.Should().BeSameAs(pod);
        (await _pods.GetAsync(new NamespacedName(Ns, "p")))!.Metadata.ResourceVersion.Should().Be(pod.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task AddFinalizer_adds_once()
    {
        var pod = await CreatePodAsync("p");

        var added = await _pods.AddFinalizerAsync(pod, Ours);
        var again = await _pods.AddFinalizerAsync(added, Ours);

        added.Metadata.Finalizers.Should().Equal(Ours);
        again.Metadata.ResourceVersion.Should().Be(added.Metadata.ResourceVersion, "no request when already present");
    }

    [Fact]
    public async Task AddFinalizer_on_a_stale_copy_keeps_a_finalizer_another_writer_added_meanwhile()
    {
        var stale = await CreatePodAsync("p");
        await AddByOtherWriterAsync("p", Theirs);

        var added = await _pods.AddFinalizerAsync(stale, Ours);

        added.Metadata.Finalizers.Should().Equal(Theirs, Ours);
    }

    [Fact]
    public async Task RemoveFinalizer_on_a_stale_copy_removes_only_ours_even_when_the_list_shifted()
    {
        var stale = await _pods.AddFinalizerAsync(await CreatePodAsync("p"), Ours);
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch($$"""[{"op":"add","path":"/metadata/finalizers/0","value":"{{Theirs}}"}]""", V1Patch.PatchType.JsonPatch),
            JdCloudPod.Group, JdCloudPod.Version, Ns, JdCloudPod.Plural, "p");

        var removed = await _pods.RemoveFinalizerAsync(stale, Ours);

        removed.Metadata.Finalizers.Should().Equal(Theirs);
        (await _pods.RemoveFinalizerAsync(removed, Ours)).Should().BeSameAs(removed, "nothing to remove, no request");
    }

    [Fact]
    public async Task Removing_the_last_finalizer_of_a_deleted_object_lets_it_go()
    {
        var pod = await _pods.AddFinalizerAsync(await CreatePodAsync("p"), Ours);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(JdCloudPod.Group, JdCloudPod.Version, Ns, JdCloudPod.Plural, "p");
        var deleting = await _pods.GetAsync(new NamespacedName(Ns, "p"));
        deleting!.Metadata.DeletionTimestamp.Should().NotBeNull("the finalizer holds it");

        await _pods.RemoveFinalizerAsync(deleting, Ours);

        (await _pods.GetAsync(new NamespacedName(Ns, "p"))).Should().BeNull();
    }

    [Fact]
    public async Task Finalizers_work_the_same_on_built_in_types()
    {
        var maps = new EntityClient<V1ConfigMap>(Client);
        var map = await Client.CreateConfigMapAsync(Ns, "c");

        var added = await maps.AddFinalizerAsync(map, Ours);
        var removed = await maps.RemoveFinalizerAsync(added, Ours);

        added.Metadata.Finalizers.Should().Equal(Ours);
        removed.Metadata.Finalizers.Should().BeNullOrEmpty();
        (await maps.GetAsync(new NamespacedName(Ns, "c")))!.Data["v"].Should().Be("1");
    }

    private Task AddByOtherWriterAsync(string name, string finalizer) =>
        Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch($$$"""{"metadata":{"finalizers":["{{{finalizer}}}"]}}""", V1Patch.PatchType.MergePatch),
            JdCloudPod.Group, JdCloudPod.Version, Ns, JdCloudPod.Plural, name);

    private static JdCloudPod WithPhase(JdCloudPod pod, string phase)
    {
        var copy = Copy(pod);
        copy.Status = new JdCloudPodStatus { Phase = phase };
        return copy;
    }

    private static JdCloudPod Copy(JdCloudPod pod) => KubernetesJson.Deserialize<JdCloudPod>(KubernetesJson.Serialize(pod));
}
