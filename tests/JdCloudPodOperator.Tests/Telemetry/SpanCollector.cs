using System.Collections.Concurrent;
using System.Diagnostics;
using JdCloudPodOperator.Telemetry;

namespace JdCloudPodOperator.Tests.Telemetry;

/// <summary>Records every finished span of the operator's ActivitySources, in memory, while it is alive.</summary>
internal sealed class SpanCollector : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => OperatorTelemetry.Defines(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    public void Dispose() => _listener.Dispose();
}
