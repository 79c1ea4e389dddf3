using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Schema.Cel;

/// <summary>One rule to run: <c>self</c> is the node at <see cref="Path"/> (keys and indexes) of object <see cref="Object"/>.</summary>
public sealed record CelEvaluation(
    [property: JsonPropertyName("rule")] int Rule,
    [property: JsonPropertyName("object")] int Object,
    [property: JsonPropertyName("path")] IReadOnlyList<object> Path,
    [property: JsonPropertyName("oldSelf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonNode? OldSelf = null);

/// <summary>What the engine said: a compile error per rule (or null), and per evaluation a boolean or an error.</summary>
public sealed record CelAnswer(
    [property: JsonPropertyName("compile")] IReadOnlyList<string?> Compile,
    [property: JsonPropertyName("results")] IReadOnlyList<CelResult> Results);

public sealed record CelResult([property: JsonPropertyName("value")] bool? Value, [property: JsonPropertyName("error")] string? Error)
{
    public bool Passed => Value == true;
}

/// <summary>
/// A real CEL engine: @bufbuild/cel, run with node (tests/cel-engine/evaluate.mjs). The npm package is installed on
/// first use with `npm ci` from the checked-in lock file (tests/run-tests.sh does it up front); node_modules stays
/// out of git.
/// </summary>
public static class CelEngine
{
    private static readonly NodePackage Package = new("cel-engine", Path.Combine("@bufbuild", "cel", "package.json"), "the CEL rule tests");

    public static async Task<CelAnswer> EvaluateAsync(IReadOnlyList<string> rules, IReadOnlyList<JsonNode> objects, IReadOnlyList<CelEvaluation> evaluations)
    {
        var job = new JsonObject
        {
            ["rules"] = JsonSerializer.SerializeToNode(rules),
            ["objects"] = new JsonArray([.. objects.Select(o => o.DeepClone())]),
            ["evaluations"] = JsonSerializer.SerializeToNode(evaluations),
        };
        var output = await Package.RunScriptAsync("evaluate.mjs", job.ToJsonString(), TimeSpan.FromMinutes(5));
        return JsonSerializer.Deserialize<CelAnswer>(output)!;
    }
}
