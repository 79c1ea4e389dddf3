using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>Classifies API server failures the runtime reacts to differently.</summary>
public static class ApiErrors
{
    /// <summary>
    /// 410 Gone / "too old resource version": the watch cache no longer holds the resourceVersion, so events may
    /// have been missed and only a relist is correct. Arrives as an HTTP status or as an ERROR watch event.
    /// </summary>
    public static bool IsGone(Exception e) => Status(e) == HttpStatusCode.Gone;

    public static bool IsNotFound(Exception e) => Status(e) == HttpStatusCode.NotFound;

    /// <summary>A JSON patch <c>test</c> op failed (422): the object changed since it was read.</summary>
    public static bool IsUnprocessable(Exception e) => Status(e) == HttpStatusCode.UnprocessableEntity;

    /// <summary>The longest part of the API server's own message quoted in a log line or /readyz.</summary>
    internal const int MaxMessageLength = 512;

    /// <summary>
    /// What the API server answered, for a log line or /readyz: `HTTP 403 Forbidden: ` and its Status message, which
    /// names the resource and the verb refused (`mutatingwebhookconfigurations ... is forbidden: User ... cannot get
    /// ...`); the client's own message says only the status code. Anything else: the exception's message.
    /// </summary>
    public static string Describe(Exception e)
    {
        if (e is not HttpOperationException { Response: { } response }) return e.Message;
        var said = StatusMessage(response.Content);
        return $"HTTP {(int)response.StatusCode} {response.StatusCode}" + (said is null ? "" : ": " + said);
    }

    public static bool IsForbidden(Exception e) => Status(e) == HttpStatusCode.Forbidden;

    // The `message` of the metav1.Status the API server sends with a failure, bounded; null when there is none.
    private static string? StatusMessage(string? content)
    {
        if (string.IsNullOrEmpty(content)) return null;
        try
        {
            using var status = JsonDocument.Parse(content);
            return status.RootElement.ValueKind == JsonValueKind.Object && status.RootElement.TryGetProperty("message"u8, out var message)
                && message.ValueKind == JsonValueKind.String && message.GetString() is { Length: > 0 } text
                ? text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "..."
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HttpStatusCode? Status(Exception e) => e switch
    {
        HttpOperationException { Response: { } r } => r.StatusCode,
        KubernetesException { Status.Code: { } code } => (HttpStatusCode)code,
        _ => null,
    };
}
