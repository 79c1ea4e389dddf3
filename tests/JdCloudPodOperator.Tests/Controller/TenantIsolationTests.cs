using System.Net.Http.Json;
using System.Text;
using CmdbSimulator;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Controller.Status;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Controller;

/// <summary>
/// The tenant-isolation probes of the operator's issue 15, rerun on the real API server with the JD Cloud and CMDB
/// simulators: a tenant cannot claim or delete another's CMDB record, cannot register outside the businesses the
/// platform team gave its namespace, and cannot change what other resources' Events say.
/// </summary>
public sealed class TenantIsolationTests() : HarnessTest("tenancy")
{
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

    /// <summary>The operator with the CMDB simulator, default business 2 (pods/77), and these namespace map entries.</summary>
    private Task StartOperatorAsync(params string[] allowed) =>
        _h.StartOperatorAsync(tune: s => _cmdb.Configure(s, flushDelay: "00:00:00.100", allowed: allowed));

    public static TheoryData<long, long, long, string[]> Businesses => new()
    {
        // Business 3 granted to the namespace by the platform team: the record there is still not the tenant's.
        { 3, 13, 78, ["NS=3"] },
        // The default business, with a record created outside the operator.
        { 2, 12, 77, [] },
    };

    [Theory]
    [MemberData(nameof(Businesses))]
    public async Task A_record_of_the_same_name_made_by_someone_else_is_neither_claimed_nor_deleted(
        long bizId, long namespaceId, long workloadId, string[] allowed)
    {
        var strangerId = await CreateStrangerRecordAsync("payroll-db", bizId, namespaceId, workloadId);
        await StartOperatorAsync(allowed);
        var pod = _h.NewPod("payroll", podName: "payroll-db");
        pod.Spec.Cmdb = new CmdbSpec
        {
            Enabled = true, BizId = bizId, NamespaceId = namespaceId, Workload = new CmdbWorkloadReference { Kind = "pods", Id = workloadId },
        };
        await _h.CreateAsync(pod);

        var conflicted = await _h.WaitForAsync("payroll",
            p => ControllerHarness.Condition(p, Conditions.CmdbRegistered)?.Reason == Reasons.CmdbConflict, "CmdbRegistered False: CmdbConflict");

        var condition = ControllerHarness.Condition(conflicted, Conditions.CmdbRegistered)!;
        condition.Status.Should().Be("False");
        condition.Message.Should().Contain($"CMDB id {strangerId}").And.Contain("neither adopted nor deleted");
        conflicted.Status!.Cmdb!.Pods.Should().ContainSingle().Which.CmdbPodId.Should().BeNull("the stranger's id is never taken into status");

        await _h.DeleteAsync("payroll");
        await _h.WaitForGoneAsync("payroll");

        Cmdb.Pods.Should().ContainSingle(p => (long)p["id"]! == strangerId, "deleting the tenant's resource leaves the stranger's record");
        Cmdb.Calls.Where(c => c.Api == "batch_delete_kube_pod").Should().BeEmpty();
    }

    [Theory]
    [InlineData(2, new string[0], true)]
    [InlineData(3, new string[0], false)]
    [InlineData(3, new[] { "NS=3" }, true)]
    [InlineData(2, new[] { "NS=3" }, false)]
    public async Task The_controller_registers_only_into_the_businesses_of_the_namespace(long bizId, string[] allowed, bool registers)
    {
        await StartOperatorAsync(allowed);
        var pod = _h.NewPod($"biz{bizId}");
        var (namespaceId, workloadId) = bizId == 2 ? (12L, 77L) : (13L, 78L);
        pod.Spec.Cmdb = new CmdbSpec
        {
            Enabled = true, BizId = bizId, NamespaceId = namespaceId, Workload = new CmdbWorkloadReference { Kind = "pods", Id = workloadId },
        };
        await _h.CreateAsync(pod);

        if (registers)
        {
            await _h.WaitForAsync(pod.Metadata.Name, p => ControllerHarness.Condition(p, Conditions.CmdbRegistered)?.Status == "True", "registered");
            Cmdb.Pods.Should().ContainSingle().Which["bk_biz_id"]!.GetValue<long>().Should().Be(bizId);
            return;
        }
        var stalled = await _h.WaitForAsync(pod.Metadata.Name,
            p => ControllerHarness.Condition(p, Conditions.Stalled) is { Status: "True", Reason: Reasons.InvalidSpec }, "Stalled: InvalidSpec");
        ControllerHarness.Condition(stalled, Conditions.Stalled)!.Message.Should()
            .Contain($"spec.cmdb.bizId: Forbidden: business {bizId} is not allowed for namespace \"{_h.Namespace}\"");
        Cmdb.Calls.Should().BeEmpty("nothing reaches CMDB");
    }

    [Fact]
    public async Task One_tenants_weak_credentials_do_not_change_what_other_resources_events_say()
    {
        // The probe: a Secret with accessKey=cloud and secretKey=clientToken.
        await _h.Kube.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "weak" },
            StringData = new Dictionary<string, string> { ["accessKey"] = "cloud", ["secretKey"] = "clientToken" },
        }, _h.Namespace);
        await StartOperatorAsync();
        var weak = _h.NewPod("weak");
        weak.Spec.CredentialsSecretRef!.Name = "weak";
        await _h.CreateAsync(weak);
        await _h.WaitForEventAsync("weak", Reasons.AuthenticationFailed);

        await _h.CreateAsync(_h.NewPod("other"));
        var created = await _h.WaitForEventAsync("other", EventReasons.Created);

        created.Message.Should().StartWith("created cloud pods ").And.Contain("(clientToken ").And.NotContain("***");
        (await _h.EventsAsync("weak")).Should().NotContain(e => e.Message.Contains("clientToken") && !e.Message.Contains("***"),
            "the weak tenant's own Events still mask its own credentials");
    }

    /// <summary>A pod registered in CMDB by someone else (native entry point, another user, no owner label).</summary>
    private async Task<long> CreateStrangerRecordAsync(string name, long bizId, long namespaceId, long workloadId)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_cmdb.Simulator.BaseUrl, "/api/v3/createmany/kube/pod"))
        {
            Content = new StringContent($$$"""
                {"data": [{"bk_biz_id": {{{bizId}}}, "pods": [{"spec": {"bk_cluster_id": 5, "bk_namespace_id": {{{namespaceId}}}, "bk_node_id": 31,
                  "ref": {"kind": "pods", "id": {{{workloadId}}}}}, "bk_host_id": 1001, "name": "{{{name}}}", "operator": ["payroll-team"],
                  "containers": [{"name": "db", "container_uid": "payroll/db", "image": "postgres:16"}]}]}]}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Bkcmdb-Supplier-Account", "0");
        request.Headers.Add("X-Bkcmdb-User", "payroll-team");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        return body!["data"]!["ids"]![0]!.GetValue<long>();
    }
}
