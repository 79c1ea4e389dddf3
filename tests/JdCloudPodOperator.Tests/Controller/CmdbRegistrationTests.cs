using System.Text.Json.Nodes;
using CmdbSimulator;
using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Cmdb;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// CMDB registration end to end: the real API server, the JD Cloud simulator and the CMDB simulator (gateway entry
/// point, credentials from a Secret read through the API), with the operator's defaults for the ids
/// (business 2, namespace 12, workload pods/77; see <see cref="CmdbTestEnvironment"/>).
/// </summary>
public sealed class CmdbRegistrationTests() : HarnessTest("ctl-cmdb")
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);
    private CmdbWorld _cmdb = null!;

    private SimulatorState Cmdb => _cmdb.State;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _cmdb = await CmdbWorld.StartAsync(_h);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _cmdb.DisposeAsync();
    }

    // The platform team lets this test's namespace register into all three test businesses.
    private Task<Microsoft.AspNetCore.Builder.WebApplication> StartOperatorAsync(bool requiredForReady = false, string flushDelay = "00:00:00.200") =>
        _h.StartOperatorAsync(tune: s => _cmdb.Configure(s, flushDelay, requiredForReady, "NS=2", "NS=3", "NS=4"));

    private JdCloudPod NewPod(string name, int maxCount = 1, CmdbSpec? cmdb = null)
    {
        var pod = _h.NewPod(name, maxCount);
        pod.Spec.Cmdb = cmdb ?? new CmdbSpec { Enabled = true };
        return pod;
    }

    private static bool Registered(JdCloudPod pod, int count) =>
        ControllerHarness.Condition(pod, Conditions.CmdbRegistered)?.Status == "True"
        && pod.Status?.Cmdb?.Pods is { } pods && pods.Count == count && pods.All(p => p.CmdbPodId is not null);

    private Task<JdCloudPod> WaitForRegisteredAsync(string name, int count, TimeSpan? limit = null) =>
        _h.WaitForAsync(name, p => Registered(p, count), $"{count} pods registered in CMDB", limit);

    private IReadOnlyList<JsonObject> CmdbPods(string? name = null) =>
        Cmdb.Pods.Where(p => name is null || ((string)p["name"]!).StartsWith(name, StringComparison.Ordinal)).ToList();

    private IReadOnlyList<CallRecord> Creates => Cmdb.Calls.Where(c => c.Api == "batch_create_kube_pod").ToList();

    [Fact]
    public async Task Deleting_a_resource_whose_status_also_records_another_resources_pod_leaves_its_CMDB_record_alone()
    {
        await StartOperatorAsync();
        await _h.CreateAsync(NewPod("holder"));
        var holder = await WaitForRegisteredAsync("holder", 1, Long);
        var record = holder.Status!.Cmdb!.Pods!.Single();
        // As an operator without claims could leave it: a second resource recording the same pod and CMDB record.
        var twin = NewPod("twin");
        twin.Metadata.Annotations = new Dictionary<string, string> { [Annotations.Paused] = "true" };
        twin.Metadata.Finalizers = [Annotations.Finalizer];
        await _h.CreateAsync(twin);
        await _h.WaitForAsync("twin", r => r.Status?.Phase == Phases.Paused, "paused");
        var cmdb = System.Text.Json.JsonSerializer.Serialize(holder.Status.Cmdb);
        await _h.Kube.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch($$$"""{"status":{"podIds":["{{{record.PodId}}}"],"cmdb":{{{cmdb}}}}}""", V1Patch.PatchType.MergePatch),
            JdCloudPod.Group, JdCloudPod.Version, _h.Namespace, JdCloudPod.Plural, "twin");

        await _h.DeleteAsync("twin");
        await _h.PatchAsync("twin", "{\"metadata\":{\"annotations\":{\"" + Annotations.Paused + "\":null}}}");
        await _h.WaitForGoneAsync("twin");

        Cmdb.Pods.Should().Contain(p => (long)p["id"]! == record.CmdbPodId, "the record serves the holder, which keeps the pod");
        Cmdb.Calls.Should().NotContain(c => c.Api == "batch_delete_kube_pod", "nothing of the holder's was removed");
        (await _h.GetAsync("holder"))!.Status!.Cmdb!.Pods!.Single().CmdbPodId.Should().Be(record.CmdbPodId);
    }

    [Fact]
    public async Task Running_pods_are_registered_with_ids_in_status_and_removed_from_CMDB_before_the_finalizer_goes()
    {
        await StartOperatorAsync();
        await _h.CreateAsync(NewPod("reg", maxCount: 2));

        var pod = await WaitForRegisteredAsync("reg", 2);

        ControllerHarness.IsReady(pod).Should().BeTrue();
        var stored = CmdbPods("reg");
        stored.Should().HaveCount(2);
        pod.Status!.Cmdb!.BizId.Should().Be(2);
        pod.Status.Cmdb.Workload.Should().BeEquivalentTo(new CmdbWorkloadReference { Kind = "pods", Id = 77 });
        foreach (var entry in pod.Status.Cmdb.Pods!)
        {
            pod.Status.PodIds.Should().Contain(entry.PodId);
            var cloud = pod.Status.Pods!.Single(p => p.PodId == entry.PodId);
            var cmdb = stored.Single(p => (long)p["id"]! == entry.CmdbPodId);
            ((string)cmdb["name"]!).Should().Be(cloud.Name).And.Be(entry.Name);
            ((string)cmdb["ip"]!).Should().Be(cloud.PrivateIpAddress);
            var container = cmdb["containers"]!.AsArray().Should().ContainSingle().Subject!;
            ((string)container["name"]!).Should().Be("web");
            ((string)container["container_uid"]!).Should().Be($"{entry.PodId}/web");
            ((string)container["image"]!).Should().Be("nginx:1.27");
        }
        ControllerHarness.Condition(pod, Conditions.CmdbRegistered)!.Message.Should().Contain("2 pod(s) registered in CMDB business 2");
        await _h.WaitForEventAsync("reg", EventReasons.CmdbRegistered);

        await _h.DeleteAsync("reg");
        await _h.WaitForGoneAsync("reg");

        CmdbPods().Should().BeEmpty("deregistration runs before the finalizer is released");
        Cmdb.Calls.Should().Contain(c => c.Api == "batch_delete_kube_pod" && c.PodCount == 2 && c.Code == 0);
        _h.LiveCloudPods("reg").Should().BeEmpty();
    }

    [Fact]
    public async Task A_rebuilt_pod_is_registered_again_with_its_new_image_and_a_replaced_one_leaves_CMDB()
    {
        await StartOperatorAsync();
        var pod = NewPod("roll", maxCount: 2);
        pod.Spec.UpdateStrategy = new UpdateStrategySpec { Type = UpdateStrategyTypes.Recreate };
        await _h.CreateAsync(pod);
        var before = await WaitForRegisteredAsync("roll", 2, Long);

        var rebuilt = await _h.EditAsync("roll", s => s.PodSpec!.Containers![0].Image = "nginx:1.28");
        var updated = await _h.WaitForAsync("roll", p => RolledOut(p, rebuilt) && Registered(p, 2) && p.Status!.Cmdb!.Pods!.All(e => e.Revision == p.Status.UpdateRevision), "rebuilt and registered again", Long);
        updated.Status!.PodIds.Should().BeEquivalentTo(before.Status!.PodIds!, "rebuilt in place");
        CmdbPods("roll").Should().HaveCount(2).And.OnlyContain(p => (string)p["containers"]![0]!["image"]! == "nginx:1.28");

        var moved = await _h.EditAsync("roll", s => s.PodSpec!.Az = "cn-north-1b");
        var replaced = await _h.WaitForAsync("roll", p => RolledOut(p, moved) && p.Status!.PodIds!.Intersect(before.Status!.PodIds!).Any() == false && Registered(p, 2), "replaced and registered", Long);
        CmdbPods("roll").Select(p => (long)p["id"]!).Should().BeEquivalentTo(replaced.Status!.Cmdb!.Pods!.Select(e => e.CmdbPodId!.Value),
            "the replaced pods left CMDB, the new ones are in it");
    }

    private static bool RolledOut(JdCloudPod pod, JdCloudPod edited) =>
        pod.Status is { } status && status.ObservedGeneration == edited.Metadata.Generation && ControllerHarness.IsReady(pod)
        && status.Rollout is null && status.UpdatedCount == pod.Spec.MaxCount;

    [Fact]
    public async Task Scaling_down_removes_the_registrations_of_the_deleted_pods()
    {
        await StartOperatorAsync();
        await _h.CreateAsync(NewPod("down", maxCount: 3));
        var before = await WaitForRegisteredAsync("down", 3);

        await _h.PatchAsync("down", """{"spec":{"maxCount":1}}""");
        var after = await _h.WaitForAsync("down", p => ControllerHarness.IsReady(p) && p.Status!.PodIds!.Count == 1 && Registered(p, 1),
            "scaled down to 1 with 1 registration");

        var kept = after.Status!.Cmdb!.Pods!.Single();
        kept.PodId.Should().Be(after.Status.PodIds!.Single());
        kept.CmdbPodId.Should().Be(before.Status!.Cmdb!.Pods!.Single(p => p.PodId == kept.PodId).CmdbPodId, "the kept pod keeps its registration");
        CmdbPods("down").Select(p => (long)p["id"]!).Should().Equal(kept.CmdbPodId!.Value);
    }

    [Fact]
    public async Task Moving_to_another_business_re_registers_and_turning_it_off_removes_everything()
    {
        await StartOperatorAsync();
        await _h.CreateAsync(NewPod("move"));
        var before = await WaitForRegisteredAsync("move", 1);

        await _h.PatchAsync("move", """{"spec":{"cmdb":{"bizId":3,"namespaceId":13,"workload":{"kind":"pods","id":78}}}}""");
        var moved = await _h.WaitForAsync("move", p => p.Status?.Cmdb?.BizId == 3 && Registered(p, 1), "registered under business 3");

        moved.Status!.Cmdb!.Pods![0].CmdbPodId.Should().NotBe(before.Status!.Cmdb!.Pods![0].CmdbPodId);
        CmdbPods("move").Should().ContainSingle().Which["bk_biz_id"]!.GetValue<long>().Should().Be(3);

        await _h.PatchAsync("move", """{"spec":{"cmdb":{"enabled":false}}}""");
        var off = await _h.WaitForAsync("move", p => p.Status?.Cmdb is null && ControllerHarness.Condition(p, Conditions.CmdbRegistered) is null,
            "no registrations and no CmdbRegistered condition");

        CmdbPods().Should().BeEmpty();
        ControllerHarness.IsReady(off).Should().BeTrue();
    }

    [Fact]
    public async Task Permission_denied_shows_the_servers_code_and_the_action_and_Ready_does_not_wait()
    {
        Cmdb.Deny("create_container_pod", 2);
        await StartOperatorAsync();
        await _h.CreateAsync(NewPod("denied"));

        var pod = await _h.WaitForAsync("denied",
            p => ControllerHarness.IsReady(p) && ControllerHarness.Condition(p, Conditions.CmdbRegistered)?.Reason == Reasons.CmdbPermissionDenied,
            "Ready, CmdbRegistered False with the denial");

        var condition = ControllerHarness.Condition(pod, Conditions.CmdbRegistered)!;
        condition.Status.Should().Be("False");
        condition.Message.Should().Contain("CMDB error 9900403").And.Contain("create_container_pod");
        pod.Status!.Cmdb!.Pods.Should().ContainSingle().Which.CmdbPodId.Should().BeNull();
        CmdbPods().Should().BeEmpty();
        await _h.WaitForEventAsync("denied", EventReasons.CmdbRegistrationFailed, "create_container_pod");
    }

    [Fact]
    public async Task With_required_for_ready_Ready_waits_for_the_registration()
    {
        Cmdb.Deny("create_container_pod", 2);
        await StartOperatorAsync(requiredForReady: true);
        await _h.CreateAsync(NewPod("gated"));

        var held = await _h.WaitForAsync("gated",
            p => ControllerHarness.Condition(p, Conditions.Ready) is { Reason: Reasons.CmdbNotRegistered } ready
                 && ready.Message.Contains("create_container_pod"), "Ready held back by CMDB's denial");
        ControllerHarness.Condition(held, Conditions.Ready)!.Status.Should().Be("False");
        held.Status!.Phase.Should().Be(Phases.Running, "the cloud pods themselves run");

        Cmdb.Reset();
        var ready = await _h.WaitForAsync("gated", p => ControllerHarness.IsReady(p) && Registered(p, 1), "Ready once registered");
        CmdbPods("gated").Should().ContainSingle().Which["id"]!.GetValue<long>().Should().Be(ready.Status!.Cmdb!.Pods![0].CmdbPodId!.Value);
    }

    [Fact]
    public async Task An_operator_restarted_mid_registration_neither_duplicates_nor_loses_a_registration()
    {
        // The create is processed, but its reply arrives only after the operator is gone.
        Cmdb.SetFaults("batch_create_kube_pod", new FaultPlan(LatencyMs: 4000));
        var first = await StartOperatorAsync();
        await _h.CreateAsync(NewPod("restart", maxCount: 2));
        await Eventually(() => Creates.Any(c => c.Code == 0), "the create processed by CMDB");
        var pending = await _h.GetAsync("restart");
        pending!.Status!.Cmdb!.Pods.Should().HaveCount(2).And.OnlyContain(p => p.CmdbPodId == null, "the entries are written before the call");

        await _h.StopOperatorAsync(first);
        Cmdb.SetFaults("batch_create_kube_pod", new FaultPlan());
        await StartOperatorAsync();
        var pod = await WaitForRegisteredAsync("restart", 2);

        CmdbPods("restart").Select(p => (long)p["id"]!).Should().BeEquivalentTo(pod.Status!.Cmdb!.Pods!.Select(p => p.CmdbPodId!.Value));
        Creates.Where(c => c.Code == 0).Should().ContainSingle("the restarted operator lists first and finds both pods");
    }

    [Fact]
    public async Task A_pod_stopped_before_its_registration_landed_is_not_claimed_as_registered()
    {
        Cmdb.SetFaults("batch_create_kube_pod", new FaultPlan(ErrorRate: 1, ErrorCode: 1199065));
        await StartOperatorAsync();
        await _h.CreateAsync(NewPod("halt"));
        await _h.WaitForAsync("halt", p => p.Status?.Cmdb?.Pods is [{ CmdbPodId: null }] && ControllerHarness.IsReady(p), "running, its registration failing");

        await _h.EditAsync("halt", s => s.RunState = RunStates.Stopped);
        await _h.WaitForAsync("halt", p => p.Status?.Phase == Phases.Stopped, "stopped", Long);
        Cmdb.SetFaults("batch_create_kube_pod", new FaultPlan());
        await Task.Delay(TimeSpan.FromSeconds(3));

        var stopped = await _h.WaitForAsync("halt", p => ControllerHarness.Condition(p, Conditions.CmdbRegistered)?.Reason == Reasons.NoRunningPods,
            "CmdbRegistered False until the pod runs");
        ControllerHarness.Condition(stopped, Conditions.CmdbRegistered)!.Status.Should().Be("False");
        stopped.Status!.Cmdb!.Pods!.Single().CmdbPodId.Should().BeNull();
    }

    [Fact]
    public async Task A_pod_CMDB_refuses_is_isolated_and_the_others_of_the_batch_are_registered()
    {
        await StartOperatorAsync(flushDelay: "00:00:01");
        await _h.CreateAsync(NewPod("good", maxCount: 2));
        await _h.CreateAsync(NewPod("bad", cmdb: new CmdbSpec { Enabled = true, Workload = new CmdbWorkloadReference { Kind = "pods", Id = 999 } }));

        await WaitForRegisteredAsync("good", 2);
        var bad = await _h.WaitForAsync("bad", p => ControllerHarness.Condition(p, Conditions.CmdbRegistered)?.Reason == Reasons.CmdbRejected,
            "CmdbRegistered False: rejected");

        ControllerHarness.Condition(bad, Conditions.CmdbRegistered)!.Message.Should()
            .Contain("CMDB error 1199006: 'workload' data parameter verification does not pass");
        ControllerHarness.IsReady(bad).Should().BeTrue();
        CmdbPods("good").Should().HaveCount(2);
        CmdbPods("bad").Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(450)]
    public async Task Pods_of_many_resources_and_businesses_are_registered_in_calls_of_at_most_200(int total)
    {
        await StartOperatorAsync(flushDelay: "00:00:01");
        var sizes = Enumerable.Range(0, (total + 49) / 50).Select(i => Math.Min(50, total - i * 50)).ToList();
        for (var i = 0; i < sizes.Count; i++)
        {
            var (bizId, namespaceId, workloadId) = CmdbTestEnvironment.Businesses[i % 3];
            await _h.CreateAsync(NewPod($"many-{i}", sizes[i], new CmdbSpec
            {
                Enabled = true, BizId = bizId, NamespaceId = namespaceId, Workload = new CmdbWorkloadReference { Kind = "pods", Id = workloadId },
            }));
        }

        for (var i = 0; i < sizes.Count; i++) await WaitForRegisteredAsync($"many-{i}", sizes[i], Long);

        Cmdb.Pods.Should().HaveCount(total);
        Cmdb.Pods.Select(p => (long)p["id"]!).Should().OnlyHaveUniqueItems();
        Creates.Should().OnlyContain(c => c.PodCount <= 200, "the server's limit is never exceeded");
        Creates.Where(c => c.Code == 0).Sum(c => c.PodCount).Should().Be(total, "every pod is created exactly once");
        Cmdb.Pods.Select(p => (long)p["bk_biz_id"]!).Distinct().Should().HaveCount(Math.Min(3, sizes.Count));
    }

    private static Task Eventually(Func<bool> condition, string what) =>
        Infrastructure.Eventually.Until(condition, what, ControllerHarness.Limit);
}
