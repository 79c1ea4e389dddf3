using System.Globalization;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// When to look at a resource's pods again: soon after a change (pods move from pending to running within seconds),
/// less often the longer it has been converging (a rollout counts from its last progress, so each pod's next step
/// is seen soon), and at the settled poll interval once settled.
/// </summary>
public static class PollSchedule
{
    public static TimeSpan Next(JdCloudPodStatus status, DateTime now, JdCloudPodControllerOptions options)
    {
        var reconciling = Conditions.Find(status.Conditions, Conditions.Reconciling);
        if (reconciling?.Status != "True") return options.SettledPollInterval;
        var since = reconciling.LastTransitionTime;
        if (status.Rollout?.ProgressTime is { } progress
            && DateTime.TryParse(progress, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var progressed)
            && progressed > since)
            since = progressed;
        var interval = TimeSpan.FromTicks(Math.Max(0, (now - since).Ticks) / 10);
        return interval < options.MinPollInterval ? options.MinPollInterval
            : interval > options.MaxPollInterval ? options.MaxPollInterval
            : interval;
    }
}
