using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using JdCloudPodOperator.JdCloud.Models;

namespace JdCloudPodOperator.JdCloud.Http;

/// <summary>
/// Sends one Pod API call through the pooled HttpClient (whose handlers retry, rate-limit and sign), parses the
/// envelope, and turns every failure into a <see cref="JdCloudApiException"/>. One Activity and one log line per call.
/// </summary>
internal sealed partial class PodApiTransport(HttpClient http, Uri endpoint, string regionId, JdCloudCredentials credentials, ILogger logger)
{
    private const string RequestIdHeader = "x-jdcloud-request-id";

    public string RegionId => regionId;

    /// <summary>Calls <c>{endpoint}/v1/regions/{regionId}{path}</c>; <paramref name="path"/> segments must already be
    /// escaped and <paramref name="query"/> canonical. Returns the parsed <c>result</c> and the requestId.</summary>
    public async Task<(TResult Result, string? RequestId)> SendAsync<TResult>(
        PodOperation operation, HttpMethod method, string path, string? query, object? body, CancellationToken cancellationToken)
        where TResult : class, new()
    {
        using var activity = JdCloudTelemetry.StartCall(operation, regionId);
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = BuildRequest(operation, method, path, query, body);
            using var response = await SendOrThrowAsync(operation, request, cancellationToken);
            var headerRequestId = response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            var (envelope, text) = await ReadOrThrowAsync<TResult>(operation, response, cancellationToken);
            if (envelope is null || envelope.Error is not null)
                throw JdCloudApiException.FromResponse(operation, regionId, (int)response.StatusCode, text, headerRequestId, Scrub);
            var requestId = envelope.RequestId ?? headerRequestId;
            JdCloudTelemetry.RecordSuccess(activity, operation, regionId, (int)response.StatusCode, requestId, clock.Elapsed);
            LogSuccess(operation.Name, regionId, (int)response.StatusCode, requestId);
            return (envelope.Result ?? new TResult(), requestId);
        }
        catch (JdCloudApiException error)
        {
            JdCloudTelemetry.RecordFailure(activity, error, clock.Elapsed);
            LogFailure(operation.Name, regionId, error.Kind, error.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            activity?.SetTag("jdcloud.outcome", "cancelled");
            throw;
        }
    }

    private HttpRequestMessage BuildRequest(PodOperation operation, HttpMethod method, string path, string? query, object? body)
    {
        var url = new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/v1/regions/{Uri.EscapeDataString(regionId)}{path}{(string.IsNullOrEmpty(query) ? "" : "?" + query)}");
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), JdCloudJson.Options));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        new JdCloudRequestContext(operation, regionId, credentials).AttachTo(request);
        return request;
    }

    private async Task<HttpResponseMessage> SendOrThrowAsync(PodOperation operation, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // Headers only: the body is parsed from the stream (TryParseAsync), never buffered whole.
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && JdCloudResilience.TransportKind(e) is { } kind)
        {
            throw JdCloudApiException.FromTransport(operation, regionId, kind, e);
        }
    }

    /// <summary>
    /// The envelope of a successful answer, parsed from the stream as it arrives (a describePods page of 100 pods is a
    /// few hundred KB, which buffering would hold twice: pooled bytes that each thread keeps, then a string on the
    /// large object heap), and the body as text when it is an error: read whole when not parsed (errors are small),
    /// else the error as parsed. A body cut off in transit is a network failure, as it was while headers came in.
    /// </summary>
    private async Task<(JdCloudResponse<TResult>? Envelope, string? Text)> ReadOrThrowAsync<TResult>(
        PodOperation operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (!response.IsSuccessStatusCode) return (null, await response.Content.ReadAsStringAsync(cancellationToken));
            var envelope = await TryParseAsync<TResult>(response.Content, cancellationToken);
            return (envelope, envelope?.Error is null ? null : JsonSerializer.Serialize(
                new JdCloudResponse<JsonElement?> { RequestId = envelope.RequestId, Error = envelope.Error }, JdCloudJson.Options));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is IOException or HttpRequestException)
        {
            throw JdCloudApiException.FromTransport(operation, regionId, JdCloudErrorKind.Network, e);
        }
    }

    private static async Task<JdCloudResponse<TResult>?> TryParseAsync<TResult>(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<JdCloudResponse<TResult>>(body, JdCloudJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The service's own text could echo a key back; never let it reach a message or a log.</summary>
    private string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var secret in new[] { credentials.SecretKey, credentials.AccessKey, credentials.SecurityToken })
            if (!string.IsNullOrEmpty(secret)) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "JD Cloud {Operation} in {Region} succeeded: HTTP {HttpStatus}, requestId {RequestId}")]
    private partial void LogSuccess(string operation, string region, int httpStatus, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JD Cloud {Operation} in {Region} failed ({Kind}): {Error}")]
    private partial void LogFailure(string operation, string region, JdCloudErrorKind kind, string error);
}
