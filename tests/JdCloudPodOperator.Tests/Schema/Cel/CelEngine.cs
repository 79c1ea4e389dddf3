using System.ComponentModel;
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
    private static readonly string Folder = RepoPaths.Of("tests", "cel-engine");
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _installed;

    public static async Task<CelAnswer> EvaluateAsync(IReadOnlyList<string> rules, IReadOnlyList<JsonNode> objects, IReadOnlyList<CelEvaluation> evaluations)
    {
        await EnsureInstalledAsync();
        var job = new JsonObject
        {
            ["rules"] = JsonSerializer.SerializeToNode(rules),
            ["objects"] = new JsonArray([.. objects.Select(o => o.DeepClone())]),
            ["evaluations"] = JsonSerializer.SerializeToNode(evaluations),
        };
        var run = await RunAsync("node", [Path.Combine(Folder, "evaluate.mjs")], job.ToJsonString(), TimeSpan.FromMinutes(5));
        if (run.ExitCode != 0) throw new InvalidOperationException("the CEL engine failed:\n" + run.Output);
        return JsonSerializer.Deserialize<CelAnswer>(run.StdOut)!;
    }

    private static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_installed || IsInstalled()) return;
            // Another test process may install at the same time: npm ci under an exclusive file lock.
            using var exclusive = await LockAsync(Path.Combine(Folder, ".npm-ci.lock"));
            if (!IsInstalled())
            {
                var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", Folder], null, TimeSpan.FromMinutes(10));
                if (install.ExitCode != 0) throw new InvalidOperationException("npm ci in tests/cel-engine failed:\n" + install.Output);
            }
        }
        finally
        {
            _installed = IsInstalled();
            Gate.Release();
        }
    }

    private static bool IsInstalled() => File.Exists(Path.Combine(Folder, "node_modules", "@bufbuild", "cel", "package.json"));

    private static async Task<FileStream> LockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 6000)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<ProcessResult> RunAsync(string tool, string[] args, string? stdin, TimeSpan timeout)
    {
        try
        {
            return await ProcessRunner.RunAsync(tool, args, stdin: stdin, timeout: timeout);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{tool} is not installed: the CEL rule tests run a CEL engine with node and npm (tests/run-tests.sh installs them, " +
                "or: tests/control-plane/control-plane.sh packages nodejs npm)", e);
        }
    }
}
