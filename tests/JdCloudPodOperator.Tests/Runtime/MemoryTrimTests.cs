using JdCloudPodOperator.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>The decision of <see cref="MemoryTrim"/>, on a clock and allocation figures the test gives it.</summary>
public class MemoryTrimTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);
    private const long MinAllocated = 64L << 20;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MemoryTrim Trim() =>
        new(new MemoryTrimOptions { QuietFor = Quiet, MinAllocatedBytes = MinAllocated }, TimeProvider.System, NullLogger.Instance);

    // A burst seen by the checks: a change, then the first check after it starts the quiet clock at T0.
    private static MemoryTrim AfterBurst()
    {
        var trim = Trim();
        trim.Changed();
        trim.Due(T0, allocated: MinAllocated).Should().BeFalse("the check that sees a change starts the quiet period");
        return trim;
    }

    [Fact]
    public void It_is_due_once_quiet_for_the_whole_period_and_not_a_moment_before()
    {
        var trim = AfterBurst();

        trim.Due(T0 + Quiet - TimeSpan.FromMilliseconds(1), MinAllocated).Should().BeFalse();
        trim.Due(T0 + Quiet, MinAllocated).Should().BeTrue();
    }

    [Fact]
    public void A_change_restarts_the_quiet_period()
    {
        var trim = AfterBurst();

        trim.Changed();
        trim.Due(T0 + TimeSpan.FromSeconds(2), MinAllocated).Should().BeFalse("a change was seen");
        trim.Due(T0 + Quiet, MinAllocated).Should().BeFalse("quiet only 1 s since the change was seen");
        trim.Due(T0 + TimeSpan.FromSeconds(2) + Quiet, MinAllocated).Should().BeTrue();
    }

    [Fact]
    public void The_first_trim_needs_no_minimum_allocated_the_next_ones_need_it_since_the_last()
    {
        var trim = AfterBurst();
        trim.Due(T0 + Quiet, allocated: 1).Should().BeTrue("start-up's leftovers go once, however little");
        trim.Trimmed(allocated: 5 * MinAllocated);

        trim.Changed();
        var t1 = T0 + TimeSpan.FromMinutes(1);
        trim.Due(t1, 6 * MinAllocated).Should().BeFalse("a change was seen");
        trim.Due(t1 + Quiet, 6 * MinAllocated - 1).Should().BeFalse("one byte short since the last trim");
        trim.Due(t1 + Quiet, 6 * MinAllocated).Should().BeTrue();
    }

    [Fact]
    public void At_most_once_per_quiet_period_and_again_after_the_next_burst()
    {
        var trim = AfterBurst();
        trim.Due(T0 + Quiet, MinAllocated).Should().BeTrue();
        trim.Trimmed(MinAllocated);

        trim.Due(T0 + TimeSpan.FromHours(1), 100 * MinAllocated).Should().BeFalse("still the same quiet period");

        trim.Changed();
        var t1 = T0 + TimeSpan.FromHours(2);
        trim.Due(t1, 100 * MinAllocated).Should().BeFalse("a change was seen");
        trim.Due(t1 + Quiet, 100 * MinAllocated).Should().BeTrue();
        trim.Trimmed(100 * MinAllocated);
        trim.Trims.Should().Be(2);
    }

    [Fact]
    public void The_quiet_period_counts_from_the_first_check_when_nothing_changed_since_start()
    {
        var trim = Trim();

        trim.Due(T0, MinAllocated).Should().BeFalse("the first check starts the clock");
        trim.Due(T0 + Quiet, MinAllocated).Should().BeTrue();
    }

    [Fact]
    public async Task A_quiet_period_of_zero_turns_it_off()
    {
        var trim = new MemoryTrim(new MemoryTrimOptions { QuietFor = TimeSpan.Zero }, TimeProvider.System, NullLogger.Instance);

        await trim.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        trim.Trims.Should().Be(0);
    }
}
