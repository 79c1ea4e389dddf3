using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// `POST /validate-jdcloudpod-jdcloudpod-io-v1alpha1`: the validating admission endpoint. Answers 200 with an
/// AdmissionReview for every request it could read (a rejection is a 200 too); 400 with a plain-text reason for a
/// body that is not an AdmissionReview for JdCloudPods.
/// </summary>
public static class AdmissionWebhookEndpoint
{
    public const string Path = "/validate-jdcloudpod-jdcloudpod-io-v1alpha1";

    /// <summary>
    /// Body limit. The API server stores objects of at most ~1.5 MiB (etcd's request limit) and an UPDATE review
    /// carries two of them plus the envelope; 8 MiB leaves room for JSON escaping and nothing legitimate is bigger.
    /// </summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public static IEndpointConventionBuilder MapAdmissionWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync)
            // The webhook is served on the TLS listener only; other listeners (health) are plain HTTP.
            .AddEndpointFilter((context, next) => context.HttpContext.Request.IsHttps
                ? next(context)
                : ValueTask.FromResult<object?>(Results.NotFound()))
            .ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(HttpContext context, ILoggerFactory loggers, IOptionsMonitor<CmdbOptions> cmdb)
    {
        var log = loggers.CreateLogger(typeof(AdmissionWebhookEndpoint).FullName!);
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        Answer answer;
        try
        {
            answer = body.Length < 0
                ? new Answer(400, $"request body exceeds the limit of {MaxBodyBytes} bytes", null)
                : Review(body.Buffer.AsMemory(0, body.Length), log, cmdb.CurrentValue.Defaults);
        }
        finally
        {
            if (body.Buffer.Length > 0) ArrayPool<byte>.Shared.Return(body.Buffer);
        }
        return answer.Review is null
            ? Results.Text(answer.Error + "\n", "text/plain; charset=utf-8", statusCode: answer.StatusCode)
            : Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(answer.Review, Json), "application/json");
    }

    // Messages keep their quotes readable (\" rather than \u0022); the body is JSON for the API server, never HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static string ToJson(AdmissionReviewResponse review) => JsonSerializer.Serialize(review, Json);

    /// <summary>The HTTP answer: 200 with a review, or a status code with an error message.</summary>
    internal sealed record Answer(int StatusCode, string? Error, AdmissionReviewResponse? Review);

    /// <summary>Everything after reading the body, without HTTP: what the endpoint answers for these bytes.</summary>
    internal static Answer Review(ReadOnlyMemory<byte> body, ILogger log, CmdbSpec? cmdbDefaults = null)
    {
        using var telemetry = OperatorTelemetry.StartReview();
        try
        {
            using var document = AdmissionRequestReader.Parse(body);
            var request = AdmissionRequestReader.Read(document.RootElement);
            telemetry.Request(request.Operation, request.Namespace, request.Name, request.Uid);
            var response = JdCloudPodAdmission.Review(request, cmdbDefaults);
            telemetry.Finish(response.Allowed);
            Log(log, request, response);
            return new Answer(200, null, new AdmissionReviewResponse(response));
        }
        catch (BadAdmissionReviewException e)
        {
            telemetry.BadRequest();
            log.LogWarning("Bad admission request: {Reason}", e.Message);
            return new Answer(400, "bad AdmissionReview: " + e.Message, null);
        }
    }

    private static void Log(ILogger log, AdmissionRequest request, AdmissionResponse response)
    {
        if (response.Allowed)
            log.LogDebug("Allowed {Operation} of {Namespace}/{Name} (uid {Uid})", request.Operation, request.Namespace, request.Name, request.Uid);
        else
            log.LogInformation("Denied {Operation} of {Namespace}/{Name} (uid {Uid}): {Message}",
                request.Operation, request.Namespace, request.Name, request.Uid, response.Status?.Message);
    }

    /// <summary>A body in a pooled buffer (return it); Length -1 once the body passes <see cref="MaxBodyBytes"/>.</summary>
    private readonly record struct Body(byte[] Buffer, int Length);

    /// <summary>The whole body, read no further than <see cref="MaxBodyBytes"/>, into a buffer from the shared pool.</summary>
    private static async Task<Body> ReadBodyAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.ContentLength > MaxBodyBytes) return new Body([], -1);
        // One byte past the declared length, so a body longer than declared is still read to its end.
        var buffer = ArrayPool<byte>.Shared.Rent((int)(request.ContentLength ?? 16 * 1024) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length) buffer = Grow(buffer, length);
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancel);
                if (read == 0) return new Body(buffer, length);
                length += read;
                if (length > MaxBodyBytes) return new Body(buffer, -1);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
