using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Status;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class RetryMemoryTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly Problem Throttled = Problem.Retrying(Reasons.RateLimited, "429");
    private static readonly Problem Quota = Problem.Terminal(Reasons.QuotaExceeded, "quota");
    private readonly ManualClock _clock = new();
    private readonly JdCloudPodControllerOptions _options = new()
    {
        RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(60), TerminalRetryDelay = TimeSpan.FromMinutes(5),
        RetryJitter = 0,
    };

    private RetryMemory Gate() => new(_options, _clock);

    private static RetryScope Scope(long generation, bool deleting) => new(generation, deleting);

    [Fact]
    public void Open_until_something_fails() => Gate().Check("u", Scope(1, false)).Should().BeNull();

    [Fact]
    public void Retryable_failures_double_the_delay_up_to_the_cap()
    {
        var gate = Gate();
        var delays = Enumerable.Range(0, 8).Select(_ => gate.Fail("u", Scope(1, false), Throttled).TotalSeconds).ToList();
        delays.Should().Equal(2, 4, 8, 16, 32, 60, 60, 60);
    }

    [Fact]
    public void Closed_during_the_delay_with_the_problem_and_open_after_it()
    {
        var gate = Gate();
        gate.Fail("u", Scope(1, false), Throttled);
        _clock.Now += TimeSpan.FromSeconds(1.5);
        var closure = gate.Check("u", Scope(1, false));
        closure.Should().NotBeNull();
        closure!.Problem.Should().Be(Throttled);
        closure.Remaining.Should().Be(TimeSpan.FromSeconds(0.5));
        _clock.Now += TimeSpan.FromSeconds(0.5);
        gate.Check("u", Scope(1, false)).Should().BeNull();
    }

    [Fact]
    public void Terminal_failures_wait_the_long_delay()
    {
        var gate = Gate();
        gate.Fail("u", Scope(1, false), Quota).Should().Be(TimeSpan.FromMinutes(5));
        _clock.Now += TimeSpan.FromMinutes(4);
        gate.Check("u", Scope(1, false)).Should().NotBeNull();
    }

    [Fact]
    public void A_new_generation_or_the_start_of_deletion_opens_the_gate()
    {
        var gate = Gate();
        gate.Fail("u", Scope(1, false), Quota);
        gate.Check("u", Scope(2, false)).Should().BeNull();
        gate.Check("u", Scope(1, true)).Should().BeNull();
    }

    [Fact]
    public void Success_resets_the_backoff()
    {
        var gate = Gate();
        gate.Fail("u", Scope(1, false), Throttled);
        gate.Fail("u", Scope(1, false), Throttled);
        gate.Succeed("u");
        gate.Check("u", Scope(1, false)).Should().BeNull();
        gate.Fail("u", Scope(1, false), Throttled).Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Resources_are_gated_independently()
    {
        var gate = Gate();
        gate.Fail("u", Scope(1, false), Throttled);
        gate.Check("v", Scope(1, false)).Should().BeNull();
    }
}
