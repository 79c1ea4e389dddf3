using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Tests.Runtime;

public class KeyBackoffTests
{
    private static readonly NamespacedName A = new("ns", "a");
    private static readonly NamespacedName B = new("ns", "b");

    [Fact]
    public void Without_jitter_the_delay_doubles_per_failure_up_to_the_cap()
    {
        var backoff = new KeyBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), jitter: 0);

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next(A).TotalSeconds).ToList();

        delays.Should().Equal(1, 2, 4, 8, 10, 10);
        backoff.Failures(A).Should().Be(6);
    }

    [Fact]
    public void Jitter_stretches_each_delay_within_its_bound_and_never_past_the_cap()
    {
        var backoff = new KeyBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100), jitter: 0.5, new Random(7));

        for (var failure = 1; failure <= 8; failure++)
        {
            var nominal = Math.Min(Math.Pow(2, failure - 1), 100);
            backoff.Next(A).TotalSeconds.Should().BeInRange(nominal, Math.Min(nominal * 1.5, 100));
        }
    }

    [Fact]
    public void Jitter_spreads_keys_that_fail_together()
    {
        var backoff = new KeyBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), jitter: 0.2, new Random(1));

        var delays = Enumerable.Range(0, 20).Select(i => backoff.Next(new NamespacedName("ns", $"k{i}"))).ToList();

        delays.Distinct().Should().HaveCountGreaterThan(15);
    }

    [Fact]
    public void Keys_back_off_independently_and_a_reset_starts_a_key_over()
    {
        var backoff = new KeyBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), jitter: 0);
        backoff.Next(A);
        backoff.Next(A);
        backoff.Next(A);

        backoff.Next(B).Should().Be(TimeSpan.FromSeconds(1));
        backoff.Reset(A);
        backoff.Failures(A).Should().Be(0);
        backoff.Next(A).Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Very_many_failures_do_not_overflow()
    {
        var backoff = new KeyBackoff(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), jitter: 0.2);

        for (var i = 0; i < 200; i++) backoff.Next(A);

        backoff.Next(A).Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Nonsense_settings_are_refused()
    {
        FluentActions.Invoking(() => new KeyBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(1), 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new KeyBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new KeyBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), -0.1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
