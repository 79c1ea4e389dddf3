using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>The paused and adopt-pod-ids annotations.</summary>
public sealed class AnnotationTests() : HarnessTest("ctl-annot")
{
    private Microsoft.AspNetCore.Builder.WebApplication _operator = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _operator = await _h.StartOperatorAsync();
    }

    [Fact]
    public async Task Paused_stops_all_changes_until_the_annotation_goes()
    {
        await _h.CreateAsync(_h.NewPod("paused"));
        await _h.WaitForReadyAsync("paused", 1);
        var creates = _h.Simulator.State.Calls.Snapshot("createPods").Count;

        await _h.PatchAsync("paused", "{\"metadata\":{\"annotations\":{\"" + Annotations.Paused + "\":\"true\"}},\"spec\":{\"maxCount\":2}}");
        var paused = await _h.WaitForAsync("paused", p => p.Status?.Phase == Phases.Paused, "phase Paused");
        var reconciling = ControllerHarness.Condition(paused, Conditions.Reconciling)!;
        (reconciling.Status, reconciling.Reason).Should().Be(("False", Reasons.Paused));
        // A label change queues the paused resource again: once that reconcile has run (and nothing else is
        // queued or running), it had every reason to create the second pod, and must not have.
        var reconciles = ControllerHarness.StatusOf(_operator).Reconciles;
        await _h.PatchAsync("paused", """{"metadata":{"labels":{"nudge":"1"}}}""");
        await Eventually.Until(() => ControllerHarness.StatusOf(_operator) is { InFlight: 0, QueueDepth: 0 } status
            && status.Reconciles > reconciles, "the paused resource was reconciled again", ControllerHarness.Limit);
        _h.Simulator.State.Calls.Snapshot("createPods").Should().HaveCount(creates, "a paused resource makes no createPods call");
        _h.CloudPods("paused").Should().ContainSingle();

        await _h.PatchAsync("paused", "{\"metadata\":{\"annotations\":{\"" + Annotations.Paused + "\":null}}}");
        await _h.WaitForReadyAsync("paused", 2);
    }

    [Fact]
    public async Task Adopt_annotation_takes_existing_pods_instead_of_creating()
    {
        var existing = await _h.CreateOutsideTheOperatorAsync("adoptee");
        var pod = _h.NewPod("adopter", podName: "adopter");
        pod.Metadata.Annotations = new Dictionary<string, string> { [Annotations.AdoptPodIds] = existing };
        await _h.CreateAsync(pod);

        var ready = await _h.WaitForReadyAsync("adopter", 1);
        ready.Status!.PodIds.Should().Equal(existing);
        _h.CloudPods("adopter").Should().BeEmpty("nothing new was created");
        await _h.WaitForEventAsync("adopter", EventReasons.Adopted, existing);
    }

    [Fact]
    public async Task Adopt_annotation_never_takes_a_pod_tagged_as_another_owners()
    {
        // A pod of another cluster sharing the account (or of another resource whose create answer was lost): no claim
        // in this leader's memory knows it, but its owner tag does.
        var foreign = await _h.CreateOutsideTheOperatorAsync("foreign", ownerValue: "other-cluster/other-ns/x");
        var pod = _h.NewPod("taker", podName: "taker");
        pod.Metadata.Annotations = new Dictionary<string, string> { [Annotations.AdoptPodIds] = foreign };
        await _h.CreateAsync(pod);

        var failed = await _h.WaitForAsync("taker", p => ControllerHarness.Condition(p, Conditions.Ready)?.Reason == Reasons.AdoptionFailed, "AdoptionFailed");
        ControllerHarness.Condition(failed, Conditions.Ready)!.Message.Should().Contain(foreign).And.Contain("another owner");
        failed.Status!.PodIds.Should().BeNullOrEmpty();
        await _h.DeleteAsync("taker");
        await _h.WaitForGoneAsync("taker");
        (await _h.DescribeCloudPodAsync(foreign)).Should().NotBeNull("a pod that was never this resource's is not deleted with it");
    }

    [Fact]
    public async Task Adopt_annotation_naming_an_unknown_pod_fails_without_creating()
    {
        var pod = _h.NewPod("ghost");
        pod.Metadata.Annotations = new Dictionary<string, string> { [Annotations.AdoptPodIds] = "pod-doesnotexist" };
        await _h.CreateAsync(pod);

        var failed = await _h.WaitForAsync("ghost", p => ControllerHarness.Condition(p, Conditions.Ready)?.Reason == Reasons.AdoptionFailed, "AdoptionFailed");
        ControllerHarness.Condition(failed, Conditions.Ready)!.Message.Should().Contain("pod-doesnotexist");
        _h.CloudPods("ghost").Should().BeEmpty();
    }

    [Fact]
    public async Task An_adopt_annotation_naming_more_pods_than_a_resource_holds_is_refused_without_a_lookup()
    {
        var describes = _h.Simulator.State.Calls.Snapshot("describePods").Count;
        var pod = _h.NewPod("hoard");
        pod.Metadata.Annotations = new Dictionary<string, string>
        {
            [Annotations.AdoptPodIds] = string.Join(",", Enumerable.Range(0, 101).Select(i => $"pod-hoard{i:D5}")),
        };
        await _h.CreateAsync(pod);

        var failed = await _h.WaitForAsync("hoard", p => ControllerHarness.Condition(p, Conditions.Ready)?.Reason == Reasons.AdoptionFailed, "AdoptionFailed");
        ControllerHarness.Condition(failed, Conditions.Ready)!.Message.Should().Contain("names 101 pods; a resource holds at most 100");
        _h.Simulator.State.Calls.Snapshot("describePods").Skip(describes).Should().NotContain(c => c.Query.Contains("pod-hoard"),
            "none of the named pods is looked up");
        _h.CloudPods("hoard").Should().BeEmpty();
    }

    [Fact]
    public async Task Pods_carrying_our_name_but_missing_from_status_are_adopted()
    {
        // As after a restore from backup: the pod exists (with the owner tag the operator gave it), the resource is
        // new and its status empty.
        var existing = await _h.CreateOutsideTheOperatorAsync("restored", await _h.OwnerValueAsync("restored"));
        await _h.CreateAsync(_h.NewPod("restored"));
        var ready = await _h.WaitForReadyAsync("restored", 1);
        ready.Status!.PodIds.Should().Equal(existing);
        _h.CloudPods("restored").Should().ContainSingle();
    }

    [Fact]
    public async Task A_pod_carrying_our_name_without_our_owner_tag_is_not_adopted_the_name_is_taken()
    {
        var stranger = await _h.CreateOutsideTheOperatorAsync("squatted");
        await _h.CreateAsync(_h.NewPod("squatted"));
        var stalled = await _h.WaitForAsync("squatted", p => ControllerHarness.Condition(p, Conditions.Stalled)?.Reason == Reasons.NameTaken, "Stalled NameTaken");
        stalled.Status!.PodIds.Should().BeNullOrEmpty();
        ControllerHarness.Condition(stalled, Conditions.Stalled)!.Message.Should()
            .Contain($"podSpec.name squatted is taken in the region cn-north-1 by cloud pod {stranger}, which no JdCloudPod owns");
        _h.CloudPods("squatted").Should().ContainSingle("nothing was created beside the stranger's pod");
    }
}
