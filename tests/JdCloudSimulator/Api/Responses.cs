using System.Text.Json;

namespace JdCloudSimulator.Api;

/// <summary>The envelopes (docs/jdcloud-api.md, Errors): <c>{requestId, result}</c> on success, <c>{requestId,
/// error{code, status, message, details}}</c> otherwise.</summary>
internal static class Responses
{
    public const string RequestIdHeader = "x-jdcloud-request-id";

    public static object Success(string requestId, object result) => new { requestId, result };

    public static object Error(string requestId, ApiException e) =>
        new { requestId, error = new { code = e.Code, status = e.Status, message = e.Message, details = e.Details } };

    public static async Task WriteAsync(HttpContext context, int status, object body, string? requestId = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, SimulatorJson.Options);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        if (requestId is not null) context.Response.Headers[RequestIdHeader] = requestId;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>Reads a JSON body into <typeparamref name="T"/>; malformed JSON is 400 with the parser's reason.</summary>
    public static T ReadJson<T>(byte[] body) where T : class, new()
    {
        if (body.Length == 0) return new T();
        try
        {
            return JsonSerializer.Deserialize<T>(body, SimulatorJson.Requests) ?? new T();
        }
        catch (JsonException e)
        {
            throw ApiException.InvalidArgument($"the request body is not valid JSON for this operation: {e.Message}");
        }
    }
}
