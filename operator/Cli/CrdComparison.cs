using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Cli;

/// <summary>Whether an installed CustomResourceDefinition is the one this build generates (for `doctor`).</summary>
public static class CrdComparison
{
    // Servers before Kubernetes 1.25 drop CEL rules they do not know; the webhook enforces the same rules, so a CRD
    // without them still matches this build.
    private const string CelRules = "x-kubernetes-validations";

    /// <summary>The first difference that matters, in words; null when the installed CRD matches.</summary>
    public static string? Difference(V1CustomResourceDefinition expected, V1CustomResourceDefinition installed)
    {
        if (installed.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") != true)
            return "it is not Established (kubectl describe crd " + expected.Metadata.Name + " says why)";
        foreach (var version in expected.Spec.Versions)
        {
            var found = installed.Spec.Versions.FirstOrDefault(v => v.Name == version.Name);
            if (found is null) return $"version {version.Name} is missing (installed: {string.Join(", ", installed.Spec.Versions.Select(v => v.Name))})";
            if (found.Served != version.Served || found.Storage != version.Storage)
                return $"version {version.Name} has served={found.Served}, storage={found.Storage}; this build has served={version.Served}, storage={version.Storage}";
            var path = FirstDifference(Json(version.Schema), Json(found.Schema), "");
            if (path is not null) return $"the schema of {version.Name} differs at {(path.Length == 0 ? "its root" : path)}";
        }
        return null;
    }

    private static JsonNode? Json(V1CustomResourceValidation? schema) =>
        Strip(JsonNode.Parse(KubernetesJson.Serialize(schema?.OpenAPIV3Schema)));

    private static JsonNode? Strip(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            obj.Remove(CelRules);
            foreach (var child in obj.Select(p => p.Value).ToList()) Strip(child);
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array) Strip(child);
        }
        return node;
    }

    /// <summary>The JSON path (properties.spec.properties.x) of the first difference, or null.</summary>
    private static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject x && b is JsonObject y)
        {
            foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
            {
                var where = path.Length == 0 ? key : path + "." + key;
                if (!x.ContainsKey(key) || !y.ContainsKey(key)) return where + (x.ContainsKey(key) ? " (missing on the server)" : " (not in this build)");
                if (FirstDifference(x[key], y[key], where) is { } found) return found;
            }
            return null;
        }
        return JsonNode.DeepEquals(a, b) ? null : path;
    }
}
