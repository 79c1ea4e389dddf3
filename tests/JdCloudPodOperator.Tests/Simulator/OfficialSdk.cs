using System.Text.Json.Nodes;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudSimulator;

namespace JdCloudPodOperator.Tests.Simulator;

/// <summary>One Pod service call as JD Cloud's official JavaScript SDK makes it: the SDK method and its opts.</summary>
public sealed record SdkCall(string Op, JsonObject? Opts = null, string? RegionId = null);

/// <summary>What the SDK returned: its result, or the error envelope it rejected with, or what it threw itself.</summary>
public sealed record SdkAnswer(bool Ok, JsonNode? Result, JsonNode? Error, string? Thrown, string? RequestId)
{
    public string Status => Error?["status"]?.GetValue<string>() ?? "";
    public int Code => Error?["code"]?.GetValue<int>() ?? 0;
    public override string ToString() => Ok ? $"ok {Result?.ToJsonString()}" : $"error {Error?.ToJsonString()} {Thrown}";
}

/// <summary>
/// Drives a simulator with jdcloud-sdk-js (tests/jdcloud-sdk/call.js): its own signing, query encoding, paths and
/// envelope handling, not the product's client. The calls of one run go in order over one SDK client.
/// </summary>
public static class OfficialSdk
{
    private static readonly NodePackage Package = new("jdcloud-sdk", Path.Combine("jdcloud-sdk-js", "package.json"), "the official SDK tests");

    public static async Task<IReadOnlyList<SdkAnswer>> CallAsync(JdCloudSimulatorHost sim, params SdkCall[] calls) =>
        await CallAsync(sim, sim.Options.SecretKey, calls);

    public static async Task<IReadOnlyList<SdkAnswer>> CallAsync(JdCloudSimulatorHost sim, string secretKey, params SdkCall[] calls)
    {
        var job = new JsonObject
        {
            ["endpoint"] = sim.BaseUrl.Authority,
            ["accessKey"] = sim.Options.AccessKey,
            ["secretKey"] = secretKey,
            ["regionId"] = "cn-north-1",
            ["calls"] = new JsonArray([.. calls.Select(c => new JsonObject
            {
                ["op"] = c.Op, ["opts"] = c.Opts?.DeepClone() ?? new JsonObject(), ["regionId"] = c.RegionId,
            })]),
        };
        var output = await Package.RunScriptAsync("call.js", job.ToJsonString(), TimeSpan.FromMinutes(2));
        return JsonNode.Parse(output)!.AsArray().Select(a => new SdkAnswer(
            a!["ok"]!.GetValue<bool>(), a["result"]?.DeepClone(), a["error"]?.DeepClone(),
            a["thrown"]?.GetValue<string>(), a["requestId"]?.GetValue<string>())).ToList();
    }

    public static async Task<SdkAnswer> CallOneAsync(JdCloudSimulatorHost sim, string op, JsonObject? opts = null) =>
        (await CallAsync(sim, new SdkCall(op, opts)))[0];
}
