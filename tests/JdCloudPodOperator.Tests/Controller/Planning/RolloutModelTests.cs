using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;
using static JdCloudPodOperator.Entities.PodSteps;
using static JdCloudPodOperator.Tests.Controller.Planning.PodChangeTests;

namespace JdCloudPodOperator.Tests.Controller.Planning;

/// <summary>
/// The count and rollout planners together, over whole rollouts against <see cref="RolloutModel"/>: every pod ends
/// on the target with the target's content, and the bounds hold at every tick, whatever the phase delays, crashes
/// and changes of mind.
/// </summary>
public class RolloutModelTests
{
    private static readonly PodSpecRevision R0 = Revision("r0");
    private static readonly PodSpecRevision Image = Revision("r1", containers: "c1");
    private static readonly PodSpecRevision Subnet = Revision("r2", @fixed: "f1", containers: "c2");
    private static readonly PodSpecRevision Resized = Revision("r3", containers: "c1", type: "g.n2.large", resources: "m1", description: "d1");
    private static readonly PodSpecRevision Bad = Revision("bad", containers: "broken");

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 25));

    private static RolloutModel Model(int seed, int unavailable, int surge, int desired = 3) =>
        new RolloutModel(seed, desired, new UpdateBounds(unavailable, surge), R0).Start();

    [Theory]
    [MemberData(nameof(Seeds))]
    public void In_place_keeps_the_pods_and_calls_stop_rebuild_start_once_each(int seed)
    {
        var model = Model(seed, unavailable: 1, surge: 0);
        var ids = model.PodIds.ToList();

        model.Retarget(Image);

        model.Converge().Should().BePositive();
        model.PodIds.Should().Equal(ids);
        model.MinRunning.Should().BeGreaterThanOrEqualTo(2);
        model.MaxPods.Should().Be(3);
        model.Calls.Should().BeEquivalentTo(new Dictionary<string, int> { [Stop] = 3, [Rebuild] = 3, [Start] = 3 });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void In_place_with_nothing_allowed_down_borrows_one_pod_and_gives_it_back(int seed)
    {
        var model = Model(seed, unavailable: 0, surge: 1);
        var ids = model.PodIds.ToList();

        model.Retarget(Resized);

        model.Converge().Should().BePositive();
        model.PodIds.Should().Equal(ids);
        model.MinRunning.Should().BeGreaterThanOrEqualTo(3);
        model.MaxPods.Should().BeLessThanOrEqualTo(4);
        (model.Created, model.Deleted.Count).Should().Be((4, 1));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Replacement_keeps_max_count_serving_and_deletes_every_old_pod(int seed)
    {
        var model = Model(seed, unavailable: 0, surge: 1);
        var ids = model.PodIds.ToList();

        model.Retarget(Subnet);

        model.Converge().Should().BePositive();
        model.PodIds.Should().NotIntersectWith(ids);
        model.Deleted.Should().BeEquivalentTo(ids);
        model.MinRunning.Should().BeGreaterThanOrEqualTo(3);
        model.MaxPods.Should().BeLessThanOrEqualTo(4);
    }

    [Theory]
    [InlineData(1, 0, 5)]
    [InlineData(2, 0, 5)]
    [InlineData(0, 2, 5)]
    [InlineData(1, 1, 4)]
    [InlineData(5, 0, 5)]
    public void Every_bound_holds_under_crashes_and_a_change_of_mind(int unavailable, int surge, int desired)
    {
        foreach (var seed in Enumerable.Range(1, 20))
        {
            var model = Model(seed, unavailable, surge, desired);
            model.CrashRate = 0.2;
            model.Retarget(seed % 2 == 0 ? Resized : Subnet);
            for (var i = 0; i < seed % 7; i++) { model.Pass(); }
            model.Retarget(seed % 3 == 0 ? R0 : Image);

            model.Converge().Should().BePositive($"seed {seed}");
            model.MinRunning.Should().BeGreaterThanOrEqualTo(desired - unavailable, $"seed {seed}");
            model.MaxPods.Should().BeLessThanOrEqualTo(desired + surge, $"seed {seed}");
            model.PodIds.Should().HaveCount(desired);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_bad_image_touches_one_pod_and_reverting_recovers_it(int seed)
    {
        var model = Model(seed, unavailable: 1, surge: 0);
        model.Failing.Add("broken");

        model.Retarget(Bad);
        model.Converge(limit: 100).Should().Be(-1);
        model.Calls[Start].Should().Be(1, "a pod in error cannot be started again, and no other pod is taken down");
        model.MinRunning.Should().Be(2);

        model.Retarget(R0);
        model.Converge().Should().BePositive();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_bad_image_on_a_stand_in_pod_stops_the_rollout_before_any_old_pod_is_touched(int seed)
    {
        var model = Model(seed, unavailable: 0, surge: 1);
        model.Failing.Add("broken");

        model.Retarget(Bad);
        model.Converge(limit: 100).Should().Be(-1);
        model.Calls.Should().BeEmpty();
        model.Created.Should().Be(4);

        model.Retarget(R0);
        model.Converge().Should().BePositive();
        model.Live.Should().HaveCount(3);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Max_count_may_change_in_the_middle_of_a_rollout(int seed)
    {
        var model = Model(seed, unavailable: 1, surge: 1, desired: 4);
        model.Retarget(seed % 2 == 0 ? Image : Subnet);
        for (var i = 0; i < seed % 5; i++) model.Pass();

        model.Desired = seed % 3 == 0 ? 6 : 2;

        model.Converge().Should().BePositive();
        model.PodIds.Should().HaveCount(model.Desired);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Stopped_then_running_keeps_the_pods(int seed)
    {
        var model = Model(seed, unavailable: 0, surge: 1);
        var ids = model.PodIds.ToList();

        model.Run = false;
        model.Converge().Should().BePositive();
        model.Retarget(Image);
        model.Converge().Should().BePositive("stopped pods are updated and stay stopped");
        model.Run = true;
        model.Converge().Should().BePositive();

        model.PodIds.Should().Equal(ids);
        model.Calls[Stop].Should().Be(3);
        model.Calls[Start].Should().Be(3);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Recreate_with_a_bad_image_stalls_at_the_deadline_and_touches_nothing_more(int seed)
    {
        var model = Model(seed, unavailable: 3, surge: 0);
        model.Failing.Add("broken");
        model.DeadlineSeconds = 30;

        model.Retarget(Revision("bad-fixed", @fixed: "f9", containers: "broken"));
        model.Converge(limit: 60).Should().Be(-1);
        model.Rollout!.DeadlineExceeded.Should().BeTrue();
        var created = model.Created;
        model.Converge(limit: 60).Should().Be(-1);
        model.Created.Should().Be(created, "a stalled rollout touches no pod");
        created.Should().Be(6, "the failed pods are kept, not replaced by more of the same");

        model.Retarget(R0);
        model.Converge().Should().BePositive();
        model.Pass();
        model.Rollout.Should().BeNull("the pass that sees every pod settled ends the rollout");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_description_change_is_one_modify_per_pod_and_nothing_else(int seed)
    {
        var model = Model(seed, unavailable: 0, surge: 1);
        var ids = model.PodIds.ToList();

        model.Retarget(Revision("words", description: "d9"));

        model.Converge().Should().BePositive();
        model.Calls.Should().BeEquivalentTo(new Dictionary<string, int> { [Modify] = 3 });
        (model.Created, model.MinRunning).Should().Be((3, 3));
        model.PodIds.Should().Equal(ids);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void In_place_never_replaces_every_pod(int seed)
    {
        var model = Model(seed, unavailable: 1, surge: 1);
        var ids = model.PodIds.ToList();
        model.InPlace = false;

        model.Retarget(Image);

        model.Converge().Should().BePositive();
        model.Calls.Should().BeEmpty();
        model.PodIds.Should().NotIntersectWith(ids);
    }
}
