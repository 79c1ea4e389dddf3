using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmdbSimulator;
using static JdCloudPodOperator.Tests.Cmdb.SimulatorFixture;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>Native, gateway and ESB entry points of the simulator: headers, authentication, envelopes, limits, inspection.</summary>
public sealed class SimulatorEntryPointTests : IClassFixture<SimulatorFixture>
{
    private static readonly string Auth =
        $$"""{"bk_app_code":"{{SimulatorHost.DefaultAppCode}}","bk_app_secret":"{{SimulatorHost.DefaultAppSecret}}","bk_username":"admin"}""";

    private readonly SimulatorFixture sim;

    public SimulatorEntryPointTests(SimulatorFixture sim)
    {
        this.sim = sim;
        sim.State.Reset();
        sim.State.GatewayRateLimit = 100;
        sim.State.ApiServerRateLimit = null;
    }

    private Uri Gateway(string path, string stage = "prod") => new($"{sim.Simulator.GatewayUrl}/{stage}{path}");

    private Task<Answer> GatewayAsync(string path, string body, string? auth = null, string stage = "prod", HttpMethod? method = null) =>
        sim.SendAsync(method ?? HttpMethod.Post, Gateway(path, stage), body, new() { ["X-Bkapi-Authorization"] = auth ?? Auth, ["X-Bkcmdb-Language"] = "en" });

    private static string CreateBody => Data((2, [Pod()])).ToJsonString();

    [Theory]
    [InlineData(null, null, "'owner_id' authorization information query failed")]
    [InlineData(null, "admin", "'owner_id' authorization information query failed")]
    [InlineData("0", null, "'user' authorization information query failed")]
    public async Task Native_checks_supplier_account_then_user_with_http_500(string? supplier, string? user, string message)
    {
        var headers = new Dictionary<string, string> { ["X-Bkcmdb-Language"] = "en" };
        if (supplier is not null) headers["X-Bkcmdb-Supplier-Account"] = supplier;
        if (user is not null) headers["X-Bkcmdb-User"] = user;

        var answer = await sim.SendAsync(HttpMethod.Post, new Uri(sim.Simulator.BaseUrl, CreatePath), CreateBody, headers);

        answer.Status.Should().Be(500);
        answer.Code.Should().Be(1199027);
        answer.Message.Should().Be(message);
        sim.State.Pods.Should().BeEmpty();
    }

    [Fact]
    public async Task Native_accepts_the_legacy_header_names_and_echoes_the_request_id()
    {
        var answer = await sim.SendAsync(HttpMethod.Post, new Uri(sim.Simulator.BaseUrl, CreatePath), CreateBody,
            new() { ["HTTP_BLUEKING_SUPPLIER_ID"] = "0", ["BK_User"] = "bob", ["X-Request-ID"] = "req-42" });

        answer.ShouldSucceed();
        answer.Headers["X-Request-Id"].Should().Be("req-42");
        ((string)sim.State.Pods[0]["creator"]!).Should().Be("bob");
    }

    [Fact]
    public async Task Gateway_renames_the_keys_moves_them_last_and_adds_no_request_id()
    {
        var answer = await GatewayAsync("/api/v3/createmany/kube/pod", CreateBody);

        answer.ShouldSucceed();
        answer.Body.Select(kv => kv.Key).Should().Equal("result", "permission", "data", "code", "message");
        answer.Headers.Should().ContainKey("X-Request-Id");
        sim.State.Calls.Should().ContainSingle().Which.Should().Match<CallRecord>(c =>
            c.EntryPoint == "gateway" && c.Api == "batch_create_kube_pod" && c.PodCount == 1 && c.AppCode == SimulatorHost.DefaultAppCode);
    }

    [Fact]
    public async Task Gateway_business_errors_are_renamed_too()
    {
        var answer = await GatewayAsync("/api/v3/createmany/kube/pod", "{}");

        answer.Body.Select(kv => kv.Key).Should().Equal("result", "permission", "data", "code", "message");
        answer.ShouldFail(1199010, "'data' unassigned");
    }

    [Theory]
    [InlineData("", 400, 1640001, "INVALID_ARGS")]
    [InlineData("""{"bk_app_secret":"x","bk_username":"admin"}""", 400, 1640001, "INVALID_ARGS")]
    [InlineData("""{"bk_app_code":"jdcloud-pod-operator","bk_app_secret":"wrong","bk_username":"admin"}""", 400, 1640001, "INVALID_ARGS")]
    [InlineData("""{"bk_app_code":"unknown-app","bk_app_secret":"x","bk_username":"admin"}""", 400, 1640001, "INVALID_ARGS")]
    public async Task Gateway_rejects_bad_credentials_in_its_own_envelope(string auth, int status, long code, string codeName)
    {
        var answer = await sim.SendAsync(HttpMethod.Post, Gateway("/api/v3/createmany/kube/pod"), CreateBody, new() { ["X-Bkapi-Authorization"] = auth });

        answer.Status.Should().Be(status);
        answer.Body.Select(kv => kv.Key).Should().Equal("code_name", "data", "code", "message", "result");
        answer.Code.Should().Be(code);
        ((string)answer.Body["code_name"]!).Should().Be(codeName);
    }

