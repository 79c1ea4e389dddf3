using System.Diagnostics;
using System.Diagnostics.Metrics;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Runtime;
using JdCloudPodOperator.Telemetry;

namespace JdCloudPodOperator.Tests.Telemetry;

/// <summary>What one reconcile records, for each way it can end (without a cluster: the scope alone).</summary>
public sealed class ReconcileScopeTests : IDisposable
{
    private readonly SpanCollector _spans = new();
    private readonly MeterListener _meters = new();
    private readonly List<(string Instrument, string? Result, string? Kind)> _measurements = [];
    private readonly string _kind = "Test" + Guid.NewGuid().ToString("N")[..8];

    public ReconcileScopeTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OperatorTelemetry.SourceName) listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        _meters.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        _meters.Start();
    }

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? result = null, kind = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "reconcile.result") result = tag.Value as string;
            if (tag.Key == "k8s.resource.kind") kind = tag.Value as string;
        }
        lock (_measurements) _measurements.Add((instrument.Name, result, kind));
    }

    private List<(string Instrument, string? Result)> Ours()
    {
        lock (_measurements) return _measurements.Where(m => m.Kind == _kind).Select(m => (m.Instrument, m.Result)).ToList();
    }

    private Activity Span() => _spans.Spans.Single(s => SpanCollector.Tag(s, "k8s.resource.kind") == _kind);

    [Theory]
    [InlineData(false, "done")]
    [InlineData(true, "requeue")]
    public void A_finished_reconcile_counts_its_result_and_times_it(bool requeue, string result)
    {
        using (var scope = OperatorTelemetry.StartReconcile(_kind, new NamespacedName("ns", "obj")))
            scope.Finish(requeue);

        Ours().Should().BeEquivalentTo(new[] { ("jdcloudpod.reconciles", result), ("jdcloudpod.reconcile.duration", result) });
        Span().Status.Should().Be(ActivityStatusCode.Ok);
        SpanCollector.Tag(Span(), "reconcile.result").Should().Be(result);
        SpanCollector.Tag(Span(), "k8s.namespace.name").Should().Be("ns");
        SpanCollector.Tag(Span(), "k8s.resource.name").Should().Be("obj");
    }

    [Fact]
    public void A_reconcile_that_throws_is_an_error_span_and_counts_as_an_error_without_the_message()
    {
        using (var scope = OperatorTelemetry.StartReconcile(_kind, new NamespacedName("ns", "obj")))
            scope.Fail(new InvalidOperationException("secret-looking detail"), canceled: false).Should().BeFalse("the exception goes on");

        Ours().Should().BeEquivalentTo(new[]
        {
            ("jdcloudpod.reconcile.errors", (string?)null), ("jdcloudpod.reconciles", "error"), ("jdcloudpod.reconcile.duration", "error"),
        });
        Span().Status.Should().Be(ActivityStatusCode.Error);
        Span().StatusDescription.Should().Be(nameof(InvalidOperationException));
    }

    [Fact]
    public void A_reconcile_cancelled_by_shutdown_is_not_an_error()
    {
        using (var scope = OperatorTelemetry.StartReconcile(_kind, new NamespacedName("ns", "obj")))
            scope.Fail(new OperationCanceledException(), canceled: true);

        Ours().Should().BeEquivalentTo(new[] { ("jdcloudpod.reconciles", "canceled"), ("jdcloudpod.reconcile.duration", "canceled") });
        Span().Status.Should().Be(ActivityStatusCode.Unset);
    }

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
    }
}
