using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;

namespace JdCloudPodOperator.Tests.Schema;

/// <summary>The checked-in samples under config/samples/{valid,invalid}/ and what their header comments promise.</summary>
public static class Samples
{
    public static string PathOf(string kind, string file) => RepoPaths.Of("config", "samples", kind, file);

    public static IEnumerable<string> Files(string kind) =>
        Directory.GetFiles(RepoPaths.Of("config", "samples", kind), "*.yaml").Select(Path.GetFileName).Order()!;

    /// <summary>Invalid samples named schema-*.yaml break OpenAPI rules; the others break cross-field rules only.</summary>
    public static bool BreaksSchema(string file) => file.StartsWith("schema-", StringComparison.Ordinal);

    /// <summary>The field paths listed under "# Expected violations:" at the top of an invalid sample.</summary>
    public static IReadOnlyList<string> ExpectedViolationPaths(string file) =>
        File.ReadLines(PathOf("invalid", file))
            .TakeWhile(l => l.StartsWith('#'))
            .SkipWhile(l => l.Trim() != "# Expected violations:").Skip(1)
            .Select(l => l.TrimStart('#').Trim())
            .Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)])
            .ToList();

    /// <summary>The JdCloudPod of a valid sample (skipping its Secret), as a typed object to vary in tests.</summary>
    public static JdCloudPod LoadPod(string file) =>
        KubernetesYaml.LoadAllFromString(File.ReadAllText(PathOf("valid", file)),
                new Dictionary<string, Type> { [$"{JdCloudPod.ApiVersionString}/{JdCloudPod.EntityKind}"] = typeof(JdCloudPod) })
            .OfType<JdCloudPod>().Single();
}
