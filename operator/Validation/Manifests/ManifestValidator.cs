using System.Text.Json;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Manifests;

/// <summary>
/// What validating one document of a manifest found: its 1-based position in the file, `namespace/name` of the
/// JdCloudPod (null for other kinds), and a parse error or the violations and warnings (and how many violations past
/// <see cref="ValidationResult.MaxReported"/> the validator only counted).
/// </summary>
internal sealed record DocumentReport(
    int Index, string? Object, string? ParseError, IReadOnlyList<FieldViolation> Violations, IReadOnlyList<string> Warnings, int Omitted = 0)
{
    public bool IsJdCloudPod => Object is not null;
}

/// <summary>
/// Validates the JdCloudPod documents of a manifest as the API server plus the admission webhook would see them:
/// shape first (unknown fields, wrong JSON types: the webhook's <see cref="JsonTypeCheck"/>), then every rule of
/// <see cref="JdCloudPodValidator"/>. Unknown fields fail here, where the webhook only warns: a pipeline should stop
/// on a typo before it reaches a cluster.
/// Other kinds are skipped; a `kind: List` is opened.
/// </summary>
internal static class ManifestValidator
{
    private const string Group = JdCloudPod.Group + "/";

    /// <summary><paramref name="cmdbDefaults"/>: the operator's Cmdb:Defaults, which spec.cmdb may rely on.</summary>
    public static List<DocumentReport> Validate(string text, CmdbSpec? cmdbDefaults = null)
    {
        var reports = new List<DocumentReport>();
        foreach (var document in YamlJson.ReadAll(text))
        {
            if (document.ParseError is not null) reports.Add(new DocumentReport(document.Index, null, document.ParseError, [], []));
            else if (document.Root is JsonObject root) AddObject(document.Index, root, reports, cmdbDefaults);
        }
        return reports;
    }

    private static void AddObject(int index, JsonObject root, List<DocumentReport> reports, CmdbSpec? cmdbDefaults)
    {
        var kind = Text(root["kind"]);
        // kubectl opens any list, not only kind List: JdCloudPodList (as `kubectl get -o yaml` writes it), and others.
        if (kind?.EndsWith("List", StringComparison.Ordinal) == true && root["items"] is JsonArray items)
        {
            foreach (var item in items)
            {
                if (item is JsonObject member) AddObject(index, member, reports, cmdbDefaults);
            }
            return;
        }
        var apiVersion = Text(root["apiVersion"]);
        if (kind != JdCloudPod.EntityKind || apiVersion?.StartsWith(Group, StringComparison.Ordinal) != true)
        {
            reports.Add(new DocumentReport(index, null, null, [], []));
            return;
        }
        reports.Add(ValidatePod(index, root, apiVersion, cmdbDefaults));
    }

    private static DocumentReport ValidatePod(int index, JsonObject root, string apiVersion, CmdbSpec? cmdbDefaults)
    {
        var name = ObjectName(root);
        var violations = new List<FieldViolation>();
        if (apiVersion != JdCloudPod.ApiVersionString)
        {
            violations.Add(new FieldViolation("apiVersion", ViolationKind.NotSupported, apiVersion, $"supported values: \"{JdCloudPod.ApiVersionString}\""));
        }
        var (removed, omitted) = CheckTypes(root, violations);
        // Values of the wrong type past the limit were only counted, so they are still in the tree: the rules must not read it.
        if (omitted.WrongValues > 0) return new DocumentReport(index, name, null, violations, [], omitted.WrongValues + omitted.UnknownFields);
        // The rules read the document itself, as the webhook reads its request object.
        using var tree = JsonTree.Parse(JsonSerializer.SerializeToUtf8Bytes(root, EntityJsonContext.Default.JsonObject), JsonTree.WrittenDepth);
        var result = JdCloudPodValidator.Validate(tree.Root, ns: null, cmdbDefaults);
        // A value removed for its type is absent now: do not report it again as missing.
        violations.AddRange(result.Violations.Where(v => !removed.Exists(path => IsAtOrUnder(v.Field, path))));
        return new DocumentReport(index, name, null, violations, result.Warnings, result.Omitted + omitted.UnknownFields);
    }

    /// <summary>
    /// Reports unknown fields and values of the wrong JSON type (<see cref="JsonTypeCheck"/>, as the webhook does) and
    /// removes the wrong values from the tree, so the rest of the document can still be read and validated. Returns
    /// the paths of the removed values, and how many findings of each kind were only counted.
    /// </summary>
    private static (List<string> Removed, (int WrongValues, int UnknownFields) Omitted) CheckTypes(JsonObject root, List<FieldViolation> violations)
    {
        using var tree = JsonTree.Parse(JsonSerializer.SerializeToUtf8Bytes(root, EntityJsonContext.Default.JsonObject), JsonTree.WrittenDepth);
        var findings = JsonTypeCheck.Check(tree.Root, typeof(JdCloudPod));
        var removed = new List<string>();
        foreach (var finding in findings.Found)
        {
            violations.Add(finding.Violation);
            if (finding.IsUnknownField) continue; // the reader skips it
            Remove(root, finding.Location);
            removed.Add(finding.Violation.Field);
        }
        return (removed, (findings.OmittedWrongValues, findings.OmittedUnknownFields));
    }

    // A list item becomes null (the indexes of the others stay); a field or map value goes.
    private static void Remove(JsonNode root, IReadOnlyList<object> location)
    {
        var parent = root;
        foreach (var step in location.Take(location.Count - 1)) parent = step is int i ? parent?[i] : parent?[(string)step];
        if (location[^1] is int index && parent is JsonArray list) list[index] = null;
        else if (location[^1] is string key && parent is JsonObject map) map.Remove(key);
    }

    private static bool IsAtOrUnder(string field, string path) =>
        field.StartsWith(path, StringComparison.Ordinal) && (field.Length == path.Length || field[path.Length] is '.' or '[');

    private static string ObjectName(JsonObject root)
    {
        var metadata = root["metadata"] as JsonObject;
        var name = Text(metadata?["name"]) ?? (Text(metadata?["generateName"]) is { } prefix ? prefix + "*" : "(no name)");
        return Text(metadata?["namespace"]) is { } ns ? ns + "/" + name : name;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
