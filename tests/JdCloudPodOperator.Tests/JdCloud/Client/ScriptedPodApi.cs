using System.Collections.Concurrent;
using System.Net;
using System.Text;
using JdCloudPodOperator.JdCloud.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JdCloudPodOperator.Tests.JdCloud.Client;

/// <summary>
/// A real HTTP server on 127.0.0.1 that records every request as it arrived and answers from a script
/// (queued replies first, then <see cref="Fallback"/>). Not the JD Cloud simulator: just enough to drive the client.
/// </summary>
public sealed class ScriptedPodApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ScriptedPodApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Answers requests once the script is used up; by default 500 "unscripted".</summary>
    public Func<RecordedRequest, Reply> Fallback { get; set; } = _ => Reply.Json(500, """{"requestId":"r-unscripted","error":{"code":500,"status":"INTERNAL","message":"unscripted"}}""");

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public static async Task<ScriptedPodApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new ScriptedPodApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        api.BaseUrl = new Uri(address);
        return api;
    }

    public ScriptedPodApi Then(params Reply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var recorded = await RecordedRequest.ReadAsync(context);
        _requests.Enqueue(recorded);
        var reply = _script.TryDequeue(out var next) ? next : Fallback(recorded);
        await reply.WriteAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A scripted answer.</summary>
public abstract record Reply
{
    public static Reply Json(int status, string body, string contentType = "application/json") => new BodyReply(status, body, contentType);

    public static Reply Ok(string resultJson, string requestId = "req-ok") => Json(200, $$"""{"requestId":"{{requestId}}","result":{{resultJson}}}""");

    public static Reply Error(int status, object? statusValue, string message = "failure", string requestId = "req-err")
    {
        var statusJson = statusValue switch { null => "null", string s => $"\"{s}\"", _ => statusValue.ToString() };
        return Json(status, $$$"""{"requestId":"{{{requestId}}}","error":{"code":{{{status}}},"status":{{{statusJson}}},"message":"{{{message}}}"}}""");
    }

    /// <summary>Closes the connection without an answer: a network failure for the client.</summary>
    public static Reply Drop() => new DropReply();

    /// <summary>Answers only after <paramref name="delay"/> (or when the client gives up): a timeout for the client.</summary>
    public static Reply Hang(TimeSpan delay, Reply then) => new HangReply(delay, then);

    public abstract Task WriteAsync(HttpContext context);

    private sealed record BodyReply(int Status, string Body, string ContentType) : Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = Status;
            context.Response.ContentType = ContentType;
            await context.Response.WriteAsync(Body, Encoding.UTF8);
        }
    }

    private sealed record DropReply : Reply
    {
        public override Task WriteAsync(HttpContext context)
        {
            context.Abort();
            return Task.CompletedTask;
        }
    }

    private sealed record HangReply(TimeSpan Delay, Reply Then) : Reply
    {
        public override async Task WriteAsync(HttpContext context)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await Then.WriteAsync(context);
        }
    }
}

/// <summary>A request exactly as it arrived: raw target (not decoded), every header, body bytes.</summary>
public sealed record RecordedRequest(string Method, string RawPath, string? RawQuery, IReadOnlyDictionary<string, string[]> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(',', values) : null;

    public IReadOnlyList<string> QueryValues(string name) =>
        (RawQuery ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => Uri.UnescapeDataString(p[0]) == name)
            .Select(p => Uri.UnescapeDataString(p.ElementAtOrDefault(1) ?? ""))
            .ToList();

    public JdCloudVerificationRequest ToVerification(string? expectedRegion = "cn-north-1") => new()
    {
        Method = Method,
        RawPath = RawPath,
        RawQuery = RawQuery,
        Headers = name => Headers.TryGetValue(name, out var values) ? values : null,
        Body = Body,
        ExpectedRegion = expectedRegion,
        RequireDateAndNonceSigned = true,
    };

    internal static async Task<RecordedRequest> ReadAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var question = rawTarget.IndexOf('?');
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(
            context.Request.Method,
            question < 0 ? rawTarget : rawTarget[..question],
            question < 0 ? null : rawTarget[(question + 1)..],
            headers,
            body.ToArray());
    }
}
