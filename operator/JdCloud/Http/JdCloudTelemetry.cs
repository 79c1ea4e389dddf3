using System.Diagnostics;
using System.Diagnostics.Metrics;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.Telemetry;

namespace JdCloudPodOperator.JdCloud.Http;

/// <summary>
/// Traces and metrics of the JD Cloud Pod API client: one Activity per call (retries are events on it) and a Meter
/// with calls, errors by status and latency. Tags carry operation, region, requestId and outcome, never credentials.
/// </summary>
public static class JdCloudTelemetry
{
    public const string SourceName = "JdCloudPodOperator.JdCloud";

    public static readonly ActivitySource ActivitySource = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    private static readonly Counter<long> Calls =
        Meter.CreateCounter<long>("jdcloud.pod.calls", "{call}", "Pod API calls, by operation, region and outcome.");
    private static readonly Counter<long> Errors =
        Meter.CreateCounter<long>("jdcloud.pod.errors", "{call}", "Failed Pod API calls, by operation, region, HTTP code and status.");
    private static readonly Counter<long> Retries =
        Meter.CreateCounter<long>("jdcloud.pod.retries", "{attempt}", "Retried Pod API attempts, by operation and region.");
    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("jdcloud.pod.duration", "s", "Duration of Pod API calls including retries.", advice: OperatorTelemetry.Seconds);

    /// <summary>
    /// JD Cloud's regions (its API introduction lists these four). regionId comes from a tenant's spec and only has
    /// to look like a region, so as a metric label any other value is "other": labels come from closed sets
    /// (docs/tenant-isolation.md).
    /// </summary>
    private static readonly string[] Regions = ["cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1"];

    internal static string RegionLabel(string? regionId) =>
        Array.IndexOf(Regions, regionId) is var i and >= 0 ? Regions[i] : "other";

    /// <summary>The error status as a label: JD Cloud's UPPER_SNAKE codes; anything else a server or proxy says is "other".</summary>
    internal static string StatusLabel(string status) =>
        status.Length <= 40 && status.All(c => c is (>= 'A' and <= 'Z') or '_') ? status : "other";

    internal static Activity? StartCall(PodOperation operation, string regionId)
    {
        var activity = ActivitySource.StartActivity($"JdCloud {operation.Name}", ActivityKind.Client);
        activity?.SetTag("jdcloud.operation", operation.Name);
        activity?.SetTag("jdcloud.region", regionId);
        return activity;
    }

    internal static void RecordSuccess(Activity? activity, PodOperation operation, string regionId, int httpStatus, string? requestId, TimeSpan elapsed)
    {
        activity?.SetTag("jdcloud.request_id", requestId);
        activity?.SetTag("http.response.status_code", httpStatus);
        activity?.SetTag("jdcloud.outcome", "success");
        activity?.SetStatus(ActivityStatusCode.Ok);
        Record(operation, regionId, "success", elapsed);
    }

    internal static void RecordFailure(Activity? activity, JdCloudApiException error, TimeSpan elapsed)
    {
        activity?.SetTag("jdcloud.request_id", error.RequestId);
        activity?.SetTag("http.response.status_code", error.HttpStatus);
        activity?.SetTag("jdcloud.status", error.Status);
        activity?.SetTag("jdcloud.outcome", error.Kind.ToString());
        activity?.SetStatus(ActivityStatusCode.Error, error.Kind.ToString());
        Record(error.Operation, error.RegionId, error.Kind.ToString(), elapsed);
        Errors.Add(1,
            new("jdcloud.operation", error.Operation.Name), new("jdcloud.region", RegionLabel(error.RegionId)),
            new("http.response.status_code", error.HttpStatus), new("jdcloud.status", StatusLabel(error.Status ?? error.Kind.ToString())));
    }

    internal static void RecordRetry(JdCloudRequestContext? context, int retryNumber)
    {
        Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["jdcloud.retry"] = retryNumber }));
        if (context is null) return;
        Retries.Add(1, new("jdcloud.operation", context.Operation.Name), new("jdcloud.region", RegionLabel(context.RegionId)));
    }

    private static void Record(PodOperation operation, string regionId, string outcome, TimeSpan elapsed)
    {
        KeyValuePair<string, object?>[] tags =
            [new("jdcloud.operation", operation.Name), new("jdcloud.region", RegionLabel(regionId)), new("jdcloud.outcome", outcome)];
        Calls.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
