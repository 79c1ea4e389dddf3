using System.Text.Json.Nodes;
using JdCloudPodOperator.Tests.Infrastructure;
using JdCloudPodOperator.Validation.Manifests;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>Builds a config/ overlay with `kubectl kustomize`, as a user would, and reads the objects it prints.</summary>
internal static class Kustomize
{
    public static async Task<Manifest> BuildAsync(string overlay)
    {
        var result = await ProcessRunner.RunAsync("kubectl", ["kustomize", RepoPaths.Of("config", overlay)]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize config/{overlay} failed:\n{result.Output}");
        var objects = YamlJson.ReadAll(result.StdOut).Select(d => d.Root).OfType<JsonObject>().ToList();
        return new Manifest(objects, result.StdOut);
    }
}

internal sealed record Manifest(IReadOnlyList<JsonObject> Objects, string Yaml)
{
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind) => OfKind(kind).Should().ContainSingle($"one {kind}").Subject;

    public JsonObject Named(string kind, string name) =>
        OfKind(kind).Should().ContainSingle(o => (string?)o["metadata"]!["name"] == name, $"{kind} {name}").Subject;

    public IEnumerable<string> Kinds => Objects.Select(o => (string)o["kind"]!);

    /// <summary>Every rule of every Role and ClusterRole, as (resource, verb, resourceNames) triples.</summary>
    public IEnumerable<(string ApiGroup, string Resource, string Verb, string? Names)> Rules() =>
        from role in OfKind("ClusterRole").Concat(OfKind("Role"))
        from rule in role["rules"]!.AsArray()
        from apiGroup in Strings(rule!["apiGroups"])
        from resource in Strings(rule["resources"])
        from verb in Strings(rule["verbs"])
        select (apiGroup, resource, verb, rule["resourceNames"] is { } n ? string.Join(",", Strings(n)) : null);

    public static List<string> Strings(JsonNode? array) => array?.AsArray().Select(x => (string)x!).ToList() ?? [];
}
