using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>
/// JSON settings for the Pod API. Reading is lenient (docs/jdcloud-api.md, Models and Errors): unknown fields are
/// ignored, any field may be null, a string field also accepts a number or boolean, a number field also accepts a
/// numeric string. Writing is camelCase and omits unset (null) fields (docs/jdcloud-api.md, Endpoints and requests).
/// </summary>
public static class JdCloudJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            // Raw UTF-8 like the Go and .NET SDKs (an API body, never embedded in HTML).
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // The bodies' metadata is generated at build time; a type missing from the context fails in every build.
            TypeInfoResolver = JdCloudJsonContext.Default,
        };
        options.Converters.Add(new LenientStringConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Reads a string from any scalar token (e.g. <c>error.status</c> sent as a number) and an object or
    /// array as its raw JSON text, instead of failing the whole response.</summary>
    private sealed class LenientStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => JsonElement.ParseValue(ref reader).GetRawText(),
            };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        // Object keys (error.details) are always strings: read and written as they are.
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString()!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);
    }
}
