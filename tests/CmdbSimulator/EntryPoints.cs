using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace CmdbSimulator;

/// <summary>
/// The three entry points (docs/bkcmdb-api.md, Entry points): native <c>/api/v3/...</c>, gateway
/// <c>/api/bk-cmdb/{stage}/api/v3/...</c> and ESB <c>/api/c/compapi/v2/cc/{api}/</c>, all ending in the same handlers,
/// each in its own envelope.
/// </summary>
public sealed class EntryPoints(SimulatorState state)
{
    public const string GatewayPrefix = "/api/bk-cmdb", Stage = "prod";

    private static readonly Dictionary<string, (string Method, string Api)> NativeRoutes = new()
    {
        ["/api/v3/createmany/kube/pod"] = ("POST", "batch_create_kube_pod"),
        ["/api/v3/findmany/kube/pod"] = ("POST", "list_kube_pod"),
        ["/api/v3/deletemany/kube/pod"] = ("DELETE", "batch_delete_kube_pod"),
    };

    // Raw UTF-8 like the Go server, so Chinese messages read as text on the wire.
    private static readonly System.Text.Json.JsonSerializerOptions Wire =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConcurrentDictionary<string, RateLimiter> limiters = new();

    public void Map(WebApplication app)
    {
        foreach (var (path, (method, api)) in NativeRoutes)
            app.MapMethods(path, [method], ctx => ServeAsync(ctx, "native", api));
        app.Map(GatewayPrefix + "/{**rest}", ServeGatewayAsync);
        app.MapPost("/api/c/compapi/v2/cc/{api}/", ctx => ServeAsync(ctx, "esb", (string)ctx.GetRouteValue("api")!));
    }

    private Task ServeGatewayAsync(HttpContext ctx)
    {
        var rest = ctx.Request.Path.Value![GatewayPrefix.Length..];
        var stagePrefix = "/" + Stage;
        if (rest.StartsWith(stagePrefix + "/") && NativeRoutes.TryGetValue(rest[stagePrefix.Length..], out var route)
            && HttpMethods.Equals(ctx.Request.Method, route.Method))
            return ServeAsync(ctx, "gateway", route.Api);
        var reply = new Reply(1640401, "API not found", Status: 404, Origin: Origin.Gateway, CodeName: "API_NOT_FOUND");
        state.Record("gateway", "?", ctx.Request.Method, ctx.Request.Path, 0, reply.Code, 404, null);
        return WriteAsync(ctx, "gateway", reply, "");
    }

    private async Task ServeAsync(HttpContext ctx, string entry, string api)
    {
        var requestId = ctx.Request.Headers["X-Request-ID"].ToString() is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
        ctx.Response.Headers["X-Request-Id"] = requestId;
        var en = ctx.Request.Headers["X-Bkcmdb-Language"].ToString() == "en";
        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        var (caller, refusal) = entry switch
        {
            "native" => Caller.Native(ctx.Request, en),
            "gateway" => Caller.Gateway(ctx.Request, state, api),
            _ => Caller.Esb(ctx.Request, body, state),
        };
        FaultPlan? plan = null;
        var reply = refusal ?? RateLimit(entry, api, caller!);
        if (reply is null)
        {
            plan = state.FaultFor(api, out var fail);
            reply = fail ? Injected(plan!) : Process(api, body, caller!, en);
        }
        state.Record(entry, api, ctx.Request.Method, ctx.Request.Path, PodCount(api, body), reply.Code, reply.Status, caller?.AppCode,
            WireOf(ctx.Request, body));
        // The call is processed and recorded; only its reply is slow, as over a bad network.
        if (plan is { LatencyMs: > 0 }) await Task.Delay(plan.LatencyMs);
        await WriteAsync(ctx, entry, reply, requestId);
    }

    private Reply Process(string api, string body, Caller caller, bool en)
    {
        if (api == "batch_create_kube_pod") state.BeforeCreate?.Invoke();
        return Handle(api, body, caller, en);
    }

