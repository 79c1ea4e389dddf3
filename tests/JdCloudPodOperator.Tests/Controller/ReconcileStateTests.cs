using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Entities;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>A pass works toward the spec it began with, whatever a checkpoint's answer carries.</summary>
public class ReconcileStateTests
{
    [Fact]
    public void A_checkpoint_answer_with_a_newer_spec_does_not_change_what_the_pass_plans_for_or_reports()
    {
        var begun = Resource(generation: 4, maxCount: 2, runState: RunStates.Running, image: "nginx:1.27");
        var state = new ReconcileState(begun);
        var target = state.Target!.Name;

        // What the server answered to the pass's checkpoint: the user edited the spec while the pass ran.
        state.Resource = Resource(generation: 5, maxCount: 3, runState: RunStates.Stopped, image: "nginx:1.28");

        (state.Generation, state.Desired, state.Run).Should().Be((4L, 2, true), "status says generation 4 was observed, not 5");
        state.Spec.PodSpec!.Containers![0].Image.Should().Be("nginx:1.27", "a create in this pass sends the spec its revision names");
        state.Target!.Name.Should().Be(target);
        state.Scope.Generation.Should().Be(4, "a problem met is held against the generation the pass worked on; the edit opens the hold");
    }

    private static JdCloudPod Resource(long generation, int maxCount, string runState, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team", Uid = "uid-1", Generation = generation },
        Spec = new JdCloudPodSpec
        {
            RegionId = "cn-north-1", MaxCount = maxCount, RunState = runState,
            PodSpec = new PodSpec
            {
                Name = "web", InstanceType = "g.n2.medium", Az = "cn-north-1a",
                Containers = [new ContainerSpec { Name = "web", Image = image }],
            },
        },
    };
}
