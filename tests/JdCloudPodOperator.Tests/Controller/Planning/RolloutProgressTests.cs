using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class RolloutProgressTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static RolloutStatus At(int mark, long generation = 4, bool exceeded = false) =>
        new() { Generation = generation, ProgressTime = "2026-03-01T08:00:00Z", ProgressMark = mark, DeadlineExceeded = exceeded ? true : null };

    [Fact]
    public void No_rollout_no_status() =>
        RolloutProgress.Next(At(1), active: false, 3, 4, 600, T0).Should().BeNull();

    [Fact]
    public void A_new_generation_or_a_first_look_starts_the_clock()
    {
        RolloutProgress.Next(null, true, -3, 4, 600, T0.AddMinutes(1)).Should().BeEquivalentTo(
            new RolloutStatus { Generation = 4, ProgressTime = "2026-03-01T08:01:00Z", ProgressMark = -3 });
        RolloutProgress.Next(At(-1, exceeded: true), true, -3, 5, 600, T0.AddHours(1))!.DeadlineExceeded.Should().BeNull();
    }

    [Fact]
    public void A_new_best_mark_is_progress_and_lifts_a_stall() =>
        RolloutProgress.Next(At(-1, exceeded: true), true, 0, 4, 600, T0.AddHours(1)).Should().BeEquivalentTo(
            new RolloutStatus { Generation = 4, ProgressTime = "2026-03-01T09:00:00Z", ProgressMark = 0 });

    [Fact]
    public void The_deadline_passes_only_after_the_full_time_without_progress()
    {
        RolloutProgress.Next(At(0), true, 0, 4, 600, T0.AddSeconds(600))!.DeadlineExceeded.Should().BeNull();
        RolloutProgress.Next(At(0), true, -1, 4, 600, T0.AddSeconds(601)).Should().BeEquivalentTo(At(0, exceeded: true));
        RolloutProgress.Next(At(0, exceeded: true), true, 0, 4, 600, T0.AddSeconds(1))!.DeadlineExceeded.Should().BeTrue();
    }

    [Fact]
    public void The_mark_counts_settled_pods_on_the_target_minus_pods_still_moving()
    {
        RolloutPod[] pods =
        [
            new("a", PodState.Running, "r1"), new("b", PodState.Running, "r0"),
            new("c", PodState.Stopped, "r0", new PodOperationStatus { Revision = "r1", Steps = [PodSteps.Start] }),
            new("d", PodState.Stopped, "r1"),
        ];

        RolloutProgress.Updated(pods, "r1", run: true).Should().Be(1);
        RolloutProgress.Mark(pods, "r1", run: true).Should().Be(1 - 2);
        RolloutProgress.Updated(pods, "r1", run: false).Should().Be(1);
    }

    [Fact]
    public void A_pause_marks_the_clock_and_the_first_pass_after_it_starts_the_clock_again()
    {
        var paused = RolloutProgress.Pause(At(-1, exceeded: true));
        paused!.Paused.Should().BeTrue();
        RolloutProgress.Pause(null).Should().BeNull("no rollout, nothing to stop");

        RolloutProgress.Resume(paused, T0.AddHours(2)).Should().BeEquivalentTo(
            new RolloutStatus { Generation = 4, ProgressTime = "2026-03-01T10:00:00Z", ProgressMark = -1 },
            "the time paused is not time without progress, and the stall met before the pause is lifted");
        RolloutProgress.Resume(At(-1, exceeded: true), T0.AddHours(2)).Should().BeEquivalentTo(At(-1, exceeded: true), "not paused: unchanged");
    }
}
