using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// A status lost while the operator was away: resources re-created with the same spec (a GitOps tool; a new UID) or
/// with their status wiped (a restore without status). Their pods carry the owner tag, so the restarted operator
/// finds them with describePods tag filters shared by many resources, never by name, and creates nothing.
/// </summary>
public sealed class LostStatusTests : IAsyncLifetime
{
    private const int Resources = 10;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private ControllerHarness _h = null!;

    public async Task InitializeAsync() => _h = await ControllerHarness.StartAsync("ctl-lost");

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Resources_recreated_or_with_their_status_wiped_find_their_pods_by_owner_tag_in_shared_calls()
    {
        var first = await _h.StartOperatorAsync();
        var names = Enumerable.Range(0, Resources).Select(i => $"lost-{i}").ToList();
        foreach (var (name, i) in names.Select((n, i) => (n, i))) await _h.CreateAsync(_h.NewPod(name, maxCount: 1 + i % 2));
        var before = new Dictionary<string, V1ObjectMeta>();
        var pods = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var ready = await _h.WaitForReadyAsync(name, 1 + i % 2, Limit);
            (before[name], pods[name]) = (ready.Metadata, ready.Status!.PodIds!);
        }
        await _h.StopOperatorAsync(first);

        // Even: deleted (the finalizer dropped by hand) and created again, as a GitOps tool would. Odd: status wiped.
        foreach (var name in names.Where((_, i) => i % 2 == 0))
        {
            await _h.PatchAsync(name, """{"metadata":{"finalizers":null}}""");
            await _h.DeleteAsync(name);
            await _h.WaitForGoneAsync(name);
            await _h.CreateAsync(_h.NewPod(name, maxCount: 1));
        }
        foreach (var name in names.Where((_, i) => i % 2 == 1))
            await _h.Kube.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch("""{"status":null}""", V1Patch.PatchType.MergePatch),
                JdCloudPod.Group, JdCloudPod.Version, _h.Namespace, JdCloudPod.Plural, name);
        foreach (var name in names) (await _h.GetAsync(name))!.Status.Should().BeNull($"{name} lost its status");
        _h.Simulator.State.Calls.Clear();

        await _h.StartOperatorAsync(tune: s =>
        {
            s.Workers = Resources;
            s.Controller.DescribeBatchWindow = TimeSpan.FromSeconds(1);
        });
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var ready = await _h.WaitForReadyAsync(name, 1 + i % 2, Limit);
            ready.Status!.PodIds.Should().BeEquivalentTo(pods[name], $"{name} found the pods it had");
            (ready.Metadata.Uid == before[name].Uid).Should().Be(i % 2 == 1, $"{name}: re-created resources have a new UID");
        }

        var calls = _h.Simulator.State.Calls;
        calls.Snapshot("createPods").Should().BeEmpty("no pod was created again");
        var describes = calls.Snapshot("describePods");
        describes.Should().NotContain(c => c.Query.Contains("filters.1.name=name"), "no pod is looked up by name");
        var byTag = describes.Where(c => c.Query.Contains("tags.1.key=" + Uri.EscapeDataString(OwnerTag.Key))).ToList();
        byTag.Should().NotBeEmpty();
        byTag.Count.Should().BeLessThan(Resources, "the lookups of several resources share describePods calls");
        byTag.Max(c => c.Query.Split('&').Count(p => p.StartsWith("tags.1.values.", StringComparison.Ordinal))).Should().BeGreaterThan(1);
    }
}
