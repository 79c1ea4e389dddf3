using System.Collections.Concurrent;
using static JdCloudPodOperator.Tests.Controller.Planning.Pods;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Tests.Runtime;

namespace JdCloudPodOperator.Tests.Controller.Planning;

public class DescribeBatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<IReadOnlyList<string>> _calls = new();

    /// <summary>A cloud where every pod whose ID does not start with "gone" exists.</summary>
    private Task<IReadOnlyList<ObservedPod>> Cloud(IReadOnlyList<string> ids, CancellationToken _)
    {
        _calls.Enqueue(ids);
        return Task.FromResult<IReadOnlyList<ObservedPod>>(ids.Where(id => !id.StartsWith("gone")).Select(id => Pod(id)).ToList());
    }

    /// <summary>A first call under the key, so that the next lookups wait for the interval and share a call.</summary>
    private static Task WarmUp(DescribeBatcher<string> batcher, string key = "k") =>
        batcher.DescribeAsync(key, ["warm-up"], (ids, _) => Task.FromResult<IReadOnlyList<ObservedPod>>([]), default).WaitAsync(Timeout);

    [Fact]
    public async Task Requests_within_the_interval_share_one_call_and_each_gets_its_own_pods()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromSeconds(1));
        await WarmUp(batcher, "acct/cn-north-1");
        var tasks = Enumerable.Range(0, 20)
            .Select(i => batcher.DescribeAsync("acct/cn-north-1", [$"p{i}a", $"p{i}b", $"gone{i}"], Cloud, default))
            .ToList();
        var results = await Task.WhenAll(tasks).WaitAsync(Timeout);
        _calls.Should().ContainSingle().Which.Should().HaveCount(60);
        for (var i = 0; i < 20; i++) results[i].Keys.Should().BeEquivalentTo($"p{i}a", $"p{i}b");
    }

    [Fact]
    public async Task A_lookup_when_the_key_was_quiet_for_the_interval_is_sent_at_once()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromHours(1));
        (await batcher.DescribeAsync("k", ["a"], Cloud, default).WaitAsync(Timeout)).Keys.Should().Equal("a");
        _calls.Should().ContainSingle("a resource alone does not wait for others");
    }

    [Fact]
    public async Task Calls_under_one_key_start_the_interval_apart()
    {
        var time = new ManualTimeProvider();
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(300), time);
        await batcher.DescribeAsync("k", ["a"], Cloud, default).WaitAsync(Timeout);
        time.Advance(TimeSpan.FromMilliseconds(100));
        var b = batcher.DescribeAsync("k", ["b"], Cloud, default);
        var c = batcher.DescribeAsync("k", ["c"], Cloud, default);
        time.Advance(TimeSpan.FromMilliseconds(199));
        b.IsCompleted.Should().BeFalse("the next call may start 300 ms after the first");
        _calls.Should().ContainSingle();

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(b, c).WaitAsync(Timeout);
        _calls.Select(call => string.Join(",", call.Order())).Should().Equal("a", "b,c");
    }

    [Fact]
    public async Task A_lookup_repeating_the_last_calls_values_goes_at_once_after_half_the_interval()
    {
        var time = new ManualTimeProvider();
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(300), time);
        await batcher.DescribeAsync("k", ["a", "b"], Cloud, default).WaitAsync(Timeout);
        time.Advance(TimeSpan.FromMilliseconds(150));
        (await batcher.DescribeAsync("k", ["b", "a"], Cloud, default).WaitAsync(Timeout)).Keys.Should().BeEquivalentTo("a", "b");
        _calls.Should().HaveCount(2, "a resource polling alone is not held to the window");
    }

    [Fact]
    public async Task A_lookup_repeating_the_last_calls_values_sooner_than_half_the_interval_waits()
    {
        var time = new ManualTimeProvider();
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(300), time);
        await batcher.DescribeAsync("k", ["a"], Cloud, default).WaitAsync(Timeout);
        time.Advance(TimeSpan.FromMilliseconds(149));
        var again = batcher.DescribeAsync("k", ["a"], Cloud, default);
        again.IsCompleted.Should().BeFalse();
        _calls.Should().ContainSingle();
        time.Advance(TimeSpan.FromMilliseconds(1));
        await again.WaitAsync(Timeout);
        _calls.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_lookup_asking_for_more_than_the_last_call_waits_the_whole_interval()
    {
        var time = new ManualTimeProvider();
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(300), time);
        await batcher.DescribeAsync("k", ["a"], Cloud, default).WaitAsync(Timeout);
        time.Advance(TimeSpan.FromMilliseconds(150));
        var more = batcher.DescribeAsync("k", ["a", "b"], Cloud, default);
        time.Advance(TimeSpan.FromMilliseconds(149));
        more.IsCompleted.Should().BeFalse("another resource's lookup may still join");
        _calls.Should().ContainSingle();
        time.Advance(TimeSpan.FromMilliseconds(1));
        await more.WaitAsync(Timeout);
        _calls.Select(call => string.Join(",", call.Order())).Should().Equal("a", "a,b");
    }

    [Fact]
    public async Task Lookups_by_owner_tag_share_one_call_and_each_gets_every_pod_with_its_value()
    {
        Task<IReadOnlyList<ObservedPod>> Tagged(IReadOnlyList<string> owners, CancellationToken _)
        {
            _calls.Enqueue(owners);
            return Task.FromResult<IReadOnlyList<ObservedPod>>(
                owners.Where(o => !o.StartsWith("none")).SelectMany(o => new[] { Pod($"{o}:1", owner: o), Pod($"{o}:2", owner: o) }).ToList());
        }
        var batcher = new DescribeBatcher<string>(TimeSpan.FromSeconds(1));
        await WarmUp(batcher, "acct/cn-north-1");
        var tasks = Enumerable.Range(0, 10)
            .Select(i => batcher.DescribeMatchingAsync("acct/cn-north-1", [i == 9 ? "none/ns/web" : $"c/ns-{i}/web"], Tagged, p => p.Owner, default))
            .ToList();
        var results = await Task.WhenAll(tasks).WaitAsync(Timeout);
        _calls.Should().ContainSingle().Which.Should().HaveCount(10);
        for (var i = 0; i < 9; i++) results[i].Select(p => p.PodId).Should().BeEquivalentTo($"c/ns-{i}/web:1", $"c/ns-{i}/web:2");
        results[9].Should().BeEmpty();
    }

    [Fact]
    public async Task A_full_batch_is_sent_at_once_without_waiting_for_the_window()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromHours(1));
        await WarmUp(batcher);
        var tasks = Enumerable.Range(0, 25)
            .Select(i => batcher.DescribeAsync("k", Enumerable.Range(0, 4).Select(j => $"p{i}-{j}").ToList(), Cloud, default))
            .ToList();
        await Task.WhenAll(tasks).WaitAsync(Timeout);
        _calls.Should().ContainSingle().Which.Should().HaveCount(DescribeBatcher<string>.BatchSize);
    }

    [Fact]
    public async Task Different_accounts_or_regions_never_share_a_call()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(200));
        var a = batcher.DescribeAsync("acct-1/cn-north-1", ["a"], Cloud, default);
        var b = batcher.DescribeAsync("acct-1/cn-east-2", ["b"], Cloud, default);
        (await a.WaitAsync(Timeout)).Keys.Should().Equal("a");
        (await b.WaitAsync(Timeout)).Keys.Should().Equal("b");
        _calls.Should().HaveCount(2);
    }

    [Fact]
    public async Task The_same_id_asked_twice_is_described_once()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(200));
        await WarmUp(batcher);
        await Task.WhenAll(batcher.DescribeAsync("k", ["a"], Cloud, default), batcher.DescribeAsync("k", ["a", "a"], Cloud, default)).WaitAsync(Timeout);
        _calls.Should().ContainSingle().Which.Should().Equal("a");
    }

    [Fact]
    public async Task A_failed_call_fails_every_request_in_the_batch()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(200));
        await WarmUp(batcher);
        Task<IReadOnlyList<ObservedPod>> Failing(IReadOnlyList<string> ids, CancellationToken _) => throw new InvalidOperationException("503");
        var a = batcher.DescribeAsync("k", ["a"], Failing, default);
        var b = batcher.DescribeAsync("k", ["b"], Failing, default);
        await FluentActions.Awaiting(() => a.WaitAsync(Timeout)).Should().ThrowAsync<InvalidOperationException>();
        await FluentActions.Awaiting(() => b.WaitAsync(Timeout)).Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Later_requests_start_a_new_batch()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(50));
        await batcher.DescribeAsync("k", ["a"], Cloud, default).WaitAsync(Timeout);
        await batcher.DescribeAsync("k", ["b"], Cloud, default).WaitAsync(Timeout);
        _calls.Select(c => c.Single()).Should().Equal("a", "b");
    }

    [Fact]
    public async Task Nothing_to_describe_costs_no_call()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(50));
        (await batcher.DescribeAsync("k", [], Cloud, default)).Should().BeEmpty();
        _calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancelled_request_leaves_the_others_in_its_batch_alone()
    {
        var batcher = new DescribeBatcher<string>(TimeSpan.FromMilliseconds(300));
        await WarmUp(batcher);
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.DescribeAsync("k", ["a"], Cloud, cancel.Token);
        var other = batcher.DescribeAsync("k", ["b"], Cloud, default);
        cancel.Cancel();
        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        (await other.WaitAsync(Timeout)).Keys.Should().Equal("b");
    }
}
