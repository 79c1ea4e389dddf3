using JdCloudPodOperator.JdCloud;
using static JdCloudPodOperator.Tests.Controller.Planning.Pods;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Planning;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class CreatePlannerTests
{
    private const string Uid = "0b7c3e7e-5f4e-4c43-9a0c-111111111111";

    private static Step PlanFor(int missing, ObservedPod[] named, string[]? podIds = null, string[]? ownedElsewhere = null, int attempts = 0) =>
        CreatePlanner.Plan(new CreateInput(Uid, "web", missing, attempts, podIds ?? [], named, (ownedElsewhere ?? []).ToHashSet()));

    [Fact]
    public void Nothing_named_like_us_creates_with_the_next_attempt_token() =>
        PlanFor(2, [], attempts: 4).Should().Be(new CreatePods("web", 2, ClientToken.For(Uid, 5), 5));

    [Fact]
    public void When_failing_pods_hold_every_name_up_to_web_999_it_waits_instead_of_overflowing_the_name()
    {
        var holders = Enumerable.Range(0, 1000).Select(n => Pod($"p{n}", "error", n == 0 ? "web" : $"web-{n}")).ToArray();

        PlanFor(1, holders, podIds: [.. holders.Select(h => h.PodId)]).Should().Be(new NoFreeName("web"));
    }

    [Fact]
    public void First_create_is_attempt_one() =>
        PlanFor(1, []).Should().Be(new CreatePods("web", 1, $"jdpod-{Uid}-1", 1));

    [Fact]
    public void Pods_with_our_name_missing_from_status_are_adopted_instead()
    {
        var named = new[] { Pod("p1", name: "web"), Pod("p2", name: "web-2") };
        PlanFor(3, named).Should().BeEquivalentTo(new AdoptPods(["p1", "p2"], AdoptionSource.Name));
    }

    [Fact]
    public void Name_adoption_takes_no_more_than_missing() =>
        PlanFor(1, [Pod("p1", name: "web-1"), Pod("p2", name: "web-2")])
            .Should().BeEquivalentTo(new AdoptPods(["p1"], AdoptionSource.Name));

    [Fact]
    public void Pods_already_recorded_failed_deleting_or_owned_elsewhere_are_not_adopted()
    {
        var named = new[]
        {
            Pod("mine", name: "web"), Pod("broken", "error", "web-1"), Pod("going", "deleting", "web-2"), Pod("theirs", name: "web-3"),
        };
        var step = PlanFor(1, named, podIds: ["mine"], ownedElsewhere: ["theirs"]);
        step.Should().BeOfType<CreatePods>().Which.Should().Match<CreatePods>(c => c.Name == "web-4" && c.Count == 1,
            "every listed name is taken, even by pods on their way out");
    }

    [Fact]
    public void Transient_pods_with_our_name_are_adopted() =>
        PlanFor(1, [Pod("p1", "pending", "web")]).Should().BeEquivalentTo(new AdoptPods(["p1"], AdoptionSource.Name));

    [Fact]
    public void With_the_base_name_taken_pods_are_created_one_per_call() =>
        PlanFor(3, [Pod("mine", name: "web")], podIds: ["mine"]).Should().BeOfType<CreatePods>()
            .Which.Should().Match<CreatePods>(c => c.Name == "web-1" && c.Count == 1);

    [Fact]
    public void At_most_100_pods_per_call() =>
        PlanFor(150, []).Should().BeOfType<CreatePods>().Which.Count.Should().Be(PodClient.MaxPodsPerCreate);
}
