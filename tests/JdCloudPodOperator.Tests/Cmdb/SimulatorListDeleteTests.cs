using CmdbSimulator;
using static JdCloudPodOperator.Tests.Cmdb.SimulatorFixture;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>list_kube_pod and batch_delete_kube_pod (docs/bkcmdb-api.md) in the simulator, each rule both
/// sides.</summary>
public sealed class SimulatorListDeleteTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture sim;

    public SimulatorListDeleteTests(SimulatorFixture sim)
    {
        this.sim = sim;
        sim.State.Reset();
    }

    private Task<Answer> ListAsync(object body) => sim.NativeAsync(ListPath, JsonSerializerToString(body));

    private static string JsonSerializerToString(object body) => body as string ?? System.Text.Json.JsonSerializer.Serialize(body);

    private async Task<IReadOnlyList<long>> SeedAsync(int count, string prefix = "p")
    {
        var answer = await sim.CreateAsync(Enumerable.Range(0, count).Select(i => Pod($"{prefix}{i}")).ToArray());
        answer.ShouldSucceed();
        return answer.Ids;
    }

    [Theory]
    [InlineData("""{"page":{"start":0,"limit":10}}""", 1199010, "'bk_biz_id' unassigned")]
    [InlineData("""{"bk_biz_id":0,"page":{"start":0,"limit":10}}""", 1199010, "'bk_biz_id' unassigned")]
    [InlineData("""{"bk_biz_id":2,"page":{"start":-1,"limit":10}}""", 1199011, "'page.start' the parameter is invalid or does not exist")]
    [InlineData("""{"bk_biz_id":2,"page":{"start":0,"limit":0}}""", 1199011, "'page.limit' the parameter is invalid or does not exist")]
    [InlineData("""{"bk_biz_id":2}""", 1199011, "'page.limit' the parameter is invalid or does not exist")]
    [InlineData("""{"bk_biz_id":2,"page":{"start":0,"limit":501}}""", 1199059, "page limit is exceeded. suggestion 200")]
    [InlineData("""{"bk_biz_id":2,"page":{"limit":10,"enable_count":true}}""", 1199006, "'page.enable_count' data parameter verification does not pass")]
    [InlineData("""{"bk_biz_id":2,"page":{"sort":"id","enable_count":true}}""", 1199006, "'page.enable_count' data parameter verification does not pass")]
    [InlineData("""{"bk_biz_id":"2","page":{"start":0,"limit":10}}""", 1199000, "Deserializing JSON data failed")]
    [InlineData("""{"bk_biz_id":0,"page":{"start":-1,"limit":999}}""", 1199010, "'bk_biz_id' unassigned")]
    public async Task List_rejects_in_the_documented_order(string body, long code, string message)
    {
        (await ListAsync(body)).ShouldFail(code, message);
    }

    [Theory]
    [InlineData("""{"bk_biz_id":2,"page":{"start":0,"limit":500}}""")]
    [InlineData("""{"bk_biz_id":2,"page":{"start":0,"limit":1}}""")]
    [InlineData("""{"bk_biz_id":2,"page":{"start":0,"limit":999999999}}""")]
    [InlineData("""{"bk_biz_id":2,"page":{"enable_count":true}}""")]
    [InlineData("""{"bk_biz_id":2,"filter":null,"fields":[],"page":{"start":0,"limit":10}}""")]
    public async Task List_accepts_the_edges(string body)
    {
        (await ListAsync(body)).ShouldSucceed();
    }

    [Fact]
    public async Task List_pages_sorts_counts_and_projects_fields_without_containers()
    {
        var ids = await SeedAsync(7);

        var pages = new List<long>();
        for (var start = 0; start < 9; start += 3)
        {
            var page = await ListAsync(new { bk_biz_id = 2, fields = new[] { "id", "name" }, page = new { start, limit = 3 } });
            page.ShouldSucceed();
            ((long)page.Body["data"]!["count"]!).Should().Be(0, "count is always 0 in detail mode");
            var info = page.Body["data"]!["info"]!.AsArray();
            info.Should().OnlyContain(p => p!.AsObject().Select(kv => kv.Key).SequenceEqual(new[] { "id", "name" }));
            pages.AddRange(info.Select(p => (long)p!["id"]!));
        }
        var descending = await ListAsync(new { bk_biz_id = 2, page = new { start = 0, limit = 2, sort = "-id" } });
        var count = await ListAsync(new { bk_biz_id = 2, page = new { enable_count = true } });
        var all = await ListAsync(new { bk_biz_id = 2, page = new { start = 0, limit = 1 } });

        pages.Should().Equal(ids);
        descending.Body["data"]!["info"]!.AsArray().Select(p => (long)p!["id"]!).Should().Equal(ids[6], ids[5]);
        ((long)count.Body["data"]!["count"]!).Should().Be(7);
        count.Body["data"]!["info"]!.AsArray().Should().BeEmpty();
        var full = all.Body["data"]!["info"]![0]!.AsObject();
        full.Should().ContainKeys("id", "bk_biz_id", "ref", "labels", "operator", "creator", "create_time").And.NotContainKey("containers");
    }

    [Fact]
    public async Task List_filters_by_workload_and_names_and_shared_namespaces_widen_the_scope()
    {
        await SeedAsync(3);
        var filter = new
        {
            condition = "OR",
            rules = new object[]
            {
                new { condition = "AND", rules = new object[]
                {
                    new { field = "ref.kind", @operator = "equal", value = "pods" },
                    new { field = "ref.id", @operator = "equal", value = 77 },
                    new { field = "name", @operator = "in", value = new[] { "p0", "p2", "zz" } },
                } },
            },
        };

        var found = await ListAsync(new { bk_biz_id = 2, filter, fields = new[] { "name" }, page = new { start = 0, limit = 10 } });
        var fromBiz3 = await ListAsync(new { bk_biz_id = 3, page = new { start = 0, limit = 10 } });
        sim.State.Seed(new Topology(Namespaces: [new KubeNamespace(12, 5, 2, "ns-2", [3])]));
        var shared = await ListAsync(new { bk_biz_id = 3, page = new { start = 0, limit = 10 } });
        sim.State.Seed(new Topology(Namespaces: [new KubeNamespace(12, 5, 2, "ns-2")]));

        found.Body["data"]!["info"]!.AsArray().Select(p => (string)p!["name"]!).Should().Equal("p0", "p2");
        fromBiz3.Body["data"]!["info"]!.AsArray().Should().BeEmpty();
        shared.Body["data"]!["info"]!.AsArray().Should().HaveCount(3);
    }

    private static object Rules(int count) => new
    {
        condition = "AND",
        rules = Enumerable.Range(0, count).Select(_ => new { field = "name", @operator = "not_equal", value = "x" }).ToArray(),
    };

    private static object Nested(int depth) => depth == 1
        ? new { field = "name", @operator = "equal", value = "p0" }
        : new { condition = "AND", rules = new[] { Nested(depth - 1) } };

    public static TheoryData<string, object, bool> Filters => new()
    {
        { "50 rules", Rules(50), true },
        { "51 rules", Rules(51), false },
        { "in with 500", new { field = "name", @operator = "in", value = Enumerable.Range(0, 500).Select(i => $"n{i}").ToArray() }, true },
        { "in with 501", new { field = "name", @operator = "in", value = Enumerable.Range(0, 501).Select(i => $"n{i}").ToArray() }, false },
        { "depth 4", Nested(5), true },
        { "depth 5", Nested(6), false },
        { "pod field", new { field = "labels", @operator = "exist", value = (string?)null }, true },
        { "not a pod field", new { field = "bk_host_innerip", @operator = "equal", value = "x" }, false },
        { "operator between", new { field = "id", @operator = "between", value = new[] { 1, 2 } }, false },
        { "condition XOR", new { condition = "XOR", rules = new[] { new { field = "id", @operator = "equal", value = 1 } } }, false },
        { "condition of another type", new { condition = 1, rules = new[] { new { field = "id", @operator = "equal", value = 1 } } }, false },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filter_limits_are_enforced_with_1199006(string name, object filter, bool accepted)
    {
        var answer = await ListAsync(new { bk_biz_id = 2, filter, page = new { start = 0, limit = 10 } });

        if (accepted) answer.ShouldSucceed();
        else answer.Code.Should().Be(1199006, name);
    }

    [Fact]
    public async Task List_permission_denial_names_the_business()
    {
        sim.State.Deny("view_business_resource", 4);

        var denied = await ListAsync(new { bk_biz_id = 4, page = new { start = 0, limit = 10 } });

        denied.ShouldFail(9900403, "Do not have access permission.");
        var action = denied.Body["permission"]!["actions"]![0]!;
        ((string)action["id"]!).Should().Be("view_business_resource");
        ((string)action["related_resource_types"]![0]!["instances"]![0]![0]!["id"]!).Should().Be("4");
        (await ListAsync(new { bk_biz_id = 2, page = new { start = 0, limit = 10 } })).ShouldSucceed();
    }

    private Task<Answer> DeleteAsync(object body) => sim.NativeAsync(DeletePath, JsonSerializerToString(body));

    private static object Entry(long biz, IEnumerable<long> ids) => new { bk_biz_id = biz, ids = ids.ToArray() };

    [Fact]
    public async Task Delete_validates_in_interleaved_order()
    {
        (await DeleteAsync("{}")).ShouldFail(1199010, "'data' unassigned");
        (await DeleteAsync("{\"data\":\"x\"}")).ShouldFail(1199000, "Deserializing JSON data failed");
        (await DeleteAsync(new { data = Enumerable.Range(0, 201).Select(i => Entry(2, [i + 1])) })).ShouldFail(1199035, " data exceed the limit 200");
        (await DeleteAsync(new { data = new[] { Entry(0, [1]) } })).ShouldFail(1199010, "'bk_biz_id' unassigned");
        (await DeleteAsync(new { data = new[] { Entry(2, []) } })).ShouldFail(1199010, "'ids' unassigned");
        // The running total passes 200 in the second entry, before the third entry's missing bk_biz_id is seen.
        var interleaved = new { data = new[] { Entry(2, Enumerable.Range(1, 150).Select(i => (long)i)), Entry(2, Enumerable.Range(151, 51).Select(i => (long)i)), Entry(0, [1]) } };
        (await DeleteAsync(interleaved)).ShouldFail(1199035, " pods exceed the limit 200");
        var missingBizFirst = new { data = new[] { Entry(2, [1]), Entry(0, [2]), Entry(2, Enumerable.Range(1, 250).Select(i => (long)i)) } };
        (await DeleteAsync(missingBizFirst)).ShouldFail(1199010, "'bk_biz_id' unassigned");
    }

    [Fact]
    public async Task Delete_accepts_200_entries_and_200_ids_ignores_unknown_ids_and_removes_containers()
    {
        var ids = await SeedAsync(3);

        (await DeleteAsync(new { data = Enumerable.Range(0, 200).Select(i => Entry(2, [100000 + i])) })).ShouldSucceed();
        var answer = await DeleteAsync(new { data = new[] { Entry(2, ids.Take(2).Concat(Enumerable.Range(100000, 198).Select(i => (long)i))) } });
        var again = await DeleteAsync(new { data = new[] { Entry(2, ids.Take(2)) } });

        answer.ShouldSucceed();
        answer.Body["data"].Should().BeNull();
        answer.Body.ContainsKey("data").Should().BeTrue();
        again.ShouldSucceed();
        sim.State.Pods.Select(p => (long)p["id"]!).Should().Equal(ids[2]);
        sim.State.Pods[0]["containers"]!.AsArray().Should().HaveCount(1, "the surviving pod keeps its container");
    }

    [Fact]
    public async Task Delete_needs_the_pods_business_or_a_shared_namespace_and_the_delete_permission()
    {
        var ids = await SeedAsync(1);

        (await DeleteAsync(new { data = new[] { Entry(3, ids) } })).ShouldFail(1199006, "'bk_biz_id' data parameter verification does not pass");
        sim.State.Deny("delete_container_pod", 2);
        var denied = await DeleteAsync(new { data = new[] { Entry(2, ids) } });

        denied.ShouldFail(9900403, "Do not have access permission.");
        ((string)denied.Body["permission"]!["actions"]![0]!["id"]!).Should().Be("delete_container_pod");
        ((string)denied.Body["permission"]!["actions"]![0]!["name"]!).Should().Be("容器Pod删除");
        sim.State.Pods.Should().HaveCount(1);
    }
}
