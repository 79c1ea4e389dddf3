using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.Controller.Planning;

/// <summary>
/// A podSpec's revision and the fingerprints of its field groups, by the operation that changes each group on an
/// existing pod (docs/jdcloud-pod-lifecycle.md, "Which PodSpec field changes how"): description (modifyPodAttribute), the
/// containers' rebuildable fields (rebuildPod), instanceType and the containers' resources (resizePod), and
/// everything else, which only a new pod can change. Any field not named here, including fields added to PodSpec
/// later, falls into "everything else": an unknown field is never assumed changeable in place.
/// </summary>
public static class PodRevisions
{
    /// <summary>The containers' fields rebuildPod sets: those of <see cref="RebuildContainerSpec"/> besides the name.</summary>
    public static readonly IReadOnlyList<string> RebuildFields =
    [
        .. typeof(RebuildContainerSpec).GetProperties()
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>()
            .Where(name => name != "name"),
    ];

    private const int HashLength = 10;

    public static PodSpecRevision Of(PodSpec podSpec)
    {
        ArgumentNullException.ThrowIfNull(podSpec);
        var whole = (JsonObject)JsonSerializer.SerializeToNode(podSpec, EntityJsonContext.Default.PodSpec)!;
        var rest = (JsonObject)whole.DeepClone();
        var description = Take(rest, "description");
        Take(rest, "instanceType");
        var rebuildable = new JsonArray();
        var resources = new JsonArray();
        // rebuildPod needs every container's image: containers started from an image cache alone (imageCacheId, no
        // image) keep their fields with everything else, so a change to them is made by a new pod.
        var inPlace = podSpec.Containers?.All(c => c.Image is not null) != false;
        foreach (var container in (rest["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = container["name"]?.DeepClone();
            var fields = new JsonObject { ["name"] = name };
            if (inPlace) foreach (var field in RebuildFields) fields[field] = Take(container, field);
            rebuildable.Add(fields);
            resources.Add(new JsonObject { ["name"] = name?.DeepClone(), ["resources"] = Take(container, "resources") });
        }
        return new PodSpecRevision
        {
            Name = Hash(whole),
            Description = Hash(description),
            Containers = Hash(rebuildable),
            InstanceType = podSpec.InstanceType,
            Resources = Hash(resources),
            Fixed = Hash(rest),
        };
    }

    private static JsonNode? Take(JsonObject node, string field)
    {
        var value = node[field];
        node.Remove(field);
        return value;
    }

    /// <summary>A short SHA-256 of the canonical JSON (object keys sorted), so the same content always hashes alike.</summary>
    private static string Hash(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteCanonical(node, text);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(digest)[..HashLength];
    }

    private static void WriteCanonical(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case JsonObject obj:
                text.Append('{');
                foreach (var (key, value) in obj.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(JsonValue.Create(key).ToJsonString()).Append(':');
                    WriteCanonical(value, text);
                    text.Append(',');
                }
                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                foreach (var item in array)
                {
                    WriteCanonical(item, text);
                    text.Append(',');
                }
                text.Append(']');
                break;
            default:
                text.Append(node?.ToJsonString() ?? "null");
                break;
        }
    }
}
