using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CmdbSimulator;

/// <summary>
/// The simulator's own API under <c>/_sim</c>: every call received (with its pod count), every registration, and the
/// knobs a test turns (topology, faults, IAM denials, apps, limits), plus reset.
/// </summary>
public static class Inspection
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app, SimulatorState state)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/calls", () => Results.Json(state.Calls, Json));
        sim.MapGet("/pods", () => Results.Text(new System.Text.Json.Nodes.JsonArray(state.Pods.ToArray()).ToJsonString(), "application/json"));
        sim.MapPost("/reset", () => { state.Reset(); return Results.NoContent(); });
        sim.MapPost("/topology", (Topology topology) => { state.Seed(topology); return Results.NoContent(); });
        sim.MapPost("/apps", (AppGrant app) => { state.AddApp(app); return Results.NoContent(); });
        sim.MapPost("/faults/{api}", (string api, FaultPlan plan) => { state.SetFaults(api, plan); return Results.NoContent(); });
        sim.MapPost("/deny", (Denial denial) => { state.Deny(denial.Action, denial.BizId); return Results.NoContent(); });
        sim.MapPost("/settings", (Settings settings) =>
        {
            state.LegacyDuplicateError = settings.LegacyDuplicateError ?? state.LegacyDuplicateError;
            state.GatewayRateLimit = settings.GatewayRateLimit ?? state.GatewayRateLimit;
            state.ApiServerRateLimit = settings.ApiServerRateLimit ?? state.ApiServerRateLimit;
            return Results.NoContent();
        });
    }

    public sealed record Denial(string Action, long BizId = 0);

    public sealed record Settings(bool? LegacyDuplicateError, int? GatewayRateLimit, int? ApiServerRateLimit);
}
