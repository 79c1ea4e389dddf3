using System.Text.Json.Nodes;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Builds an RFC 7386 merge patch that turns one JSON object into another: changed members are set, removed
/// members become null (so a field the reconciler clears is really cleared on the server), arrays are replaced whole.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>The patch from <paramref name="from"/> to <paramref name="to"/>; null when they are equal.</summary>
    public static JsonObject? Create(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in to)
        {
            var hadIt = from.TryGetPropertyValue(name, out var old);
            if (hadIt ? JsonNode.DeepEquals(old, value) : value is null) continue;
            patch[name] = old is JsonObject oldObject && value is JsonObject newObject
                ? Create(oldObject, newObject)
                : value?.DeepClone();
        }
        foreach (var (name, _) in from)
        {
            if (!to.ContainsKey(name)) patch[name] = null;
        }
        return patch.Count == 0 ? null : patch;
    }
}
