using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class ObservedPodTests
{
    [Theory]
    [InlineData("running", PodState.Running)]
    [InlineData("RUNNING", PodState.Running)]
    [InlineData(" Stopped ", PodState.Stopped)]
    [InlineData("Error", PodState.Error)]
    [InlineData("deleting", PodState.Deleting)]
    [InlineData("pending", PodState.Transient)]
    [InlineData("starting", PodState.Transient)]
    [InlineData("rebuilding", PodState.Transient)]
    [InlineData("something-new", PodState.Transient)]
    [InlineData("", PodState.Transient)]
    [InlineData(null, PodState.Transient)]
    public void Phases_compare_case_insensitively_and_unknown_ones_are_transient(string? phase, PodState state) =>
        ObservedPod.StateOf(phase).Should().Be(state);

    [Fact]
    public void A_described_pod_maps_to_its_status_entry()
    {
        var pod = new Pod
        {
            PodId = "pod-abc", Name = "web", PrivateIpAddress = "",
            PodStatus = new() { Phase = "running", PodIp = "10.0.0.9", Reason = "Started", Message = "all good", Conditions = [new() { ConditionType = "Ready", Status = "True" }] },
            ElasticIp = new() { ElasticIpAddress = "1.2.3.4" },
        };
        ObservedPod.From(pod).ToStatus().Should().BeEquivalentTo(new
        {
            PodId = "pod-abc", Name = "web", Phase = "running", PrivateIpAddress = "10.0.0.9", ElasticIpAddress = "1.2.3.4",
            Ready = true, Message = "Started: all good",
        });
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("Failed", null, "Failed")]
    [InlineData("", "no capacity", "no capacity")]
    public void The_message_uses_whatever_the_cloud_gave(string? reason, string? message, string? expected) =>
        ObservedPod.From(new Pod { PodId = "p", PodStatus = new() { Reason = reason, Message = message } }).Message.Should().Be(expected);

    [Fact]
    public void Usable_pods_are_those_neither_failed_nor_leaving()
    {
        new ObservedPod("p", "n", "pending").IsUsable.Should().BeTrue();
        new ObservedPod("p", "n", "stopped").IsUsable.Should().BeTrue();
        new ObservedPod("p", "n", "error").IsUsable.Should().BeFalse();
        new ObservedPod("p", "n", "deleting").IsUsable.Should().BeFalse();
    }
}
