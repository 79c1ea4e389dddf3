using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly.RateLimiting;
using Polly.Timeout;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// The three kube pod APIs over the configured entry point. Every failure, whatever its envelope or HTTP status,
/// becomes a <see cref="CmdbException"/> with the server's code and message. Rate limiting and 429 backoff live in the
/// HTTP pipeline (<see cref="CmdbServiceCollectionExtensions"/>); retrying business outcomes is the caller's job,
/// because a create must re-list before it is retried (docs/bkcmdb-api.md, Rate limits and retries).
/// </summary>
public sealed class CmdbClient(HttpClient http, IOptionsMonitor<CmdbOptions> options, CmdbCredentialsSource credentialsSource,
    ILogger<CmdbClient> logger)
{
    public const string AuthorizationHeader = "X-Bkapi-Authorization";

    internal static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = CmdbJsonContext.Default,
    };

    /// <summary>Creates the pods atomically; returns one id per pod in flattened input order.</summary>
    public async Task<IReadOnlyList<long>> BatchCreateKubePodAsync(BatchCreateKubePodRequest request, CancellationToken ct)
    {
        var data = await SendAsync<BatchCreateKubePodResult>(CmdbApi.BatchCreateKubePod, request, ct);
        var expected = request.FlattenedPods.Count();
        return data?.Ids is { } ids && ids.Count == expected ? ids
            : throw new CmdbException(CmdbRoutes.Name(CmdbApi.BatchCreateKubePod),
                new CmdbError(CmdbCodes.Unknown, $"success reply carries {data?.Ids?.Count ?? 0} ids for {expected} pods"));
    }

    public async Task<ListKubePodResult> ListKubePodAsync(ListKubePodRequest request, CancellationToken ct) =>
        await SendAsync<ListKubePodResult>(CmdbApi.ListKubePod, request, ct) ?? new ListKubePodResult(0, []);

    /// <summary>Deletes pods and their containers; unknown ids are ignored by the server.</summary>
    public Task BatchDeleteKubePodAsync(BatchDeleteKubePodRequest request, CancellationToken ct) =>
        SendAsync<JsonElement>(CmdbApi.BatchDeleteKubePod, request, ct);

    private async Task<T?> SendAsync<T>(CmdbApi api, object body, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var name = CmdbRoutes.Name(api);
        var (method, uri) = CmdbRoutes.Resolve(settings, api);
        var credentials = await CredentialsAsync(name, ct);
        using var request = new HttpRequestMessage(method, uri) { Content = Content(body, settings, credentials) };
        var requestId = AddHeaders(request, settings, credentials);
        var started = Stopwatch.GetTimestamp();
        using var response = await SendRawAsync(name, request, ct);
        var envelope = await ReadEnvelopeAsync(response, ct);
        logger.LogDebug("CMDB {Api} {Method} {Uri}: HTTP {Status}, code {Code}, request id {RequestId}, {Elapsed} ms",
            name, method, uri, (int)response.StatusCode, envelope?.ErrorCode, requestId,
            (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (envelope is null)
            throw new CmdbException(name, new CmdbError(null, "CMDB replied without a CMDB body", (int)response.StatusCode));
        // A success envelope under an HTTP error status is no success (docs/bkcmdb-api.md, Envelopes: errors of the
        // gateway and ESB come with their own status).
        if (!envelope.Result || envelope.ErrorCode != CmdbCodes.Success || (int)response.StatusCode >= 400)
            throw new CmdbException(name, new CmdbError(envelope.ErrorCode == CmdbCodes.Success ? null : envelope.ErrorCode, envelope.ErrorMessage,
                (int)response.StatusCode, envelope.Permission));
        return envelope.Data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            ? default : envelope.Data.Deserialize<T>(Json);
    }

    private async Task<HttpResponseMessage> SendRawAsync(string api, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CmdbException(api, new CmdbError(null, $"CMDB unreachable: {e.Message}"), e);
        }
        catch (Exception e) when (e is TimeoutRejectedException or RateLimiterRejectedException
                                  || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new CmdbException(api, new CmdbError(null, $"CMDB did not reply: {e.Message}"), e);
        }
    }

    /// <summary>Credentials that cannot be read fail the call like an unreachable server: retried, never split.</summary>
    private async Task<CmdbCredentials> CredentialsAsync(string api, CancellationToken ct)
    {
        try
        {
            return await credentialsSource.GetAsync(ct);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            throw new CmdbException(api, new CmdbError(null, e.Message), e);
        }
    }

    /// <summary>
    /// The JSON body as bytes, so it goes out with a Content-Length (some gateways and proxies refuse a chunked body,
    /// notably on DELETE). On the ESB the app credentials go into the body as well: older ESBs read them only there.
    /// </summary>
    private static ByteArrayContent Content(object body, CmdbOptions settings, CmdbCredentials credentials)
    {
        var json = JsonSerializer.SerializeToNode(body, Json)!.AsObject();
        if (settings.EntryPoint == CmdbEntryPoint.Esb) credentials.AddTo(json);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(json, Json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string AddHeaders(HttpRequestMessage request, CmdbOptions settings, CmdbCredentials credentials)
    {
        var requestId = Guid.NewGuid().ToString("N");
        request.Headers.Add("X-Request-ID", requestId);
        request.Headers.Add("X-Bkcmdb-Language", "en");
        if (settings.EntryPoint == CmdbEntryPoint.Native)
        {
            request.Headers.Add("X-Bkcmdb-Supplier-Account", settings.SupplierAccount);
            request.Headers.Add("X-Bkcmdb-User", credentials.Username);
        }
        else
        {
            request.Headers.TryAddWithoutValidation(AuthorizationHeader, credentials.AuthorizationHeader());
        }
        return requestId;
    }

    /// <summary>Null when the body is not a JSON object (a proxy's HTML error page, an empty 502).</summary>
    private static async Task<CmdbEnvelope?> ReadEnvelopeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!text.TrimStart().StartsWith('{')) return null;
        try
        {
            return JsonSerializer.Deserialize<CmdbEnvelope>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
