using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class PollScheduleTests
{
    private static readonly DateTime Since = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly JdCloudPodControllerOptions Options = new()
    {
        SettledPollInterval = TimeSpan.FromSeconds(90), MinPollInterval = TimeSpan.FromSeconds(1), MaxPollInterval = TimeSpan.FromSeconds(15),
    };

    private static JdCloudPodStatus Reconciling(string status) => new()
    {
        Conditions = [new V1Condition { Type = Conditions.Reconciling, Status = status, Reason = "R", LastTransitionTime = Since }],
    };

    [Fact]
    public void Settled_resources_poll_at_the_resync_period() =>
        PollSchedule.Next(Reconciling("False"), Since.AddHours(1), Options).Should().Be(TimeSpan.FromSeconds(90));

    [Fact]
    public void No_conditions_yet_means_resync() =>
        PollSchedule.Next(new JdCloudPodStatus(), Since, Options).Should().Be(TimeSpan.FromSeconds(90));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(30, 3)]
    [InlineData(100, 10)]
    [InlineData(150, 15)]
    [InlineData(3600, 15)]
    public void Converging_resources_poll_fast_at_first_then_slower(int secondsConverging, int expectedSeconds) =>
        PollSchedule.Next(Reconciling("True"), Since.AddSeconds(secondsConverging), Options)
            .Should().Be(TimeSpan.FromSeconds(expectedSeconds));

    [Fact]
    public void A_clock_behind_the_transition_time_polls_at_the_minimum() =>
        PollSchedule.Next(Reconciling("True"), Since.AddSeconds(-30), Options).Should().Be(TimeSpan.FromSeconds(1));

    [Fact]
    public void A_rollout_counts_from_its_last_progress()
    {
        var status = Reconciling("True");
        status.Rollout = new RolloutStatus { ProgressTime = "2026-01-01T00:02:00Z" };

        PollSchedule.Next(status, Since.AddSeconds(150), Options).Should().Be(TimeSpan.FromSeconds(3));
        status.Rollout.ProgressTime = "2025-12-31T23:00:00Z";
        PollSchedule.Next(status, Since.AddSeconds(150), Options).Should().Be(TimeSpan.FromSeconds(15));
    }
}