    private Reply Handle(string api, string body, Caller caller, bool en)
    {
        try
        {
            return api switch
            {
                "batch_create_kube_pod" => Reply.Success(CreatePods.Handle(state, body, caller.User, caller.Supplier, en)),
                "list_kube_pod" => Reply.Success(ListPods.Handle(state, body, en)),
                "batch_delete_kube_pod" => Reply.Success(DeletePods.Handle(state, body, en)),
                _ => new Reply(1306404, $"component {api} not found", Status: 404, Origin: Origin.Esb),
            };
        }
        catch (CmdbFailure failure)
        {
            return Reply.From(failure);
        }
    }

    /// <summary>Gateway: per app and resource, HTTP 429 with X-Bkapi-RateLimit-*; CMDB's own limiter: HTTP 200, 1199997.</summary>
    private Reply? RateLimit(string entry, string api, Caller caller)
    {
        if (entry == "gateway" && !Acquire($"gw/{caller.AppCode}/{api}", state.GatewayRateLimit))
        {
            var reply = new Reply(1642903, "Request rate limit exceeded", Status: 429, Origin: Origin.Gateway, CodeName: "RATE_LIMIT_RESTRICTION");
            reply.Headers["X-Bkapi-RateLimit-Limit"] = state.GatewayRateLimit.ToString();
            reply.Headers["X-Bkapi-RateLimit-Remaining"] = "0";
            reply.Headers["X-Bkapi-RateLimit-Reset"] = "1";
            return reply;
        }
        return state.ApiServerRateLimit is { } limit && !Acquire($"apiserver/{limit}", limit)
            ? new Reply(Messages.TooManyRequests, "too many requests", HasData: false, Origin: Origin.ApiServerFilter)
            : null;
    }

    private bool Acquire(string key, int permitsPerSecond)
    {
        var limiter = limiters.GetOrAdd($"{key}/{permitsPerSecond}", _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
        }));
        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    private static Reply Injected(FaultPlan plan)
    {
        // A 5xx is a bare proxy error (no body, below); a 4xx comes from the gateway, with result false and a code.
        if (plan.HttpStatus != 200)
            return new Reply(plan.HttpStatus >= 500 ? 0 : 1600000 + plan.HttpStatus * 100 + 1, "injected fault", Status: plan.HttpStatus, Origin: Origin.Esb);
        if (plan.MalformedData) return Reply.Success(System.Text.Json.Nodes.JsonValue.Create("unexpected"));
        var message = plan.ErrorCode switch
        {
            1199002 => "HTTP request failed",
            1199017 => "Failed to query data",
            1199018 => "New data failed",
            1199046 => "Authorize request failed.",
            1199065 => "start transaction failed, error:injected",
            Messages.TooManyRequests => "too many requests",
            _ => "injected fault",
        };
        return new Reply(plan.ErrorCode, message, HasData: plan.ErrorCode != Messages.TooManyRequests,
            Origin: plan.ErrorCode == Messages.TooManyRequests ? Origin.ApiServerFilter : Origin.Handler);
    }

    private static async Task WriteAsync(HttpContext ctx, string entry, Reply reply, string requestId)
    {
        ctx.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers) ctx.Response.Headers[name] = value;
        if (reply.Status >= 500 && reply.Code == 0)
        {
            // A bare proxy error: no CMDB body at all.
            await ctx.Response.WriteAsync($"<html><body>{reply.Status} {reply.Message}</body></html>");
            return;
        }
        var body = entry switch { "native" => reply.Native(), "gateway" => reply.Gateway(), _ => reply.Esb(requestId) };
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(Wire));
    }

    private static SimulatorState.Wire WireOf(HttpRequest request, string body)
    {
        var encoding = request.Headers.TransferEncoding.ToString();
        return new SimulatorState.Wire(encoding.Length > 0 ? encoding : null, request.ContentLength, TopLevelKeys(body));
    }

    private static IReadOnlyList<string> TopLevelKeys(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject o ? [.. o.Select(kv => kv.Key)] : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>Pods a create carried (summed over data[]) or ids a delete carried, read leniently.</summary>
    private static int PodCount(string api, string body)
    {
        try
        {
            var data = (JsonNode.Parse(body) as JsonObject)?["data"] as JsonArray;
            var key = api == "batch_create_kube_pod" ? "pods" : api == "batch_delete_kube_pod" ? "ids" : null;
            return key is null || data is null ? 0 : data.Sum(d => (d as JsonObject)?[key] is JsonArray a ? a.Count : 0);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return 0;
        }
    }
}
