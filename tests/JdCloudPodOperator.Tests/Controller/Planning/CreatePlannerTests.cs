using JdCloudPodOperator.JdCloud;
using static JdCloudPodOperator.Tests.Controller.Planning.Pods;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Planning;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class CreatePlannerTests
{
    private const string Uid = "0b7c3e7e-5f4e-4c43-9a0c-111111111111";
    private const string Ours = "cluster-1/team-a/web";

    private static Step PlanFor(int missing, ObservedPod[] named, string[]? podIds = null, string[]? ownedElsewhere = null, int attempts = 0) =>
        CreatePlanner.Plan(new CreateInput(Uid, "web", Ours, missing, attempts, podIds ?? [], named, (ownedElsewhere ?? []).ToHashSet()));

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
    public void Pods_with_our_owner_tag_missing_from_status_are_adopted_instead()
    {
        var named = new[] { Pod("p1", name: "web", owner: Ours), Pod("p2", name: "web-2", owner: Ours) };
        PlanFor(3, named).Should().BeEquivalentTo(new AdoptPods(["p1", "p2"], AdoptionSource.OwnerTag));
    }

    [Fact]
    public void Owner_tag_adoption_takes_no_more_than_missing() =>
        PlanFor(1, [Pod("p1", name: "web-1", owner: Ours), Pod("p2", name: "web-2", owner: Ours)])
            .Should().BeEquivalentTo(new AdoptPods(["p1"], AdoptionSource.OwnerTag));

    [Theory]
    [InlineData(null)]
    [InlineData("cluster-1/team-b/web")]
    [InlineData("cluster-2/team-a/web")]
    public void A_pod_holding_our_name_without_our_owner_tag_is_never_adopted_the_name_is_taken(string? owner)
    {
        var holder = Pod("theirs", name: "web", owner: owner);
        PlanFor(1, [holder]).Should().Be(new NameTaken("web", holder));
    }

    [Fact]
    public void A_suffixed_name_held_by_another_is_only_avoided() =>
        PlanFor(1, [Pod("mine", name: "web", owner: Ours), Pod("theirs", name: "web-1", owner: "cluster-1/team-b/web")], podIds: ["mine"])
            .Should().BeOfType<CreatePods>().Which.Name.Should().Be("web-2");

    [Fact]
    public void Our_own_pod_on_its_way_out_holding_the_base_name_leaves_it_to_a_suffix() =>
        PlanFor(1, [Pod("going", "deleting", "web", owner: Ours)]).Should().BeOfType<CreatePods>().Which.Name.Should().Be("web-1");

    [Fact]
    public void Pods_already_recorded_failed_deleting_or_owned_elsewhere_are_not_adopted()
    {
        var named = new[]
        {
            Pod("mine", name: "web", owner: Ours), Pod("broken", "error", "web-1", Ours), Pod("going", "deleting", "web-2", Ours),
            Pod("theirs", name: "web-3", owner: Ours),
        };
        var step = PlanFor(1, named, podIds: ["mine"], ownedElsewhere: ["theirs"]);
        step.Should().BeOfType<CreatePods>().Which.Should().Match<CreatePods>(c => c.Name == "web-4" && c.Count == 1,
            "every listed name is taken, even by pods on their way out");
    }

    [Fact]
    public void Transient_pods_with_our_owner_tag_are_adopted() =>
        PlanFor(1, [Pod("p1", "pending", "web", owner: Ours)]).Should().BeEquivalentTo(new AdoptPods(["p1"], AdoptionSource.OwnerTag));

    [Fact]
    public void With_the_base_name_taken_pods_are_created_one_per_call() =>
        PlanFor(3, [Pod("mine", name: "web")], podIds: ["mine"]).Should().BeOfType<CreatePods>()
            .Which.Should().Match<CreatePods>(c => c.Name == "web-1" && c.Count == 1);

    [Fact]
    public void At_most_100_pods_per_call() =>
        PlanFor(150, []).Should().BeOfType<CreatePods>().Which.Count.Should().Be(PodClient.MaxPodsPerCreate);
}
