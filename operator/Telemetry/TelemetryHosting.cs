using JdCloudPodOperator.Entities;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace JdCloudPodOperator.Telemetry;

/// <summary>How log lines are written to standard output.</summary>
public enum LogFormat
{
    /// <summary>JSON when standard output is not a terminal (a container, a pipe), text on a terminal.</summary>
    Auto,
    Text,
    Json,
}

/// <summary>
/// Wires the operator's telemetry into its host: traces of <see cref="OperatorTelemetry.SourceNames"/>, metrics of the
/// same Meters served at /metrics (Prometheus text), both also exported over OTLP when the standard
/// OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads the other OTEL_* variables itself), and console logs.
/// </summary>
public static class TelemetryHosting
{
    public const string MetricsPath = "/metrics";
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddOperatorTelemetry(this WebApplicationBuilder builder, LogFormat format)
    {
        AddLogging(builder.Logging, format);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("jdcloud-pod-operator",
                serviceVersion: typeof(JdCloudPod).Assembly.GetName().Version?.ToString()))
            // Tracing is on even without an exporter: log lines get their traceId and spanId from the spans.
            .WithTracing(tracing =>
            {
                tracing.AddSource(OperatorTelemetry.SourceNames);
                if (otlp) tracing.AddOtlpExporter();
                else tracing.SetSampler(new NoReviewSpans());
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OperatorTelemetry.SourceNames);
                metrics.AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        return builder;
    }

    public static WebApplication MapOperatorTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>
    /// Without an exporter a span only stamps log lines with its IDs, and a review logs one line at most: its span
    /// (an Activity per request, ~0.5 µs and 700 bytes) is not made. Every other span is, as the default sampler would.
    /// </summary>
    internal sealed class NoReviewSpans : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Name == OperatorTelemetry.ReviewSpanName ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }

    // Text is the host's default console logger; JSON replaces its formatter.
    private static void AddLogging(ILoggingBuilder logging, LogFormat format)
    {
        if (Resolve(format) != LogFormat.Json) return;
        logging.ClearProviders();
        logging.AddConsole(console => console.FormatterName = JsonLogFormatter.Name);
        logging.AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
    }

    internal static LogFormat Resolve(LogFormat format) =>
        format != LogFormat.Auto ? format : Console.IsOutputRedirected ? LogFormat.Json : LogFormat.Text;
}
