using JdCloudPodOperator.JdCloud;

namespace JdCloudPodOperator.Tests.JdCloud.Lifecycle;

public class AttributeLogsStatusClientTests : PodClientLifecycleTest
{
    [Fact]
    public async Task ModifyPodAttribute_sets_the_description_of_up_to_256_characters_without_touching_the_phase()
    {
        var podId = await RunningPodAsync("web");
        var changes = State.PhaseChanges(podId).Count;

        await Client.ModifyPodAttributeAsync(podId, new string('描', PodClient.MaxDescriptionLength));

        (await Client.DescribePodAsync(podId))!.Description.Should().HaveLength(256);
        State.PhaseChanges(podId).Should().HaveCount(changes);
        var call = State.Calls.Snapshot("modifyPodAttribute").Single();
        (call.Method, call.Path).Should().Be(("PATCH", $"/v1/regions/cn-north-1/pods/{podId}%3AmodifyPodAttribute"));
        await FluentActions.Awaiting(() => Client.ModifyPodAttributeAsync(podId, new string('d', 257)))
            .Should().ThrowAsync<ArgumentException>().WithMessage("description must be at most 256 characters, got 257*");
        State.Calls.Snapshot("modifyPodAttribute").Should().ContainSingle("the client refused the 257 characters itself");
    }

    [Fact]
    public async Task ModifyPodAttribute_on_a_pending_pod_is_applied_at_once()
    {
        // No phase requirement is stated for it (docs/jdcloud-pod-lifecycle.md), so the simulator answers in every phase.
        var podId = await PendingPodAsync("web");

        await Client.ModifyPodAttributeAsync(podId, "x");

        Calls("modifyPodAttribute").Should().Be(1);
        (await Client.DescribePodAsync(podId))!.Description.Should().Be("x");
    }

    [Fact]
    public async Task Associate_and_disassociate_an_EIP_report_false_when_already_done()
    {
        var podId = await RunningPodAsync("web");

        (await Client.AssociateElasticIpAsync(podId, "fip-team000001")).Should().BeTrue();
        (await Client.AssociateElasticIpAsync(podId, "fip-team000001")).Should().BeFalse("already bound to this pod");
        var pod = await Client.DescribePodAsync(podId);
        (pod!.BoundElasticIpId, pod.ElasticIpAddress).Should().Be(("fip-team000001", pod.ElasticIp!.ElasticIpAddress));

        (await Client.DisassociateElasticIpAsync(podId, "fip-team000001")).Should().BeTrue();
        (await Client.DisassociateElasticIpAsync(podId, "fip-team000001")).Should().BeFalse("no EIP bound any more");
        (await Client.DescribePodAsync(podId))!.BoundElasticIpId.Should().BeNull();
    }

    [Fact]
    public async Task A_second_EIP_or_the_wrong_one_is_InvalidArgument()
    {
        var podId = await RunningPodAsync("web");
        await Client.AssociateElasticIpAsync(podId, "fip-team000001");

        var second = async () => await Client.AssociateElasticIpAsync(podId, "fip-team000002");
        var wrong = async () => await Client.DisassociateElasticIpAsync(podId, "fip-team000002");

        (await second.Should().ThrowAsync<JdCloudApiException>()).Which.Should().Match<JdCloudApiException>(e =>
            e.Kind == JdCloudErrorKind.InvalidArgument && e.ObservedPhase == "running" && e.ErrorMessage!.Contains("a pod holds one"));
        (await wrong.Should().ThrowAsync<JdCloudApiException>()).Which.ErrorMessage.Should().Contain("is not the elastic IP of pod");
    }

    [Fact]
    public async Task GetContainerLogs_reads_a_container_log_with_the_documented_parameters()
    {
        var podId = await StoppedPodAsync("web");
        await Client.StartPodAsync(podId);
        Clock.Advance(Delay);

        var all = await Client.GetContainerLogsAsync(podId, "app");
        var last = await Client.GetContainerLogsAsync(podId, "app", new ContainerLogsQuery { TailLines = 1 });
        var first = await Client.GetContainerLogsAsync(podId, "app", new ContainerLogsQuery { LimitBytes = ContainerLogsQuery.MaxBytes, SinceSeconds = 3600 });

        all.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
        last.Should().EndWith("container app started (image nginx:1.25)\n").And.Be(all.Split('\n')[2] + "\n");
        first.Should().Be(all);
        var missing = async () => await Client.GetContainerLogsAsync(podId, "db");
        (await missing.Should().ThrowAsync<JdCloudApiException>()).Which.Kind.Should().Be(JdCloudErrorKind.NotFound);
    }

    [Fact]
    public async Task GetContainerLogs_sends_a_canonical_query_and_refuses_values_outside_the_ranges()
    {
        var podId = await RunningPodAsync("web");
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8));

        await Client.GetContainerLogsAsync(podId, "app", new ContainerLogsQuery { TailLines = 5, LimitBytes = 1, StartTime = at, EndTime = at.AddHours(-1) });

        var call = State.Calls.Snapshot("getContainerLogs").Single();
        call.Path.Should().Be($"/v1/regions/cn-north-1/pods/{podId}/containers/app%3AgetContainerLogs");
        call.Query.Should().Be("endTime=2026-01-01T18%3A04%3A05Z&limitBytes=1&startTime=2026-01-01T19%3A04%3A05Z&tailLines=5");
        foreach (var bad in new[] { new ContainerLogsQuery { LimitBytes = 4097 }, new ContainerLogsQuery { LimitBytes = 0 }, new ContainerLogsQuery { TailLines = 0 }, new ContainerLogsQuery { SinceSeconds = -1 } })
            await FluentActions.Awaiting(() => Client.GetContainerLogsAsync(podId, "app", bad)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task DescribePodsStatusByIds_returns_the_pods_that_exist_100_IDs_per_call()
    {
        var running = await RunningPodAsync("running");
        var stopped = await StoppedPodAsync("stopped");
        var deleted = await RunningPodAsync("deleted");
        await Client.DeletePodAsync(deleted);
        Clock.Advance(Delay);
        var ids = Enumerable.Range(0, 600).Select(i => $"pod-missing{i:D4}").Concat([running, stopped, deleted]).ToList();

        var statuses = await Client.DescribePodsStatusByIdsAsync(ids);

        statuses.Select(s => (s.PodId, s.Phase)).Should().BeEquivalentTo([(running, "running"), (stopped, "stopped")]);
        statuses.Should().OnlyContain(s => s.InstanceType == "g.n2.medium" && s.Containers!.Single().Name == "app");
        State.Calls.Snapshot("describePodsStatus").Should().HaveCount(7, "603 IDs in chunks of 100: 500 would make a 17 KB URL")
            .And.OnlyContain(c => c.Status == 200 && c.Query.Contains("pageSize=500"));
    }

    [Fact]
    public async Task DescribePodsStatus_filters_by_phase_one_page_at_a_time()
    {
        await RunningPodAsync("a");
        var stopped = await StoppedPodAsync("b");

        var page = await Client.DescribePodsStatusAsync(new DescribePodsStatusQuery { Filters = [PodFilter.Phases("stopped")], PageSize = 1 });

        page.TotalCount.Should().Be(1);
        page.PodsStatus!.Single().PodId.Should().Be(stopped);
        State.Calls.Snapshot("describePodsStatus").Single().Query.Should().Contain("pageSize=10", "kept inside the documented 10-500");
    }
}
