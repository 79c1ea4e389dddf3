using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// A cloud pod has exactly one owner at any instant (issue 15, item 2), on the real API server with the simulator:
/// resources of two namespaces (one cloud account) racing for one pod name or for one pod by the adopt annotation,
/// checked in every status write a watch sees; deleting one of a pair never deletes the other's pod.
/// </summary>
public sealed class OwnershipTests : IAsyncLifetime
{
    private const int Pairs = 20;
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);
    private ControllerHarness _h = null!;
    private string _other = null!;

    public async Task InitializeAsync()
    {
        _h = await ControllerHarness.StartAsync("ctl-own");
        _other = await _h.AddNamespaceAsync("ctl-own2");
        await _h.StartOperatorAsync(tune: s => s.Workers = 16);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Every_pod_created_carries_the_owner_tag_next_to_the_users_own_tags()
    {
        var resource = _h.NewPod("tagged", maxCount: 2);
        resource.Spec.PodSpec!.UserTags = [new Tag { Key = "team", Value = "web" }];
        await _h.CreateAsync(resource);
        var ready = await _h.WaitForReadyAsync("tagged", 2);

        var owner = await _h.OwnerValueAsync("tagged");
        owner.Should().EndWith($"/{_h.Namespace}/tagged");
        foreach (var podId in ready.Status!.PodIds!)
        {
            var tags = (await _h.DescribeCloudPodAsync(podId))!.Tags!.Select(t => (t.Key, t.Value));
            tags.Should().BeEquivalentTo(new[] { ("team", "web"), (OwnerTag.Key, owner) }, podId);
        }
    }

    [Fact]
    public async Task Resources_with_one_podSpec_name_in_two_namespaces_never_share_a_pod_and_deleting_one_spares_the_other()
    {
        await using var watch = await OwnershipWatch.StartAsync(_h.Resources, _h.Namespace, _other);
        // maxCount 1: one name, so one wins and the other is told who holds it; maxCount 2: the cloud suffixes the
        // name (-1, -2, ...), so both get pods of their own.
        var pairs = Enumerable.Range(0, Pairs).Select(i => (Name: $"same-{i}", MaxCount: 1 + i % 2)).ToList();
        await Task.WhenAll(pairs.SelectMany(p => new[] { _h.Namespace, _other }.Select(ns => _h.CreateAsync(In(ns, _h.NewPod(p.Name, p.MaxCount))))));

        var final = await SettledAsync(2 * Pairs);
        AssertOneOwnerPerPod(final);
        (await watch.DoubleOwnershipsAsync(final, Settle)).Should().BeEmpty("no status write ever recorded a pod another status recorded");
        foreach (var (name, maxCount) in pairs)
        {
            var pair = final.Where(r => r.Metadata.Name == name).ToList();
            if (maxCount == 1)
            {
                var winner = pair.Should().ContainSingle(r => ControllerHarness.IsReady(r), name).Subject;
                var loser = pair.Single(r => r != winner);
                ControllerHarness.Condition(loser, Conditions.Stalled)!.Should().Match<V1Condition>(c => c.Status == "True" && c.Reason == Reasons.NameTaken
                    && c.Message.Contains($"of JdCloudPod {NamespacedName.Of(winner)}") && c.Message.Contains("taken in the region"), name);
                _h.CloudPods(name).Should().ContainSingle("the name admits one pod").Which.PodId.Should().Be(winner.Status!.PodIds!.Single());
            }
            else
            {
                pair.Should().OnlyContain(r => ControllerHarness.IsReady(r) && r.Status!.PodIds!.Count == 2, name);
                _h.CloudPods(name).Should().HaveCount(4, $"{name}: two distinct pods each");
            }
        }

        // Delete one of each pair (the Stalled one of a single-pod pair): the other keeps its pods, running and recorded.
        var deleted = pairs.Select(p => final.Where(r => r.Metadata.Name == p.Name)
            .OrderBy(r => ControllerHarness.IsReady(r) && p.MaxCount == 1).ThenBy(r => r.Metadata.NamespaceProperty == _other).First()).ToList();
        await Task.WhenAll(deleted.Select(DeleteAsync));
        await Eventually.Until(async () => (await ListAsync()).Count == Pairs, "one resource of each pair deleted", Settle);
        foreach (var survivor in await ListAsync())
        {
            var before = final.Single(r => r.Metadata.Uid == survivor.Metadata.Uid);
            survivor.Status!.PodIds.Should().BeEquivalentTo(before.Status!.PodIds, $"{NamespacedName.Of(survivor)} keeps its pods");
            survivor.Status.PodIds.Should().OnlyContain(id => _h.Simulator.State.Pod(id)!.Exists, $"{NamespacedName.Of(survivor)}'s pods were not deleted with the other");
        }
    }

    [Fact]
    public async Task Two_resources_adopting_one_pod_at_once_never_share_it_and_deleting_the_refused_one_spares_the_pod()
    {
        var podIds = await Task.WhenAll(Enumerable.Range(0, Pairs).Select(i => _h.CreateOutsideTheOperatorAsync($"lone-{i}")));
        await using var watch = await OwnershipWatch.StartAsync(_h.Resources, _h.Namespace, _other);
        await Task.WhenAll(podIds.SelectMany((podId, i) => new[] { _h.Namespace, _other }.Select(ns => _h.CreateAsync(Adopting(ns, $"adopt-{i}", podId)))));

        var final = await SettledAsync(2 * Pairs);
        AssertOneOwnerPerPod(final);
        (await watch.DoubleOwnershipsAsync(final, Settle)).Should().BeEmpty("no status write ever recorded a pod another status recorded");
        var losers = new List<JdCloudPod>();
        for (var i = 0; i < Pairs; i++)
        {
            var pair = final.Where(r => r.Metadata.Name == $"adopt-{i}").ToList();
            var winner = pair.Should().ContainSingle(r => ControllerHarness.IsReady(r), $"adopt-{i}").Subject;
            winner.Status!.PodIds.Should().Equal(podIds[i]);
            var loser = pair.Single(r => r != winner);
            ControllerHarness.Condition(loser, Conditions.Stalled)!.Should().Match<V1Condition>(c => c.Status == "True" && c.Reason == Reasons.AdoptionFailed
                && c.Message.Contains($"{podIds[i]} belongs to JdCloudPod {NamespacedName.Of(winner)}"), $"adopt-{i}");
            _h.CloudPods($"adopt-{i}").Should().BeEmpty("the refused resource creates nothing in the pod's place");
            losers.Add(loser);
        }

        await Task.WhenAll(losers.Select(DeleteAsync));
        await Eventually.Until(async () => (await ListAsync()).Count == Pairs, "the refused resources deleted", Settle);
        podIds.Should().OnlyContain(id => _h.Simulator.State.Pod(id)!.Exists, "no adopted pod was deleted with the resource that was refused it");
        (await ListAsync()).Should().OnlyContain(r => ControllerHarness.IsReady(r));
    }

    [Fact]
    public async Task Deleting_a_resource_whose_status_also_records_another_resources_pod_leaves_that_pod_alone()
    {
        await _h.CreateAsync(_h.NewPod("holder"));
        var podId = (await _h.WaitForReadyAsync("holder", 1)).Status!.PodIds!.Single();
        // As an operator without claims could leave it: a second resource whose status records the same pod.
        var twin = _h.NewPod("twin");
        twin.Metadata.Annotations = new Dictionary<string, string> { [Annotations.Paused] = "true" };
        twin.Metadata.Finalizers = [Annotations.Finalizer];
        await _h.CreateAsync(twin);
        await _h.WaitForAsync("twin", r => r.Status?.Phase == Phases.Paused, "paused");
        await _h.Kube.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch($$$"""{"status":{"podIds":["{{{podId}}}"]}}""", V1Patch.PatchType.MergePatch),
            JdCloudPod.Group, JdCloudPod.Version, _h.Namespace, JdCloudPod.Plural, "twin");

        await _h.DeleteAsync("twin");
        await _h.PatchAsync("twin", "{\"metadata\":{\"annotations\":{\"" + Annotations.Paused + "\":null}}}");
        await _h.WaitForGoneAsync("twin");

        _h.Simulator.State.Pod(podId)!.Exists.Should().BeTrue("the pod is the holder's");
        (await _h.GetAsync("holder"))!.Status!.PodIds.Should().Equal(podId);
        await _h.WaitForEventAsync("twin", Reasons.OwnedElsewhere, $"{podId} (JdCloudPod {_h.Namespace}/holder)");
    }

    private static JdCloudPod In(string ns, JdCloudPod resource)
    {
        resource.Metadata.NamespaceProperty = ns;
        return resource;
    }

    private JdCloudPod Adopting(string ns, string name, string podId)
    {
        var resource = In(ns, _h.NewPod(name));
        resource.Metadata.Annotations = new Dictionary<string, string> { [Annotations.AdoptPodIds] = podId };
        return resource;
    }

    private async Task<IReadOnlyList<JdCloudPod>> ListAsync() =>
        [.. (await _h.Resources.ListAsync(_h.Namespace)).Items, .. (await _h.Resources.ListAsync(_other)).Items];

    /// <summary>Waits until all <paramref name="count"/> resources are Ready (their pods running) or Stalled.</summary>
    private async Task<IReadOnlyList<JdCloudPod>> SettledAsync(int count)
    {
        IReadOnlyList<JdCloudPod> last = [];
        static bool Settled(JdCloudPod r) =>
            (ControllerHarness.IsReady(r) && r.Status!.Pods!.All(p => p.Phase == "running"))
            || (r.Status?.ObservedGeneration == r.Metadata.Generation && ControllerHarness.Condition(r, Conditions.Stalled)?.Status == "True");
        try
        {
            await Eventually.Until(async () => (last = await ListAsync()).Count == count && last.All(Settled), $"{count} resources Ready or Stalled", Settle);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; unsettled: {string.Join("; ", last.Where(r => !Settled(r)).Take(5).Select(r => $"{NamespacedName.Of(r)} {KubernetesJson.Serialize(r.Status)}"))}", e);
        }
        return last;
    }

    private static void AssertOneOwnerPerPod(IReadOnlyList<JdCloudPod> resources) =>
        resources.SelectMany(r => r.Status?.PodIds ?? []).Should().OnlyHaveUniqueItems("a cloud pod is in one status only");

    private Task DeleteAsync(JdCloudPod resource) =>
        _h.Kube.CustomObjects.DeleteNamespacedCustomObjectAsync(JdCloudPod.Group, JdCloudPod.Version,
            resource.Metadata.NamespaceProperty, JdCloudPod.Plural, resource.Metadata.Name);
}
