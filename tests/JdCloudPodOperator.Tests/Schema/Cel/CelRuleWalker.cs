using System.Text.Json.Nodes;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Schema.Cel;

/// <summary>A rule of the schema evaluated on one node of an object: where (kubectl-style path) and what it says.</summary>
public sealed record CelSite(string Path, string Rule, string Message, CelEvaluation Evaluation);

/// <summary>
/// Walks objects along the CRD's schema as the API server does before running CEL: nulls pruned, defaults filled
/// in; then every x-kubernetes-validations rule is due on every node its schema applies to. Transition rules (oldSelf)
/// are left to the tests that give an old object.
/// </summary>
public sealed class CelRuleWalker(V1JSONSchemaProps root)
{
    private readonly List<string> _rules = [];

    public IReadOnlyList<string> Rules => _rules;

    public List<JsonNode> Objects { get; } = [];

    /// <summary>Every rule of the schema, in schema order, with the path of the node it sits on (lists as [], maps as {}).</summary>
    public static IEnumerable<(string Path, V1ValidationRule Rule)> AllRules(V1JSONSchemaProps schema, string path = "")
    {
        foreach (var rule in schema.XKubernetesValidations ?? []) yield return (path, rule);
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
            foreach (var found in AllRules(property, path.Length == 0 ? name : $"{path}.{name}")) yield return found;
        if (schema.Items is V1JSONSchemaProps items) foreach (var found in AllRules(items, path + "[]")) yield return found;
        if (schema.AdditionalProperties is V1JSONSchemaProps values) foreach (var found in AllRules(values, path + "{}")) yield return found;
    }

    /// <summary>Adds an object (a copy, pruned and defaulted) and returns the rules due on it.</summary>
    public List<CelSite> Add(JsonNode @object)
    {
        var copy = @object.DeepClone();
        Normalize(root, copy);
        Objects.Add(copy);
        var sites = new List<CelSite>();
        Walk(root, copy, [], "", Objects.Count - 1, sites);
        return sites;
    }

    private void Walk(V1JSONSchemaProps schema, JsonNode node, List<object> path, string display, int @object, List<CelSite> sites)
    {
        foreach (var rule in schema.XKubernetesValidations ?? [])
        {
            if (rule.Rule.Contains("oldSelf", StringComparison.Ordinal)) continue;
            sites.Add(new CelSite(display, rule.Rule, rule.Message, new CelEvaluation(IndexOf(rule.Rule), @object, [.. path])));
        }
        if (node is JsonObject fields && schema.Properties is { } properties)
        {
            foreach (var (name, value) in fields)
            {
                if (value is not null && properties.TryGetValue(name, out var property))
                    Walk(property, value, [.. path, name], display.Length == 0 ? name : $"{display}.{name}", @object, sites);
            }
        }
        if (node is JsonArray items && schema.Items is V1JSONSchemaProps itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is { } item) Walk(itemSchema, item, [.. path, i], $"{display}[{i}]", @object, sites);
            }
        }
    }

    private int IndexOf(string rule)
    {
        var index = _rules.IndexOf(rule);
        if (index >= 0) return index;
        _rules.Add(rule);
        return _rules.Count - 1;
    }

    /// <summary>The API server's steps before validation: null fields pruned, schema defaults filled in.</summary>
    private static void Normalize(V1JSONSchemaProps schema, JsonNode? node)
    {
        if (node is JsonObject fields && schema.Properties is { } properties)
        {
            foreach (var name in fields.Where(f => f.Value is null).Select(f => f.Key).ToList()) fields.Remove(name);
            foreach (var (name, property) in properties)
            {
                if (!fields.ContainsKey(name) && property.DefaultProperty is { } value) fields[name] = JsonValue.Create(value);
                if (fields[name] is { } child) Normalize(property, child);
            }
        }
        if (node is JsonArray items && schema.Items is V1JSONSchemaProps itemSchema)
        {
            foreach (var item in items) Normalize(itemSchema, item);
        }
    }
}
