using System.Diagnostics;
using System.Diagnostics.Metrics;
using JdCloudPodOperator.KubernetesApi;

namespace JdCloudPodOperator.Telemetry;

/// <summary>
/// Traces and metrics of the operator itself: one span per reconcile (the root of its cloud calls) and per admission
/// review, and a Meter with reconciles, work queue, webhook and managed pods. Tags name the object, never its spec
/// or any credential. JD Cloud client telemetry lives with the client (JdCloud.Http.JdCloudTelemetry).
/// </summary>
public static class OperatorTelemetry
{
    public const string SourceName = "JdCloudPodOperator";

    /// <summary>
    /// Every ActivitySource and Meter the operator defines, as the exporters subscribe to them: this one and each
    /// part's own, named SourceName.Part (the JD Cloud client's ends in .JdCloud), so telemetry needs no reference to
    /// the parts it exports.
    /// </summary>
    public static readonly string[] SourceNames = [SourceName, SourceName + ".*"];

    /// <summary>Whether <paramref name="sourceName"/> is one of <see cref="SourceNames"/>.</summary>
    public static bool Defines(string sourceName) =>
        sourceName == SourceName || sourceName.StartsWith(SourceName + ".", StringComparison.Ordinal);

    public static readonly ActivitySource ActivitySource = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    /// <summary>
    /// Buckets of every duration histogram, in seconds (the exporters' defaults are meant for milliseconds): from a
    /// cached webhook answer (ms) to a cloud call retried up to its total timeout (a minute).
    /// </summary>
    public static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    private static readonly Counter<long> Reconciles =
        Meter.CreateCounter<long>("jdcloudpod.reconciles", "{reconcile}", "Reconciles finished, by kind and result (done, requeue, error, canceled).");
    private static readonly Counter<long> ReconcileErrors =
        Meter.CreateCounter<long>("jdcloudpod.reconcile.errors", "{reconcile}", "Reconciles that threw (each is retried with backoff), by kind.");
    private static readonly Histogram<double> ReconcileDuration =
        Meter.CreateHistogram<double>("jdcloudpod.reconcile.duration", "s", "Duration of one reconcile, by kind and result.", advice: Seconds);
    private static readonly Histogram<double> ReviewDuration =
        Meter.CreateHistogram<double>("jdcloudpod.webhook.duration", "s", "Duration of one admission review, by operation and outcome (allowed, denied, bad_request).", advice: Seconds);
    private static readonly Counter<long> Rejections =
        Meter.CreateCounter<long>("jdcloudpod.webhook.rejections", "{review}", "Admission reviews denied, by operation.");
    private static readonly Counter<long> Refused =
        Meter.CreateCounter<long>("jdcloudpod.webhook.refused", "{request}",
            "Webhook requests refused before or while being read as a review, by reason (too_large, malformed, unsupported_media_type).");

    /// <summary>Reasons of <see cref="WebhookRequestRefused"/>: a closed set, so a label never carries request text.</summary>
    public const string RefusedTooLarge = "too_large", RefusedMalformed = "malformed", RefusedUnsupportedMediaType = "unsupported_media_type";

    /// <summary>
    /// The operations the API server sends (admission.k8s.io/v1); any other value, or none yet, is "other". A label
    /// value must come from a closed set: the webhook port is reachable by anyone in the cluster, and each distinct
    /// value would be a new series.
    /// </summary>
    internal static readonly string[] AdmissionOperations = ["CREATE", "UPDATE", "DELETE", "CONNECT"];

    internal static string OperationLabel(string? operation) =>
        Array.IndexOf(AdmissionOperations, operation) is var i and >= 0 ? AdmissionOperations[i] : "other";

    /// <summary>Counts a request refused for <paramref name="reason"/> (one of the Refused* constants).</summary>
    public static void WebhookRequestRefused(string reason) =>
        Refused.Add(1, new KeyValuePair<string, object?>("jdcloudpod.webhook.refusal", reason));

