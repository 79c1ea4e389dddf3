using System.Text.Json;
using System.Text.Json.Nodes;
using JdCloudSimulator.Faults;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Api;

/// <summary>
/// The test API over HTTP, under <c>/_sim</c> (unsigned), for the demo, benchmarks and out-of-process tests:
/// the same operations as <see cref="SimulatorState"/>. <c>GET /_sim</c> lists them.
/// </summary>
internal sealed class ControlApi(SimulatorState state)
{
    public const string Prefix = "/_sim";

    private static readonly string[] Usage =
    [
        "GET    /_sim/pods                      every pod ever created (phase 'gone' once deleted)",
        "GET    /_sim/pods/{podId}",
        "POST   /_sim/pods/{podId}/fail         send the pod to error now; body {\"message\":\"...\"} optional",
        "DELETE /_sim/pods/{podId}              remove the pod now, without an API call (drift)",
        "GET    /_sim/calls?operation=createPods calls received, oldest first",
        "GET    /_sim/calls/counts              calls per operation and HTTP status answered (0: none), since start or reset",
        "GET    /_sim/phase-changes?podId=&after=N  every phase change of every pod, with its time, in order (sequence > N)",
        "GET    /_sim/settings | PUT /_sim/settings  behaviour; PUT merges the fields given, e.g. {\"stopDelay\":\"00:00:05\",\"failingImages\":[\"nginx:broken\"]}",
        "GET    /_sim/faults  | DELETE /_sim/faults  fault settings per operation ('*' = all) | back to startup",
        "PUT    /_sim/faults/{operation}        rates and latency, e.g. {\"rateLimitRate\":0.1,\"latency\":\"00:00:00.200\"}",
        "POST   /_sim/faults/{operation}/next   the next calls fail: {\"kind\":\"lostResponse\",\"count\":1}",
        "PUT    /_sim/world/stock               {\"instanceType\":\"g.n2.medium\",\"az\":\"cn-north-1a\",\"inStock\":false}",
        "POST   /_sim/world/networks            declare {\"regionId\",\"vpcId\",\"subnetId\",\"cidr\",\"securityGroups\":[...]}",
        "POST   /_sim/reset                     forget pods, tokens and calls; startup settings, faults and world",
    ];

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var body = await JsonBodyAsync(context);
            var result = Serve(context.Request.Method, context.Request.Path.Value![Prefix.Length..].Trim('/').Split('/'), context, body);
            await Responses.WriteAsync(context, 200, result);
        }
        catch (ApiException e)
        {
            await Responses.WriteAsync(context, e.Code, Responses.Error("", e));
        }
    }

    private object Serve(string method, string[] path, HttpContext context, JsonNode? body) => (method, path) switch
    {
        ("GET", [""]) => Usage,
        ("GET", ["pods"]) => state.Pods(),
        ("GET", ["pods", var id]) => state.Pod(id) ?? throw ApiException.NotFound($"pod {id} was never created"),
        ("POST", ["pods", var id, "fail"]) => Done(() => state.FailPod(id, body?["message"]?.GetValue<string>() ?? "the pod failed (simulator instruction)")),
        ("DELETE", ["pods", var id]) => Done(() => state.RemovePod(id)),
        ("GET", ["calls"]) => state.Calls.Snapshot(context.Request.Query["operation"].FirstOrDefault()),
        ("GET", ["calls", "counts"]) => state.Calls.Counts(),
        ("GET", ["phase-changes"]) => state.PhaseChanges(context.Request.Query["podId"].FirstOrDefault(), After(context)),
        ("GET", ["settings"]) => state.Settings,
        ("PUT", ["settings"]) => Done(() => state.Configure(current => Merge(current, body))),
        ("GET", ["faults"]) => state.Faults.Rates,
        ("DELETE", ["faults"]) => Done(state.Faults.Reset),
        ("PUT", ["faults", var operation]) => Done(() => state.Faults.Set(Operation(operation), Read<OperationFaults>(body))),
        ("POST", ["faults", var operation, "next"]) => Done(() => state.Faults.Script(
            Operation(operation), Read<ScriptedFault>(body).Kind, Read<ScriptedFault>(body).Count)),
        ("PUT", ["world", "stock"]) => Done(() => Read<StockChange>(body).Apply(state)),
        ("POST", ["world", "networks"]) => Done(() => Read<NetworkDeclaration>(body).Apply(state)),
        ("POST", ["reset"]) => Done(state.Reset),
        _ => throw ApiException.NotFound($"no such simulator control: {method} {context.Request.Path}; GET {Prefix} lists them"),
    };

    private static long After(HttpContext context) =>
        context.Request.Query["after"].FirstOrDefault() is not { } text ? 0
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after) ? after
        : throw ApiException.InvalidArgument("after", JdCloudPodOperator.Entities.Constraints.ViolationKind.Invalid, text, "must be a sequence number (0 or more)");

    private static object Done(Action action)
    {
        action();
        return new { ok = true };
    }

    private static string Operation(string name) =>
        name == FaultInjector.AllOperations || PodApiRoute.Operations.Contains(name)
            ? name
            : throw ApiException.InvalidArgument($"unknown operation \"{name}\": one of *, {string.Join(", ", PodApiRoute.Operations)}");

    /// <summary>The current value with the fields given in <paramref name="changes"/> replaced.</summary>
    private static T Merge<T>(T current, JsonNode? changes)
    {
        var merged = JsonSerializer.SerializeToNode(current, SimulatorJson.Options)!.AsObject();
        foreach (var (name, value) in changes?.AsObject() ?? []) merged[name] = value?.DeepClone();
        return Read<T>(merged);
    }

    private static T Read<T>(JsonNode? node)
    {
        try
        {
            return node.Deserialize<T>(SimulatorJson.Options) ?? throw ApiException.InvalidArgument("a JSON body is required");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw ApiException.InvalidArgument($"invalid body: {e.Message}");
        }
    }

    private static async Task<JsonNode?> JsonBodyAsync(HttpContext context)
    {
        try
        {
            return context.Request.ContentLength is 0 or null && !context.Request.Headers.ContainsKey("Transfer-Encoding")
                ? null
                : await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw ApiException.InvalidArgument($"the body is not JSON: {e.Message}");
        }
    }
}
