using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudSimulator;

/// <summary>The one JSON dialect of the simulator: camelCase, nulls left out, raw UTF-8 (as the service sends).</summary>
public static class SimulatorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Request bodies: exact (case-sensitive) field names, as the entity types declare them.</summary>
    public static JsonSerializerOptions Requests { get; } = new(Options) { PropertyNameCaseInsensitive = false };
}
