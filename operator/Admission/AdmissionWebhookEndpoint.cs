using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// `POST /validate-jdcloudpod-jdcloudpod-io-v1alpha1`: the validating admission endpoint; `POST
/// /mutate-jdcloudpod-jdcloudpod-io-v1alpha1`: the mutating one (<see cref="FinalizerMutation"/>). Each answers 200
/// with an AdmissionReview for every request it could read (a rejection is a 200 too); 400 with a plain-text reason
/// for a body that is not an AdmissionReview for JdCloudPods.
/// </summary>
public static class AdmissionWebhookEndpoint
{
    public const string Path = "/validate-jdcloudpod-jdcloudpod-io-v1alpha1";
    public const string MutatePath = "/mutate-jdcloudpod-jdcloudpod-io-v1alpha1";

    /// <summary>
    /// Body limit. The API server stores objects of at most ~1.5 MiB (etcd's request limit) and an UPDATE review
    /// carries two of them plus the envelope; 8 MiB leaves room for JSON escaping and nothing legitimate is bigger.
    /// </summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>
    /// A plain request delegate: no minimal-API binding, endpoint filter or IResult per review, and the logger and
    /// CMDB settings resolved once here (both singletons), not per request.
    /// </summary>
    public static void MapAdmissionWebhook(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdmissionWebhookEndpoint).FullName!);
        var cmdb = services.GetRequiredService<IOptionsMonitor<CmdbOptions>>();
        Map(endpoints, Path, log, body =>
        {
            var settings = cmdb.CurrentValue;
            return Review(body, log, settings.Defaults, settings.Businesses);
        });
        Map(endpoints, MutatePath, log, body => Mutate(body, log));
    }

    /// <summary>True for the paths the TLS listener serves (everything else there is 404).</summary>
    public static bool IsWebhookPath(PathString path) => path == Path || path == MutatePath;

    // The webhook is served on the TLS listener only; other listeners (health) are plain HTTP.
    private static void Map(IEndpointRouteBuilder endpoints, string path, ILogger log, Func<ReadOnlyMemory<byte>, Answer> review) =>
        endpoints.MapPost(path, (RequestDelegate)(context => context.Request.IsHttps
                ? HandleAsync(context, log, review)
                : Results.NotFound().ExecuteAsync(context)))
            .ExcludeFromDescription();

    /// <summary>
    /// The longest text logged about one review (a denial's message, a bad request's reason): a dozen violations,
    /// and a hostile request cannot write megabytes into the log. The full denial is in the answer.
    /// </summary>
    internal const int MaxLoggedLength = 2048;

    private static async Task HandleAsync(HttpContext context, ILogger log, Func<ReadOnlyMemory<byte>, Answer> review)
    {
        if (!IsJson(context.Request.ContentType))
        {
            await Refuse(context, log, StatusCodes.Status415UnsupportedMediaType, OperatorTelemetry.RefusedUnsupportedMediaType,
                $"Content-Type must be application/json, not {AdmissionRequestReader.Quote(context.Request.ContentType)}");
            return;
        }
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        Answer answer;
        try
        {
            if (body.Length < 0)
            {
                await Refuse(context, log, StatusCodes.Status400BadRequest, OperatorTelemetry.RefusedTooLarge,
                    $"request body exceeds the limit of {MaxBodyBytes} bytes");
                return;
            }
            answer = review(body.Buffer.AsMemory(0, body.Length));
        }
        finally
        {
            if (body.Buffer.Length > 0) ArrayPool<byte>.Shared.Return(body.Buffer);
        }
        if (answer.Review is null) await WriteTextAsync(context, answer.StatusCode, answer.Error!);
        else await WriteAsync(context, StatusCodes.Status200OK, "application/json", JsonSerializer.SerializeToUtf8Bytes(answer.Review, Json));
    }

    /// <summary>The whole answer in one write with its Content-Length (no chunked encoding).</summary>
    private static Task WriteAsync(HttpContext context, int status, string contentType, byte[] bytes)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    private static Task WriteTextAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(message + "\n"));

    /// <summary>application/json, with no charset or UTF-8 (the only encoding JSON allows between systems).</summary>
    internal static bool IsJson(string? contentType) =>
        // What the API server sends, checked without parsing; anything else is parsed.
        string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase)
        || MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>A request refused before it is read as a review: counted, logged in one bounded line, answered in text.</summary>
    private static Task Refuse(HttpContext context, ILogger log, int status, string reason, string message)
    {
        OperatorTelemetry.WebhookRequestRefused(reason);
        log.LogWarning("Refused admission request ({Reason}): {Message}", reason, message);
        return WriteTextAsync(context, status, message);
    }

    // Messages keep their quotes readable (\" rather than \u0022); the body is JSON for the API server, never HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = AdmissionJsonContext.Default,
    };

    internal static string ToJson(AdmissionReviewResponse review) => JsonSerializer.Serialize(review, Json);

    /// <summary>The HTTP answer: 200 with a review, or a status code with an error message.</summary>
    internal sealed record Answer(int StatusCode, string? Error, AdmissionReviewResponse? Review);

    /// <summary>Everything after reading the body, without HTTP: what the endpoint answers for these bytes.</summary>
    internal static Answer Review(ReadOnlyMemory<byte> body, ILogger log, CmdbSpec? cmdbDefaults = null, CmdbBusinessMap? businesses = null) =>
        Decide(body, log, (cmdbDefaults, businesses), static (request, cmdb) => JdCloudPodAdmission.Review(request, cmdb.cmdbDefaults, cmdb.businesses));

    /// <summary>The mutating endpoint's answer for these bytes: allowed, with the finalizer patch when it is missing.</summary>
    internal static Answer Mutate(ReadOnlyMemory<byte> body, ILogger log) =>
        Decide<object?>(body, log, null, static (request, _) => FinalizerMutation.Review(request));

    // The decision gets its settings as state, not in a closure: nothing is allocated per review to carry them.
    private static Answer Decide<TState>(ReadOnlyMemory<byte> body, ILogger log, TState state, Func<AdmissionRequest, TState, AdmissionResponse> decide)
    {
        using var telemetry = OperatorTelemetry.StartReview();
        try
        {
            using var document = AdmissionRequestReader.Parse(body);
            var request = AdmissionRequestReader.Read(document.Root);
            telemetry.Request(request.Operation, request.Namespace, request.Name, request.Uid);
            var response = decide(request, state);
            telemetry.Finish(response.Allowed);
            Log(log, request, response);
            return new Answer(200, null, new AdmissionReviewResponse(response));
        }
        catch (BadAdmissionReviewException e)
        {
            telemetry.BadRequest();
            var reason = FieldViolation.Truncate(e.Message, MaxLoggedLength);
            log.LogWarning("Bad admission request: {Reason}", reason);
            return new Answer(400, "bad AdmissionReview: " + reason, null);
        }
    }

    private static void Log(ILogger log, AdmissionRequest request, AdmissionResponse response)
    {
        if (response.Allowed)
        {
            // Guarded: the params array of the call is built before the level is checked, once per review.
            if (log.IsEnabled(LogLevel.Debug)) log.LogDebug("Allowed {Operation} of {Namespace}/{Name} (uid {Uid})", request.Operation, request.Namespace, request.Name, request.Uid);
        }
        else
            log.LogInformation("Denied {Operation} of {Namespace}/{Name} (uid {Uid}): {Message}", request.Operation, request.Namespace,
                request.Name, request.Uid, FieldViolation.Truncate(response.Status?.Message ?? "", MaxLoggedLength));
    }

    /// <summary>A body in a pooled buffer (return it); Length -1 once the body passes <see cref="MaxBodyBytes"/>.</summary>
    private readonly record struct Body(byte[] Buffer, int Length);

    /// <summary>
    /// The whole body, read no further than <see cref="MaxBodyBytes"/>, into a buffer from the shared pool. A ValueTask:
    /// the body is usually in by the time the endpoint runs, and then no task is allocated for it.
    /// </summary>
    private static async ValueTask<Body> ReadBodyAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.ContentLength > MaxBodyBytes) return new Body([], -1);
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize(request.ContentLength));
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

    /// <summary>
    /// The first buffer for a body of the declared length: one byte past it, so a body longer than declared is still
    /// read to its end. A declared length is believed up to <see cref="TrustedLength"/> only: past it the buffer grows
    /// with the bytes that arrive, so a request that declares 8 MiB and sends nothing holds 64 KiB, not 8.
    /// </summary>
    internal static int FirstBufferSize(long? contentLength) => (int)Math.Min(contentLength ?? 16 * 1024, TrustedLength) + 1;

    /// <summary>Room for the largest valid pod's review in one buffer (54 KB as the API server writes it).</summary>
    internal const int TrustedLength = 64 * 1024;

    private static byte[] Grow(byte[] buffer, int length)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
