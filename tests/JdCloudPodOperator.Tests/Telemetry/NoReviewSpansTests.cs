using System.Diagnostics;
using JdCloudPodOperator.Telemetry;
using OpenTelemetry.Trace;

namespace JdCloudPodOperator.Tests.Telemetry;

/// <summary>Without a trace exporter the review span is not made; every other span is.</summary>
public class NoReviewSpansTests
{
    private static SamplingDecision Decide(string name) =>
        new TelemetryHosting.NoReviewSpans().ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateRandom(), name, ActivityKind.Server)).Decision;

    [Fact]
    public void An_admission_review_span_is_dropped() =>
        Decide(OperatorTelemetry.ReviewSpanName).Should().Be(SamplingDecision.Drop);

    [Theory]
    [InlineData("Reconcile JdCloudPod")]
    [InlineData("JdCloud createPods")]
    public void Every_other_span_is_recorded(string name) =>
        Decide(name).Should().Be(SamplingDecision.RecordAndSample);
}