    [Fact]
    public async Task Gateway_ignores_credentials_in_the_body_and_requires_a_user_for_cmdb()
    {
        var inBody = Data((2, [Pod()]));
        inBody["bk_app_code"] = SimulatorHost.DefaultAppCode;
        inBody["bk_app_secret"] = SimulatorHost.DefaultAppSecret;
        (await sim.SendAsync(HttpMethod.Post, Gateway("/api/v3/createmany/kube/pod"), inBody.ToJsonString(), [])).Status.Should().Be(400);

        var noUser = await GatewayAsync("/api/v3/createmany/kube/pod", CreateBody,
            $$"""{"bk_app_code":"{{SimulatorHost.DefaultAppCode}}","bk_app_secret":"{{SimulatorHost.DefaultAppSecret}}"}""");
        noUser.Status.Should().Be(200);
        noUser.Body.Should().ContainKey("bk_error_code", "the apiserver's own filter errors keep the bk_ keys");
        noUser.Code.Should().Be(1199998);
    }

    [Fact]
    public async Task Gateway_refuses_an_ungranted_resource_an_unknown_stage_and_an_unknown_path()
    {
        sim.State.AddApp(new AppGrant("list-only", "s", ["list_kube_pod"]));
        var listOnly = """{"bk_app_code":"list-only","bk_app_secret":"s","bk_username":"u"}""";

        var ungranted = await GatewayAsync("/api/v3/createmany/kube/pod", CreateBody, listOnly);
        var granted = await GatewayAsync("/api/v3/findmany/kube/pod", """{"bk_biz_id":2,"page":{"start":0,"limit":1}}""", listOnly);
        var stage = await GatewayAsync("/api/v3/createmany/kube/pod", CreateBody, stage: "test");
        var path = await GatewayAsync("/api/v3/createmany/kube/pods", CreateBody);
        var method = await GatewayAsync("/api/v3/deletemany/kube/pod", """{"data":[{"bk_biz_id":2,"ids":[1]}]}""");

        (ungranted.Status, ungranted.Code).Should().Be((403, 1640301L));
        granted.ShouldSucceed();
        (stage.Status, stage.Code).Should().Be((404, 1640401L));
        (path.Status, path.Code).Should().Be((404, 1640401L));
        (method.Status, method.Code).Should().Be((404, 1640401L), "delete is DELETE on the gateway");
    }

    [Fact]
    public async Task Gateway_rate_limit_is_http_429_with_the_rate_limit_headers()
    {
        sim.State.GatewayRateLimit = 2;
        var body = """{"bk_biz_id":2,"page":{"start":0,"limit":1}}""";

        var answers = new List<Answer>();
        for (var i = 0; i < 3; i++) answers.Add(await GatewayAsync("/api/v3/findmany/kube/pod", body));

        answers.Take(2).Should().OnlyContain(a => a.Status == 200);
        var limited = answers[2];
        (limited.Status, limited.Code).Should().Be((429, 1642903L));
        limited.Headers.Should().ContainKeys("X-Bkapi-RateLimit-Limit", "X-Bkapi-RateLimit-Remaining", "X-Bkapi-RateLimit-Reset");
        (await GatewayAsync("/api/v3/createmany/kube/pod", CreateBody)).ShouldSucceed();
    }

    [Fact]
    public async Task The_apiserver_limiter_answers_http_200_with_1199997_and_no_data_key()
    {
        sim.State.ApiServerRateLimit = 1;

        await sim.NativeAsync(ListPath, """{"bk_biz_id":2,"page":{"start":0,"limit":1}}""");
        var limited = await sim.NativeAsync(ListPath, """{"bk_biz_id":2,"page":{"start":0,"limit":1}}""");

        limited.ShouldFail(1199997, "too many requests");
        limited.Body.Should().NotContainKey("data");
    }

    [Fact]
    public async Task Esb_takes_credentials_from_the_body_or_the_header_and_adds_a_request_id()
    {
        var esb = new Uri(sim.Simulator.BaseUrl, "/api/c/compapi/v2/cc/batch_create_kube_pod/");
        var inBody = Data((2, [Pod()]));
        inBody["bk_app_code"] = SimulatorHost.DefaultAppCode;
        inBody["bk_app_secret"] = SimulatorHost.DefaultAppSecret;
        inBody["bk_username"] = "admin";
        inBody["bk_biz_id"] = 999;

        var fromBody = await sim.SendAsync(HttpMethod.Post, esb, inBody.ToJsonString(), []);
        var fromHeader = await sim.SendAsync(HttpMethod.Post, esb, Data((2, [Pod("b")])).ToJsonString(), new() { ["X-Bkapi-Authorization"] = Auth });
        var headerWins = await sim.SendAsync(HttpMethod.Post, esb, inBody.ToJsonString(),
            new() { ["X-Bkapi-Authorization"] = """{"bk_app_code":"jdcloud-pod-operator","bk_app_secret":"wrong","bk_username":"x"}""" });

        fromBody.ShouldSucceed();
        fromBody.Body.Select(kv => kv.Key).Should().Equal("result", "code", "message", "data", "permission", "request_id");
        ((string)fromBody.Body["request_id"]!).Should().MatchRegex("^[0-9a-f]{32}$");
        fromHeader.ShouldSucceed();
        headerWins.Code.Should().Be(1306406);
    }

