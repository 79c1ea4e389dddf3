using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;

namespace JdCloudPodOperator.Tests.Runtime;

public class WorkQueueTests
{
    private static readonly NamespacedName A = new("ns", "a");
    private static readonly NamespacedName B = new("ns", "b");
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task A_key_added_many_times_is_queued_once()
    {
        using var queue = new WorkQueue(_time);
        queue.Add(A);
        queue.Add(B);
        queue.Add(A);
        queue.Add(A);

        queue.Depth.Should().Be(2);
        (await Take(queue)).Should().Be(A);
        (await Take(queue)).Should().Be(B);
        queue.Depth.Should().Be(0);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_out_again_but_runs_once_more_after_Done()
    {
        using var queue = new WorkQueue(_time);
        queue.Add(A);
        var taken = await Take(queue);
        queue.Add(A);
        queue.Add(A);
        queue.Add(B);

        queue.InFlight.Should().Be(1);
        (await Take(queue)).Should().Be(B, "A is in flight, so only B may be handed out");
        queue.Depth.Should().Be(0);

        queue.Done(taken);
        queue.Depth.Should().Be(1, "the adds during processing collapse into one more run");
        (await Take(queue)).Should().Be(A);
    }

    [Fact]
    public async Task Done_without_a_new_add_does_not_queue_the_key_again()
    {
        using var queue = new WorkQueue(_time);
        queue.Add(A);
        queue.Done(await Take(queue));

        queue.Depth.Should().Be(0);
        queue.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task AddAfter_queues_the_key_when_its_time_comes()
    {
        using var queue = new WorkQueue(_time);
        queue.AddAfter(A, TimeSpan.FromSeconds(10));

        queue.Delayed.Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(9));
        queue.Depth.Should().Be(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        queue.Depth.Should().Be(1);
        queue.Delayed.Should().Be(0);
        (await Take(queue)).Should().Be(A);
    }

    [Fact]
    public void Delayed_adds_of_one_key_collapse_to_the_earliest_time()
    {
        using var queue = new WorkQueue(_time);
        queue.AddAfter(A, TimeSpan.FromSeconds(30));
        queue.AddAfter(A, TimeSpan.FromSeconds(10));
        queue.AddAfter(A, TimeSpan.FromSeconds(20));

        queue.Delayed.Should().Be(1);
        _time.PendingTimers.Should().Be(1, "a later request is dropped and an earlier one replaces the pending timer");
        _time.Advance(TimeSpan.FromSeconds(10));
        queue.Depth.Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(30));
        queue.Depth.Should().Be(1, "nothing else was pending");
    }

    [Fact]
    public void Delayed_adds_of_many_keys_fire_each_at_its_own_time_through_one_timer()
    {
        var c = new NamespacedName("ns", "c");
        using var queue = new WorkQueue(_time);
        queue.AddAfter(A, TimeSpan.FromSeconds(10));
        queue.AddAfter(B, TimeSpan.FromSeconds(5));
        queue.AddAfter(c, TimeSpan.FromSeconds(20));

        queue.Delayed.Should().Be(3);
        _time.PendingTimers.Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        queue.Depth.Should().Be(0);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        queue.Depth.Should().Be(1, "B is due at 5 s");
        _time.Advance(TimeSpan.FromSeconds(5));
        queue.Depth.Should().Be(2, "A is due at 10 s");
        _time.Advance(TimeSpan.FromSeconds(9.9));
        queue.Depth.Should().Be(2);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        queue.Depth.Should().Be(3, "c is due at 20 s");
        queue.Delayed.Should().Be(0);
        _time.PendingTimers.Should().Be(0, "nothing is left to wait for");
    }

    [Fact]
    public void An_earlier_add_of_a_key_leaves_the_later_keys_on_time()
    {
        using var queue = new WorkQueue(_time);
        queue.AddAfter(A, TimeSpan.FromSeconds(30));
        queue.AddAfter(B, TimeSpan.FromSeconds(20));
        queue.AddAfter(A, TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(10));
        queue.Depth.Should().Be(1, "A's earlier time replaced its 30 s");
        _time.Advance(TimeSpan.FromSeconds(10));
        queue.Depth.Should().Be(2, "B fires at 20 s");
        _time.Advance(TimeSpan.FromSeconds(10));
        queue.Depth.Should().Be(2, "A's dropped 30 s wish adds nothing");
    }

    [Fact]
    public async Task A_key_handed_out_drops_its_pending_delayed_add_and_the_pass_sets_the_next_one()
    {
        using var queue = new WorkQueue(_time);
        queue.AddAfter(A, TimeSpan.FromSeconds(10));
        queue.Add(A);

        var taken = await Take(queue);
        queue.Delayed.Should().Be(0, "the pass now running decides when the key is looked at next");
        _time.PendingTimers.Should().Be(0);
        queue.AddAfter(taken, TimeSpan.FromSeconds(60));
        queue.Done(taken);
        _time.Advance(TimeSpan.FromSeconds(10));
        queue.Depth.Should().Be(0, "the earlier 10 s wish went with the pass that superseded it");
        _time.Advance(TimeSpan.FromSeconds(50));
        queue.Depth.Should().Be(1, "the pass's own 60 s requeue stands");
    }

    [Fact]
    public async Task A_delayed_add_made_while_the_key_is_in_flight_stays()
    {
        using var queue = new WorkQueue(_time);
        queue.Add(A);
        var taken = await Take(queue);
        queue.AddAfter(A, TimeSpan.FromSeconds(5));
        queue.Done(taken);

        queue.Delayed.Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(5));
        queue.Depth.Should().Be(1);
    }

    [Fact]
    public void A_zero_delay_adds_at_once()
    {
        using var queue = new WorkQueue(_time);
        queue.AddAfter(A, TimeSpan.Zero);

        queue.Depth.Should().Be(1);
        queue.Delayed.Should().Be(0);
    }

    [Fact]
    public void A_disposed_queue_ignores_adds_and_cancels_pending_delays()
    {
        var queue = new WorkQueue(_time);
        queue.AddAfter(A, TimeSpan.FromSeconds(1));
        queue.Dispose();
        queue.Add(B);
        _time.Advance(TimeSpan.FromSeconds(2));

        queue.Depth.Should().Be(0);
        _time.PendingTimers.Should().Be(0);
    }

    [Fact]
    public async Task TakeAsync_waits_for_a_key_and_honours_cancellation()
    {
        using var queue = new WorkQueue(_time);
        var waiting = queue.TakeAsync(CancellationToken.None);
        waiting.IsCompleted.Should().BeFalse();
        queue.Add(A);
        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(A);

        using var cancel = new CancellationTokenSource();
        var cancelled = queue.TakeAsync(cancel.Token);
        await cancel.CancelAsync();
        await cancelled.Invoking(t => t.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
    }

    private static Task<NamespacedName> Take(WorkQueue queue) => queue.TakeAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
}
