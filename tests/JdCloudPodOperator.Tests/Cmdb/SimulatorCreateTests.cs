using System.Text.Json.Nodes;
using CmdbSimulator;
using static JdCloudPodOperator.Tests.Cmdb.SimulatorFixture;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>batch_create_kube_pod in the simulator: every rule of docs/bkcmdb-api.md, batch_create_kube_pod body and
/// processing, accepted at the edge and rejected past it.</summary>
public sealed class SimulatorCreateTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture sim;

    public SimulatorCreateTests(SimulatorFixture sim)
    {
        this.sim = sim;
        sim.State.Reset();
    }

    [Fact]
    public async Task The_fact_sheet_minimal_body_is_accepted_and_stored_with_values_from_workload_and_node()
    {
        var answer = await sim.CreateAsync(Pod());

        answer.ShouldSucceed();
        answer.Body.Select(kv => kv.Key).Should().Equal("result", "bk_error_code", "bk_error_msg", "permission", "data");
        var pod = sim.State.Pods.Should().ContainSingle().Subject;
        ((long)pod["id"]!).Should().Be(answer.Ids[0]);
        ((long)pod["bk_biz_id"]!).Should().Be(2);
        ((string)pod["namespace"]!).Should().Be("ns-2");
        ((string)pod["node_name"]!).Should().Be("jdcloud-virtual-node");
        ((string)pod["ref"]!["name"]!).Should().Be("pods");
        ((string)pod["creator"]!).Should().Be("admin");
        ((string)pod["containers"]![0]!["image"]!).Should().Be("nginx:1.25");
    }

    public static TheoryData<string, string> WrongTypes => new()
    {
        { "bk_host_id", "\"1001\"" },
        { "spec.ref.kind", "1" },
        { "spec.bk_cluster_id", "5.5" },
        { "priority", "{}" },
        { "volumes", "{}" },
        { "tolerations", "{}" },
        { "labels", "{\"app\": 1}" },
        { "containers.0.limits", "{\"cpu\": \"100m\"}" },
        { "containers.0.liveness", "{\"httpGet\": {\"port\": 8080}}" },
        { "containers.0.liveness", "{\"tcpSocket\": {\"port\": \"http\"}}" },
        { "bk_biz_id", "\"2\"" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_wrong_json_type_anywhere_fails_the_whole_request_with_1199000(string path, string json)
    {
        var answer = await sim.CreateAsync(Pod("ok"), With(Pod(), path, JsonNode.Parse(json)));

        answer.ShouldFail(1199000, "Deserializing JSON data failed");
        sim.State.Pods.Should().BeEmpty();
    }

    public static TheoryData<string, string> RightTypes => new()
    {
        { "priority", "7" },
        { "volumes", "[{\"name\": \"data\", \"emptyDir\": {}}]" },
        { "tolerations", "[{\"key\": \"k\", \"operator\": \"Exists\", \"tolerationSeconds\": 30}]" },
        { "containers.0.limits", "{\"cpu\": {}}" },
        { "containers.0.requests", "null" },
        { "containers.0.liveness", "{\"httpGet\": {\"port\": {\"type\": 0, \"int_val\": 8080, \"str_val\": \"\"}}}" },
        { "containers.0.ports", "[{\"name\": \"\", \"containerPort\": 80, \"protocol\": \"anything\"}]" },
        { "qos_class", "\"NotAQosClass\"" },
        { "bk_biz_id", "999" },
        { "spec.bk_pod_id", "\"ignored\"" },
        { "unknown_key", "{\"anything\": [1, 2]}" },
    };

    [Theory]
    [MemberData(nameof(RightTypes))]
    public async Task The_same_fields_with_the_right_types_or_ignored_keys_are_accepted(string path, string json)
    {
        (await sim.CreateAsync(With(Pod(), path, JsonNode.Parse(json)))).ShouldSucceed();
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_1199000_and_an_empty_body_lacks_data()
    {
        (await sim.NativeAsync(CreatePath, "{not json")).ShouldFail(1199000, "Deserializing JSON data failed");
        (await sim.NativeAsync(CreatePath, "[]")).ShouldFail(1199000, "Deserializing JSON data failed");
        (await sim.NativeAsync(CreatePath, "")).ShouldFail(1199010, "'data' unassigned");
        (await sim.NativeAsync(CreatePath, "{\"data\": []}")).ShouldFail(1199010, "'data' unassigned");
        (await sim.NativeAsync(CreatePath, "{\"bk_biz_id\": 2}")).ShouldFail(1199010, "'data' unassigned");
    }

    [Fact]
    public async Task Two_hundred_pods_summed_across_businesses_pass_and_201_fail_with_the_exact_message()
    {
        JsonObject[] Pods(string prefix, int n, int business) => Enumerable.Range(0, n).Select(i =>
        {
            var pod = Pod($"{prefix}{i}");
            var (_, ns, workload) = CmdbTestEnvironment.Businesses[business];
            With(pod, "spec.bk_namespace_id", ns);
            return With(pod, "spec.ref.id", workload);
        }).ToArray();

        var over = await sim.NativeAsync(CreatePath, Data((2, Pods("a", 100, 0)), (3, Pods("b", 101, 1))).ToJsonString());
        var edge = await sim.NativeAsync(CreatePath, Data((2, Pods("a", 100, 0)), (3, Pods("b", 100, 1))).ToJsonString());

        over.ShouldFail(1199035, " pods exceed the limit 200");
        edge.ShouldSucceed();
        edge.Ids.Should().HaveCount(200).And.BeInAscendingOrder();
        var stored = sim.State.Pods.ToDictionary(p => (long)p["id"]!, p => (string)p["name"]!);
        edge.Ids.Select(id => stored[id]).Should().Equal(Enumerable.Range(0, 100).Select(i => $"a{i}").Concat(Enumerable.Range(0, 100).Select(i => $"b{i}")),
            "ids follow the flattened input order");
    }

    public static TheoryData<string, JsonNode?, long, string> SpecRules => new()
    {
        { "spec.bk_cluster_id", 0, 1199011, "'cluster id must be set' the parameter is invalid or does not exist" },
        { "spec.bk_cluster_id", Remove, 1199011, "'cluster id must be set' the parameter is invalid or does not exist" },
        { "spec.bk_namespace_id", 0, 1199011, "'namespace id must be set' the parameter is invalid or does not exist" },
        { "spec.bk_node_id", null, 1199011, "'node id must be set' the parameter is invalid or does not exist" },
        { "spec.ref.kind", "", 1199011, "'workload must be set' the parameter is invalid or does not exist" },
        { "spec.ref.id", 0, 1199011, "'workload must be set' the parameter is invalid or does not exist" },
        { "spec.ref", Remove, 1199011, "'workload must be set' the parameter is invalid or does not exist" },
        { "spec", Remove, 1199011, "'cluster id must be set' the parameter is invalid or does not exist" },
        { "spec.ref.kind", "Deployment", 1199011, "'workload is illegal type' the parameter is invalid or does not exist" },
        { "spec.ref.kind", "replicaSet", 1199011, "'workload is illegal type' the parameter is invalid or does not exist" },
        { "bk_host_id", 0, 1199010, "'host id' unassigned" },
        { "bk_host_id", Remove, 1199010, "'host id' unassigned" },
        { "name", "", 1199010, "'pod name' unassigned" },
        { "name", Remove, 1199010, "'pod name' unassigned" },
        { "operator", new JsonArray(), 1199010, "'pod operator' unassigned" },
        { "operator", Remove, 1199010, "'pod operator' unassigned" },
        { "containers.0.name", "", 1199010, "'container name' unassigned" },
        { "containers.0.container_uid", "", 1199011, "'container_uid' the parameter is invalid or does not exist" },
        { "containers.0.container_uid", Remove, 1199011, "'container_uid' the parameter is invalid or does not exist" },
        { "containers.0.image", null, 1199011, "'image' the parameter is invalid or does not exist" },
        { "containers.0.image", Remove, 1199011, "'image' the parameter is invalid or does not exist" },
    };

    [Theory]
    [MemberData(nameof(SpecRules))]
    public async Task Each_validation_rule_rejects_with_its_code_and_message(string path, JsonNode? value, long code, string message)
    {
        (await sim.CreateAsync(Pod("first"), With(Pod(), path, value))).ShouldFail(code, message);
        sim.State.Pods.Should().BeEmpty("the first pod was valid but the batch is atomic");
    }

    public static TheoryData<string, JsonNode?> EdgesAccepted => new()
    {
        { "spec.bk_cluster_id", 5 },
        { "bk_host_id", 1 },
        { "bk_host_id", 424242 },
        { "name", "x" },
        { "name", "Not_A valid/Kubernetes name but CMDB does not care" },
        { "operator", new JsonArray("") },
        { "containers.0.name", "c" },
        { "containers.0.container_uid", "u" },
        { "containers.0.image", "" },
        { "containers", new JsonArray() },
        { "containers", Remove },
        { "labels", Remove },
    };

    [Theory]
    [MemberData(nameof(EdgesAccepted))]
    public async Task Values_just_inside_each_rule_are_accepted(string path, JsonNode? value)
    {
        (await sim.CreateAsync(With(Pod(), path, value))).ShouldSucceed();
    }

    [Fact]
    public async Task Every_allowed_workload_kind_is_accepted_case_sensitively()
    {
        var pods = CreatePods.WorkloadKinds.Select((kind, i) =>
            With(With(Pod($"p-{kind}"), "spec.ref.kind", kind), "spec.ref.id", 100 + i)).ToArray();

        (await sim.CreateAsync(pods)).ShouldSucceed();
        sim.State.Pods.Should().HaveCount(9);
    }

    [Fact]
    public async Task Checks_run_in_order_per_pod_and_the_first_error_wins()
    {
        var bothWrong = With(With(Pod(), "spec.bk_cluster_id", 0), "bk_host_id", 0);
        (await sim.CreateAsync(bothWrong)).ShouldFail(1199011, "'cluster id must be set' the parameter is invalid or does not exist");

        var hostAndName = With(With(Pod(), "bk_host_id", 0), "name", "");
        (await sim.CreateAsync(hostAndName)).ShouldFail(1199010, "'host id' unassigned");

        var laterPod = With(Pod("b"), "spec.bk_node_id", 0);
        var earlierPod = With(Pod("a"), "operator", new JsonArray());
        (await sim.CreateAsync(earlierPod, laterPod)).ShouldFail(1199010, "'pod operator' unassigned");

        var containerAfterPod = With(With(Pod(), "containers.0.image", null), "name", "");
        (await sim.CreateAsync(containerAfterPod)).ShouldFail(1199010, "'pod name' unassigned");
    }

    [Fact]
    public async Task Authorisation_comes_after_validation_and_denial_carries_the_permission_body_without_data()
    {
        sim.State.Deny("create_container_pod", 2);

        (await sim.CreateAsync(With(Pod(), "name", ""))).ShouldFail(1199010, "'pod name' unassigned");
        var denied = await sim.CreateAsync(Pod());
        var other = await sim.CreateAsync(3, With(With(Pod(), "spec.bk_namespace_id", 13), "spec.ref.id", 78));

        denied.ShouldFail(9900403, "Do not have access permission.");
        denied.Body.ContainsKey("data").Should().BeFalse();
        JsonNode.DeepEquals(denied.Body["permission"], JsonNode.Parse(
            """{"system_id":"bk_cmdb","system_name":"配置平台","actions":[{"id":"create_container_pod","name":"容器Pod新建","related_resource_types":[]}]}"""))
            .Should().BeTrue(denied.Text);
        other.ShouldSucceed();
    }

    [Fact]
    public async Task Zero_pods_in_total_is_1199998_in_any_language()
    {
        (await sim.NativeAsync(CreatePath, """{"data":[{"bk_biz_id":1,"pods":[]}]}""")).ShouldFail(1199998, "no pods need created");
        (await sim.NativeAsync(CreatePath, """{"data":[{"bk_biz_id":1}]}""", en: false)).ShouldFail(1199998, "no pods need created");
    }

    [Fact]
    public async Task The_workload_must_exist_in_the_given_namespace_and_cluster()
    {
        (await sim.CreateAsync(With(Pod(), "spec.ref.id", 999))).ShouldFail(1199006, "'workload' data parameter verification does not pass");
        (await sim.CreateAsync(With(Pod(), "spec.ref.kind", "deployment"))).ShouldFail(1199006, "'workload' data parameter verification does not pass");
        (await sim.CreateAsync(With(Pod(), "spec.bk_namespace_id", 13))).ShouldFail(1199006, "'workload' data parameter verification does not pass");
        (await sim.CreateAsync(With(Pod(), "spec.bk_cluster_id", 6))).ShouldFail(1199006, "'workload' data parameter verification does not pass");
    }

    [Fact]
    public async Task Another_business_needs_a_shared_namespace()
    {
        (await sim.CreateAsync(3, Pod())).ShouldFail(1199006, "'namespace' data parameter verification does not pass");
        (await sim.CreateAsync(0, Pod())).ShouldFail(1199006, "'namespace' data parameter verification does not pass");
        sim.State.Seed(new Topology(Namespaces: [new KubeNamespace(12, 5, 2, "ns-2", [3])]));
        try
        {
            (await sim.CreateAsync(3, Pod())).ShouldSucceed();
        }
        finally
        {
            sim.State.Seed(new Topology(Namespaces: [new KubeNamespace(12, 5, 2, "ns-2")]));
        }
    }

    [Fact]
    public async Task The_node_must_exist_in_the_cluster_and_the_clusters_business()
    {
        sim.State.Seed(new Topology(
            Clusters: [new Cluster(6, 1, "other")],
            Nodes: [new Node(32, 6, 1, "elsewhere"), new Node(33, 5, 7, "wrong-business")]));

        (await sim.CreateAsync(With(Pod(), "spec.bk_node_id", 404))).ShouldFail(1199006, "'node' data parameter verification does not pass");
        (await sim.CreateAsync(With(Pod(), "spec.bk_node_id", 32))).ShouldFail(1199006, "'node' data parameter verification does not pass");
        (await sim.CreateAsync(With(Pod(), "spec.bk_node_id", 33))).ShouldFail(1199006, "'node' data parameter verification does not pass");
    }

    [Fact]
    public async Task Checks_run_in_passes_workload_before_namespace_before_node()
    {
        var badNode = With(Pod("a"), "spec.bk_node_id", 404);
        var badWorkload = With(Pod("b"), "spec.ref.id", 999);
        (await sim.CreateAsync(badNode, badWorkload)).ShouldFail(1199006, "'workload' data parameter verification does not pass");
        var otherBusiness = Data((2, [badNode.DeepClone().AsObject()]), (3, [Pod("c")])).ToJsonString();
        (await sim.NativeAsync(CreatePath, otherBusiness)).ShouldFail(1199006, "'namespace' data parameter verification does not pass");
    }

    [Fact]
    public async Task A_pod_name_is_unique_per_workload_inside_a_request_and_against_stored_pods()
    {
        const string dup = "duplicated instances exist, fields [ref.id: 77, ref.kind: \"pods\", name: \"web-01\"] duplicated";
        (await sim.CreateAsync(Pod(), Pod())).ShouldFail(1199014, dup);
        (await sim.CreateAsync(Pod())).ShouldSucceed();
        (await sim.CreateAsync(Pod("other"), Pod())).ShouldFail(1199014, dup);
        var sameNameOtherWorkload = With(With(Pod(), "spec.ref.kind", "deployment"), "spec.ref.id", 100);
        (await sim.CreateAsync(sameNameOtherWorkload)).ShouldSucceed();
        sim.State.Pods.Select(p => (string)p["name"]!).Should().Equal("web-01", "web-01");
    }

    [Fact]
    public async Task A_container_uid_is_unique_per_pod()
    {
        var twice = With(Pod("a"), "containers", new JsonArray(
            new JsonObject { ["name"] = "c1", ["container_uid"] = "same", ["image"] = "" },
            new JsonObject { ["name"] = "c2", ["container_uid"] = "same", ["image"] = "" }));
        var answer = await sim.CreateAsync(twice);
        answer.Code.Should().Be(1199014);
        answer.Message.Should().MatchRegex("^duplicated instances exist, fields \\[bk_pod_id: \\d+, container_uid: \"same\"\\] duplicated$");

        var one = With(Pod("b"), "containers.0.container_uid", "same");
        var another = With(Pod("c"), "containers.0.container_uid", "same");
        (await sim.CreateAsync(one, another)).ShouldSucceed();
    }

    [Fact]
    public async Task A_failed_request_keeps_nothing_but_uses_up_ids()
    {
        var first = await sim.CreateAsync(Pod("a"));
        (await sim.CreateAsync(Pod("b"), Pod("c"), Pod("a"))).Code.Should().Be(1199014);
        var after = await sim.CreateAsync(Pod("b"), Pod("c"));

        sim.State.Pods.Select(p => (string)p["name"]!).Should().Equal("a", "b", "c");
        after.Ids.Should().Equal(first.Ids[0] + 4, first.Ids[0] + 5);
    }

    [Fact]
    public async Task Messages_are_chinese_by_default()
    {
        (await sim.NativeAsync(CreatePath, "{x", en: false)).ShouldFail(1199000, "反序列化JSON数据失败");
        (await sim.NativeAsync(CreatePath, "{}", en: false)).ShouldFail(1199010, "'data' 未赋值");
        (await sim.NativeAsync(CreatePath, Data((2, [With(Pod(), "spec.bk_node_id", 0)])).ToJsonString(), en: false))
            .ShouldFail(1199011, "'node id must be set' 参数无效或不存在");
        var many = Enumerable.Range(0, 201).Select(i => Pod($"p{i}")).ToArray();
        (await sim.NativeAsync(CreatePath, Data((2, many)).ToJsonString(), en: false)).ShouldFail(1199035, " pods 超过限制 200");
        (await sim.NativeAsync(CreatePath, Data((2, [Pod(), Pod()])).ToJsonString(), en: false)).Message.Should().StartWith("数据唯一性校验失败， ref.id: 77");
        sim.State.Deny("create_container_pod");
        (await sim.NativeAsync(CreatePath, Data((2, [Pod()])).ToJsonString(), en: false)).ShouldFail(9900403, "没有操作的权限");
    }

    [Fact]
    public async Task Before_v3_13_10_a_duplicate_is_1199998_with_the_E11000_text()
    {
        sim.State.LegacyDuplicateError = true;
        try
        {
            var answer = await sim.CreateAsync(Pod(), Pod());
            answer.Code.Should().Be(1199998);
            answer.Message.Should().StartWith("E11000 duplicate key error").And.Contain("ref.id: 77, ref.kind: \"pods\", name: \"web-01\"");
        }
        finally
        {
            sim.State.LegacyDuplicateError = false;
        }
    }
}
