using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudSimulator.Pods;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>Create, scale and delete against the real API server and the simulator, with one operator running.</summary>
public sealed class LifecycleTests() : HarnessTest("ctl-life")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _h.StartOperatorAsync();
    }

    [Fact]
    public async Task A_new_JdCloudPod_becomes_Ready_with_its_pod_ids()
    {
        await _h.CreateAsync(_h.NewPod("web"));
        var ready = await _h.WaitForReadyAsync("web", 1);

        var status = ready.Status!;
        status.Phase.Should().Be(Phases.Running);
        status.PendingCreate.Should().BeNull();
        (status.RequestedCount, status.CreatedCount, status.CreateAttempts).Should().Be((1, 1, 1));
        status.Conditions.Should().OnlyContain(c => c.ObservedGeneration == ready.Metadata.Generation);
        ControllerHarness.Condition(ready, Conditions.Reconciling)!.Status.Should().Be("False");
        ControllerHarness.Condition(ready, Conditions.Stalled)!.Status.Should().Be("False");
        ready.Metadata.Finalizers.Should().Contain(Annotations.Finalizer);

        var cloud = _h.CloudPods("web").Should().ContainSingle().Subject;
        status.PodIds.Should().Equal(cloud.PodId);
        status.Pods![0].Should().BeEquivalentTo(new CloudPodStatus
        {
            PodId = cloud.PodId, Name = "web", Phase = "running", PrivateIpAddress = cloud.PrivateIpAddress, Ready = true,
            Revision = status.UpdateRevision,
        }, o => o.Excluding(p => p.Message));
        (status.UpdatedCount, status.Revisions!.Single().Name, status.Rollout).Should().Be((1, status.UpdateRevision, null));
        cloud.ClientToken.Should().Be(ClientToken.For(ready.Metadata.Uid, 1));
        await _h.WaitForEventAsync("web", EventReasons.Created, cloud.PodId);
    }

    [Fact]
    public async Task A_fresh_resource_costs_exactly_one_createPods_and_no_describe_by_name()
    {
        await _h.CreateAsync(_h.NewPod("fresh", maxCount: 2));
        var ready = await _h.WaitForReadyAsync("fresh", 2);

        var creates = _h.Simulator.State.Calls.Snapshot("createPods").Where(c => c.Body.Contains("\"fresh\"")).ToList();
        creates.Should().ContainSingle("no earlier attempt left an unknown outcome")
            .Which.ClientToken.Should().Be(ClientToken.For(ready.Metadata.Uid, 1));
        _h.Simulator.State.Calls.Snapshot("describePods").Should().NotContain(c => c.Query.Contains("filters.1.name=name") && c.Query.Contains("=fresh"),
            "pods are looked up by name only when an earlier attempt's outcome is unknown");
    }

    [Fact]
    public async Task Scaling_up_creates_the_missing_pods_and_scaling_down_deletes_the_surplus()
    {
        await _h.CreateAsync(_h.NewPod("scale"));
        var one = await _h.WaitForReadyAsync("scale", 1);

        await _h.PatchAsync("scale", """{"spec":{"maxCount":3}}""");
        var three = await _h.WaitForReadyAsync("scale", 3);
        three.Status!.PodIds.Should().Contain(one.Status!.PodIds!);
        _h.LiveCloudPods("scale").Select(p => p.PodId).Should().BeEquivalentTo(three.Status.PodIds);

        await _h.PatchAsync("scale", """{"spec":{"maxCount":1}}""");
        var back = await _h.WaitForReadyAsync("scale", 1);
        await Eventually(() => _h.LiveCloudPods("scale").Count == 1, "the surplus pods are gone from the cloud");
        _h.LiveCloudPods("scale").Single().PodId.Should().Be(back.Status!.PodIds!.Single());
        _h.CloudPods("scale").Should().HaveCount(3, "no pod was created beyond the three asked for");
        await _h.WaitForEventAsync("scale", EventReasons.Deleted);
    }

    [Fact]
    public async Task Several_pods_at_once_get_distinct_names()
    {
        await _h.CreateAsync(_h.NewPod("multi", maxCount: 3));
        var ready = await _h.WaitForReadyAsync("multi", 3);
        ready.Status!.Pods!.Select(p => p.Name).Should().OnlyHaveUniqueItems();
        _h.CloudPods("multi").Should().HaveCount(3);
    }

    [Fact]
    public async Task Deleting_with_policy_Delete_deletes_the_cloud_pods_first()
    {
        await _h.CreateAsync(_h.NewPod("gone", maxCount: 2));
        await _h.WaitForReadyAsync("gone", 2);

        await _h.DeleteAsync("gone");
        await _h.WaitForGoneAsync("gone");
        _h.CloudPods("gone").Should().HaveCount(2).And.OnlyContain(p => !p.Exists);
        await _h.WaitForEventAsync("gone", EventReasons.Deleted);
    }

    [Fact]
    public async Task Deleting_with_policy_Orphan_leaves_the_cloud_pods_running()
    {
        await _h.CreateAsync(_h.NewPod("keep", deletionPolicy: "Orphan"));
        var ready = await _h.WaitForReadyAsync("keep", 1);

        await _h.DeleteAsync("keep");
        await _h.WaitForGoneAsync("keep");
        _h.LiveCloudPods("keep").Should().ContainSingle().Which.Should().Match<PodRecord>(p =>
            p.PodId == ready.Status!.PodIds!.Single() && p.Phase == PodPhase.Running);
        await _h.WaitForEventAsync("keep", EventReasons.Orphaned, ready.Status!.PodIds![0]);
    }

    private static Task Eventually(Func<bool> condition, string what) =>
        Infrastructure.Eventually.Until(condition, what, ControllerHarness.Limit);
}