    [Fact]
    public async Task A_token_in_place_of_the_user_name_is_never_stored()
    {
        var auth = $$"""{"bk_app_code":"{{SimulatorHost.DefaultAppCode}}","bk_app_secret":"{{SimulatorHost.DefaultAppSecret}}","access_token":"tok-secret-123"}""";

        (await GatewayAsync("/api/v3/createmany/kube/pod", CreateBody, auth)).ShouldSucceed();

        sim.State.Pods.Should().ContainSingle().Which.ToJsonString().Should().NotContain("tok-secret-123");
    }

    [Fact]
    public async Task Esb_deletes_with_post()
    {
        var id = (await sim.CreateAsync(Pod())).Ids[0];

        var answer = await sim.SendAsync(HttpMethod.Post, new Uri(sim.Simulator.BaseUrl, "/api/c/compapi/v2/cc/batch_delete_kube_pod/"),
            $$"""{"data":[{"bk_biz_id":2,"ids":[{{id}}]}]}""", new() { ["X-Bkapi-Authorization"] = Auth });

        answer.ShouldSucceed();
        sim.State.Pods.Should().BeEmpty();
    }

    [Fact]
    public async Task Injected_faults_fail_the_next_calls_or_a_share_of_calls_before_processing()
    {
        sim.State.SetFaults("batch_create_kube_pod", new FaultPlan(FailNext: 1, ErrorCode: 1199046));
        (await sim.CreateAsync(Pod())).ShouldFail(1199046, "Authorize request failed.");
        (await sim.CreateAsync(Pod())).ShouldSucceed();

        sim.State.SetFaults("*", new FaultPlan(FailNext: 1, HttpStatus: 503));
        var bare = await sim.NativeAsync(ListPath, """{"bk_biz_id":2,"page":{"start":0,"limit":1}}""");
        bare.Status.Should().Be(503);
        bare.Text.Should().NotStartWith("{");

        sim.State.SetFaults("batch_create_kube_pod", new FaultPlan(ErrorRate: 1, ErrorCode: 1199002));
        (await sim.CreateAsync(Pod("x"))).Code.Should().Be(1199002);
        sim.State.Pods.Should().HaveCount(1);
    }

    [Fact]
    public async Task The_inspection_api_lists_calls_and_registrations_and_resets()
    {
        using var http = new HttpClient { BaseAddress = sim.Simulator.BaseUrl };
        (await http.PostAsJsonAsync("/_sim/topology", new { workloads = new[] { new { kind = "job", id = 500, namespaceId = 12, name = "j" } } })).EnsureSuccessStatusCode();
        await sim.CreateAsync(Pod("a"), With(With(Pod("b"), "spec.ref.kind", "job"), "spec.ref.id", 500));
        await sim.CreateAsync(Pod("a"));

        var calls = JsonNode.Parse(await http.GetStringAsync("/_sim/calls"))!.AsArray();
        var pods = JsonNode.Parse(await http.GetStringAsync("/_sim/pods"))!.AsArray();
        (await http.PostAsync("/_sim/reset", null)).EnsureSuccessStatusCode();

        calls.Select(c => ((int)c!["podCount"]!, (long)c["code"]!)).Should().Equal((2, 0L), (1, 1199014L));
        pods.Select(p => (string)p!["name"]!).Should().Equal("a", "b");
        pods[0]!["containers"]!.AsArray().Should().ContainSingle();
        JsonNode.Parse(await http.GetStringAsync("/_sim/calls"))!.AsArray().Should().BeEmpty();
        JsonNode.Parse(await http.GetStringAsync("/_sim/pods"))!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task The_inspection_api_sets_faults_denials_and_apps()
    {
        using var http = new HttpClient { BaseAddress = sim.Simulator.BaseUrl };
        (await http.PostAsJsonAsync("/_sim/faults/batch_create_kube_pod", new { failNext = 1, errorCode = 1199017 })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/_sim/deny", new { action = "view_business_resource", bizId = 2 })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/_sim/apps", new { appCode = "other", secret = "s2" })).EnsureSuccessStatusCode();

        (await sim.CreateAsync(Pod())).Code.Should().Be(1199017);
        (await sim.NativeAsync(ListPath, """{"bk_biz_id":2,"page":{"start":0,"limit":1}}""")).Code.Should().Be(9900403);
        (await GatewayAsync("/api/v3/createmany/kube/pod", CreateBody, """{"bk_app_code":"other","bk_app_secret":"s2","bk_username":"u"}""")).ShouldSucceed();
    }
}