    /// <summary>Starts the span and clock of one reconcile of <paramref name="key"/>.</summary>
    public static ReconcileScope StartReconcile(string kind, NamespacedName key)
    {
        var activity = ActivitySource.StartActivity($"Reconcile {kind}", ActivityKind.Internal);
        activity?.SetTag("k8s.resource.kind", kind);
        activity?.SetTag("k8s.namespace.name", key.Namespace);
        activity?.SetTag("k8s.resource.name", key.Name);
        return new ReconcileScope(activity, kind, Stopwatch.GetTimestamp());
    }

    /// <summary>The generation being reconciled, once the reconciler has read the object.</summary>
    public static void SetGeneration(long? generation) =>
        Activity.Current?.SetTag("k8s.resource.generation", generation);

    /// <summary>The span of one admission review (made only when traces are exported: <see cref="TelemetryHosting"/>).</summary>
    public const string ReviewSpanName = "AdmissionReview JdCloudPod";

    public static ReviewScope StartReview() =>
        new(ActivitySource.StartActivity(ReviewSpanName, ActivityKind.Server), Stopwatch.GetTimestamp());

    /// <summary>One reconcile's span and measurements, recorded once by <see cref="Finish"/> or <see cref="Fail"/>.</summary>
    public sealed class ReconcileScope(Activity? activity, string kind, long started) : IDisposable
    {
        /// <summary>Records a reconcile that returned; <paramref name="requeued"/> when it asked to be tried again later.</summary>
        public void Finish(bool requeued) => Record(requeued ? "requeue" : "done", ActivityStatusCode.Ok, null);

        /// <summary>Records the failure; always false, for use as an exception filter that lets the exception through.</summary>
        public bool Fail(Exception error, bool canceled)
        {
            if (canceled)
            {
                Record("canceled", ActivityStatusCode.Unset, null);
                return false;
            }
            ReconcileErrors.Add(1, new KeyValuePair<string, object?>("k8s.resource.kind", kind));
            // The exception type only: messages of cloud and API errors are already redacted, but a type is never secret.
            Record("error", ActivityStatusCode.Error, error.GetType().Name);
            return false;
        }

        private void Record(string result, ActivityStatusCode status, string? description)
        {
            activity?.SetTag("reconcile.result", result);
            activity?.SetStatus(status, description);
            KeyValuePair<string, object?>[] tags = [new("k8s.resource.kind", kind), new("reconcile.result", result)];
            Reconciles.Add(1, tags);
            ReconcileDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }

        public void Dispose() => activity?.Dispose();
    }

    /// <summary>One admission review's span and measurements.</summary>
    public sealed class ReviewScope(Activity? activity, long started) : IDisposable
    {
        public void Request(string operation, string? @namespace, string? name, string uid)
        {
            activity?.SetTag("k8s.admission.operation", operation);
            activity?.SetTag("k8s.namespace.name", @namespace);
            activity?.SetTag("k8s.resource.name", name);
            activity?.SetTag("k8s.admission.uid", uid);
            Operation = OperationLabel(operation);
        }

        private string Operation { get; set; } = OperationLabel(null);

        public void Finish(bool allowed)
        {
            if (!allowed) Rejections.Add(1, new KeyValuePair<string, object?>("k8s.admission.operation", Operation));
            Record(allowed ? "allowed" : "denied", ActivityStatusCode.Ok);
        }

        public void BadRequest()
        {
            WebhookRequestRefused(RefusedMalformed);
            Record("bad_request", ActivityStatusCode.Error);
        }

        private void Record(string outcome, ActivityStatusCode status)
        {
            activity?.SetTag("k8s.admission.outcome", outcome);
            activity?.SetStatus(status);
            ReviewDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new("k8s.admission.operation", Operation), new("k8s.admission.outcome", outcome));
        }

        public void Dispose() => activity?.Dispose();
    }
}
