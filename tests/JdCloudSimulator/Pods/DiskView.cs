using System.Text.Json;

namespace JdCloudSimulator.Pods;

/// <summary>
/// A cloud disk as the Pod model describes it (docs/jdcloud-api.md, Models): a container's system disk as CloudDisk,
/// a volume's disk as JDCloudVolumeSource. It carries its volume ID (a new disk's generated one) and the defaults the
/// request left out; what only a request has (<c>name</c>) is not returned.
/// </summary>
internal static class DiskView
{
    public static void Write(Utf8JsonWriter w, JsonElement requested, string volumeId, bool systemDisk)
    {
        // Requests are stored without nulls: a volumeId present names an existing disk.
        var isNew = !requested.TryGetProperty("volumeId", out _);
        w.WriteStartObject();
        if (systemDisk) w.WriteString("category", Text(requested, "category") ?? "cloud");
        w.WriteString("volumeId", volumeId);
        Copy(w, requested, "snapshotId");
        Copy(w, requested, "diskType");
        Copy(w, requested, "sizeGB");
        // A new disk without a file system is formatted xfs (docs/jdcloud-api.md, createPods rules, items 81 and 91).
        w.WriteString("fsType", Text(requested, "fsType") ?? (isNew ? "xfs" : null));
        // New disks are always formatted, an existing one only when asked (item 92).
        if (!systemDisk) w.WriteBoolean("formatVolume", isNew || Flag(requested, "formatVolume") == true);
        Copy(w, requested, "iops");
        w.WriteBoolean("autoDelete", Flag(requested, "autoDelete") ?? true);
        w.WriteEndObject();
    }

    private static void Copy(Utf8JsonWriter w, JsonElement requested, string name)
    {
        w.WritePropertyName(name);
        if (requested.TryGetProperty(name, out var value)) value.WriteTo(w);
        else w.WriteNullValue();
    }

    private static string? Text(JsonElement requested, string name) =>
        requested.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Flag(JsonElement requested, string name) =>
        requested.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
