using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CmdbSimulator;

namespace JdCloudPodOperator.Tests.Cmdb;

/// <summary>
/// Raw HTTP against an in-process simulator, for the simulator's own rules: bodies are written by hand so that every
/// wrong shape can be sent. Each test resets the state; ids keep counting.
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private readonly HttpClient http = new();

    public SimulatorHost Simulator { get; private set; } = null!;
    public SimulatorState State => Simulator.State;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorHost.StartAsync();
        CmdbTestEnvironment.Seed(State);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await Simulator.DisposeAsync();
    }

    public const string CreatePath = "/api/v3/createmany/kube/pod", ListPath = "/api/v3/findmany/kube/pod", DeletePath = "/api/v3/deletemany/kube/pod";

    /// <summary>Native call with supplier account and user, English unless <paramref name="en"/> is false.</summary>
    public Task<Answer> NativeAsync(string path, string body, bool en = true, HttpMethod? method = null) =>
        SendAsync(method ?? (path == DeletePath ? HttpMethod.Delete : HttpMethod.Post), new Uri(Simulator.BaseUrl, path), body,
            new() { ["X-Bkcmdb-Supplier-Account"] = "0", ["X-Bkcmdb-User"] = "admin", ["X-Bkcmdb-Language"] = en ? "en" : "" });

    public async Task<Answer> SendAsync(HttpMethod method, Uri uri, string body, Dictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        foreach (var (name, value) in headers.Where(h => h.Value.Length > 0)) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, text, response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    public Task<Answer> CreateAsync(params JsonObject[] pods) => CreateAsync(2, pods);

    public Task<Answer> CreateAsync(long bizId, params JsonObject[] pods) =>
        NativeAsync(CreatePath, Data((bizId, pods)).ToJsonString());

    public static JsonObject Data(params (long BizId, JsonObject[] Pods)[] entries) => new()
    {
        ["data"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
        {
            ["bk_biz_id"] = e.BizId, ["pods"] = new JsonArray(e.Pods.Select(p => (JsonNode)p).ToArray()),
        }).ToArray()),
    };

    /// <summary>The minimal valid pod of docs/bkcmdb-api.md, batch_create_kube_pod body, in namespace 12, workload
    /// pods/77.</summary>
    public static JsonObject Pod(string name = "web-01") => new()
    {
        ["spec"] = new JsonObject
        {
            ["bk_cluster_id"] = 5, ["bk_namespace_id"] = 12, ["bk_node_id"] = 31,
            ["ref"] = new JsonObject { ["kind"] = "pods", ["id"] = 77 },
        },
        ["bk_host_id"] = 1001,
        ["name"] = name,
        ["operator"] = new JsonArray("alice"),
        ["labels"] = new JsonObject { ["app"] = "web" },
        ["ip"] = "10.0.3.15",
        ["ips"] = new JsonArray(new JsonObject { ["ip"] = "10.0.3.15" }),
        ["containers"] = new JsonArray(new JsonObject { ["name"] = "nginx", ["container_uid"] = $"{name}/nginx", ["image"] = "nginx:1.25" }),
    };

    public static JsonObject With(JsonObject node, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode target = node;
        foreach (var part in parts[..^1]) target = int.TryParse(part, out var i) ? target[i]! : target[part]!;
        if (ReferenceEquals(value, Remove)) target.AsObject().Remove(parts[^1]);
        else if (int.TryParse(parts[^1], out var index)) target[index] = value?.DeepClone();
        else target[parts[^1]] = value?.DeepClone();
        return node;
    }

    /// <summary>Pass as a value to <see cref="With"/> to delete the key.</summary>
    public static readonly JsonNode Remove = JsonValue.Create("remove this key");
}

public sealed record Answer(int Status, string Text, IReadOnlyDictionary<string, string> Headers)
{
    public JsonObject Body => JsonNode.Parse(Text)!.AsObject();
    public long Code => (long)(Body["bk_error_code"] ?? Body["code"])!;
    public string Message => (string)(Body["bk_error_msg"] ?? Body["message"])!;
    public IReadOnlyList<long> Ids => Body["data"]!["ids"]!.AsArray().Select(i => (long)i!).ToList();

    public void ShouldFail(long code, string message)
    {
        Status.Should().Be(200, Text);
        Body["result"]!.GetValue<bool>().Should().BeFalse(Text);
        Code.Should().Be(code, Text);
        Message.Should().Be(message);
    }

    public void ShouldSucceed()
    {
        Status.Should().Be(200, Text);
        Code.Should().Be(0, Text);
        Body["result"]!.GetValue<bool>().Should().BeTrue(Text);
    }
}
