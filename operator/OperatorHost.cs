using System.Net;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using k8s;

namespace JdCloudPodOperator;

/// <summary>
/// The operator process's settings: where probes are served, how to reach Kubernetes and how to log, and each
/// part's settings as the action that configures its options class (the one way settings reach a part: the run
/// command builds these from its flags, tests from their own values).
/// </summary>
public sealed record OperatorHostOptions
{
    public IPAddress HealthAddress { get; init; } = IPAddress.Any;

    /// <summary>Plain-HTTP port of /healthz and /readyz; 0 picks a free one (tests).</summary>
    public int HealthPort { get; init; } = 8081;

    /// <summary>Kubeconfig file; null: $KUBECONFIG, ~/.kube/config, or the in-cluster service account.</summary>
    public string? Kubeconfig { get; init; }

    public Action<AdmissionWebhookOptions> Webhook { get; init; } = _ => { };

    /// <summary>The JdCloudPod controller; null: serve the webhook only.</summary>
    public ControllerHostSettings? Controller { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public Action<CmdbOptions> Cmdb { get; init; } = _ => { };

    public LogFormat LogFormat { get; init; } = LogFormat.Text;
}

/// <summary>
/// The operator's one ASP.NET Core host. Each part adds itself with a pair of extension methods
/// (`builder.AddX(...)` for services and listeners, `app.MapX()` for endpoints) and reports readiness through a
/// health check tagged <see cref="ReadyTag"/>; /healthz runs the cheap checks tagged <see cref="LiveTag"/> (the process
/// answers, the watch loop is not stuck), /readyz the readiness ones. /metrics serves Prometheus text on the same
/// port; the webhook's TLS port serves nothing but the webhook.
/// </summary>
public static class OperatorHost
{
    public const string ReadyTag = "ready";
    public const string LiveTag = "live";

    public static WebApplication Build(OperatorHostOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Per-request framework logs would drown the operator's own; problems are still logged as warnings.
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Per request this category logs at Information and below only, yet while any level is on it opens a logging
        // scope for every request (no formatter here prints scopes). Its one other line, a start-up failure, is also
        // the exception the host's start throws.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // One line per HTTP call to JD Cloud is the client's own log's job, at Debug.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // An unready probe is not an error (each part logs why it is not ready, once, in its own words).
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
        builder.Services.AddHealthChecks();
        // Read here when the controller will need it, so a missing or broken kubeconfig stops `run` with one line
        // instead of failing the host's start with a logged stack trace; a host without the controller (the webhook
        // alone) reads it on first use, if ever.
        var kubeconfig = options.Controller is null ? null : Kubeconfig.Resolve(options.Kubeconfig);
        builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(kubeconfig ?? Kubeconfig.Resolve(options.Kubeconfig)));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.HealthAddress, options.HealthPort));
        builder.AddAdmissionWebhook(options.Webhook);
        builder.Services.AddCmdb(builder.Configuration, options.Cmdb);
        builder.AddOperatorTelemetry(options.LogFormat);
        if (options.Controller is { } controller)
            builder.Services.AddJdCloudPodController(controller.Controller, controller.Runtime, controller.Cloud);

        var app = builder.Build();
        // The webhook's TLS port serves the admission endpoints alone; probes and metrics answer only on the plain
        // health port, which a NetworkPolicy can open to monitoring alone (config/network-policy).
        app.Use((context, next) => context.Request.IsHttps && !AdmissionWebhookEndpoint.IsWebhookPath(context.Request.Path)
            ? Results.NotFound().ExecuteAsync(context)
            : next(context));
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag), ResponseWriter = WriteReport });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReport });
        app.MapAdmissionWebhook();
        app.MapOperatorTelemetry();
        return app;
    }

    // "Unhealthy" alone does not help whoever runs `curl /readyz`: list each check and why it fails.
    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status}{(e.Value.Description is { } why ? " - " + why : "")}");
        return context.Response.WriteAsync(string.Join('\n', [report.Status.ToString(), .. lines]) + "\n");
    }
}
