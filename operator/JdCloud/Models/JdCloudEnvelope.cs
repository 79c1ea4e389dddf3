using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>Every Pod API response: <c>{"requestId", "result"}</c> on success, <c>{"requestId", "error"}</c> otherwise
/// (docs/jdcloud-api.md, Errors).</summary>
public sealed class JdCloudResponse<TResult>
{
    [JsonPropertyName("requestId")] public string? RequestId { get; set; }
    [JsonPropertyName("result")] public TResult? Result { get; set; }
    [JsonPropertyName("error")] public JdCloudError? Error { get; set; }
}

/// <summary>The error object. <see cref="Code"/> equals the HTTP status; <see cref="Status"/> is the finer
/// reason and may arrive as a number, so it is read as text.</summary>
public sealed class JdCloudError
{
    [JsonPropertyName("code")] public int? Code { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("details")] public List<Dictionary<string, string?>?>? Details { get; set; }

    /// <summary>Reads the envelope of any response body; null when the body is not a JSON object (e.g. a proxy page).</summary>
    public static JdCloudResponse<JsonElement?>? TryReadEnvelope(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonSerializer.Deserialize<JdCloudResponse<JsonElement?>>(body, JdCloudJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
