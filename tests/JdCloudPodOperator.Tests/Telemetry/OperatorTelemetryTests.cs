using JdCloudPodOperator.Telemetry;
using JdCloudPodOperator.Tests.Controller;
using JdCloudSimulator;
using static JdCloudPodOperator.Tests.Admission.AdmissionReviews;

namespace JdCloudPodOperator.Tests.Telemetry;

/// <summary>
/// A running operator (real API server, simulator) creates a pod and reviews two admissions; its /metrics, spans and
/// probes must show it. Other tests run operators in the same process at the same time, so every assertion looks
/// for this test's own namespace, object or review.
/// </summary>
public sealed class OperatorTelemetryTests() : HarnessTest("tel")
{
    [Fact]
    public async Task Metrics_endpoint_serves_reconcile_cloud_webhook_queue_and_pod_series_after_a_reconcile()
    {
        using var http = new OperatorEndpoints(await _h.StartOperatorAsync());
        await _h.CreateAsync(_h.NewPod("metered"));
        await _h.WaitForReadyAsync("metered", 1);
        (await http.ReviewAsync(Request("CREATE", ValidPod()))).Should().BeTrue();
        var invalid = ValidPod();
        invalid.Spec()["maxCount"] = 0;
        (await http.ReviewAsync(Request("CREATE", invalid))).Should().BeFalse();

        var (status, metrics) = await http.GetAsync(TelemetryHosting.MetricsPath);

        status.Should().Be(200);
        var lines = metrics.Split('\n');
        lines.Should().Contain(l => l.StartsWith("jdcloudpod_reconciles_total{") && l.Contains("reconcile_result=\"requeue\""));
        lines.Should().Contain(l => l.StartsWith("jdcloudpod_reconcile_duration_seconds_bucket{"));
        lines.Should().Contain(l => l.StartsWith("jdcloudpod_reconcile_duration_seconds_bucket{") && l.Contains("le=\"0.5\""), "buckets are in seconds");
        lines.Should().Contain(l => l.StartsWith("jdcloud_pod_calls_total{") && l.Contains("jdcloud_operation=\"createPods\"") && l.Contains("jdcloud_outcome=\"success\""));
        lines.Should().Contain(l => l.StartsWith("jdcloudpod_webhook_duration_seconds_count{") && l.Contains("k8s_admission_outcome=\"allowed\""));
        lines.Should().Contain(l => l.StartsWith("jdcloudpod_webhook_rejections_total{") && l.Contains("k8s_admission_operation=\"CREATE\""));
        lines.Should().Contain(l => l.StartsWith("jdcloudpod_workqueue_depth"));
        lines.Should().Contain(l => l.StartsWith("jdcloudpod_reconcile_in_flight"));
        lines.Should().Contain(l => l.StartsWith("jdcloudpod_pods{") && l.Contains("jdcloud_pod_phase=\"running\""));
        metrics.Should().NotContain(SimulatorOptions.DefaultAccessKey).And.NotContain(SimulatorOptions.DefaultSecretKey);
    }

    [Fact]
    public async Task A_reconcile_span_names_the_object_and_generation_and_parents_its_cloud_calls_and_no_span_carries_a_secret()
    {
        using var spans = new SpanCollector();
        using var http = new OperatorEndpoints(await _h.StartOperatorAsync());
        await _h.CreateAsync(_h.NewPod("traced"));
        await _h.WaitForReadyAsync("traced", 1);
        (await http.ReviewAsync(Request("CREATE", ValidPod(), uid: "a1b2c3d4-0000-4000-8000-00000000beef"))).Should().BeTrue();

        var ours = spans.Spans.Where(s => SpanCollector.Tag(s, "k8s.namespace.name") == _h.Namespace).ToList();
        var reconciles = ours.Where(s => s.OperationName == "Reconcile JdCloudPod" && SpanCollector.Tag(s, "k8s.resource.name") == "traced").ToList();
        reconciles.Should().NotBeEmpty();
        reconciles.Should().OnlyContain(s => SpanCollector.Tag(s, "k8s.resource.generation") == "1" && SpanCollector.Tag(s, "reconcile.result") != null);
        var create = spans.Spans.Should().ContainSingle(s => s.OperationName == "JdCloud createPods"
            && reconciles.Any(r => r.SpanId == s.ParentSpanId), "createPods is a child of the reconcile that sent it").Subject;
        var parent = reconciles.Single(r => r.SpanId == create.ParentSpanId);
        create.TraceId.Should().Be(parent.TraceId);
        parent.Parent.Should().BeNull("a reconcile is the root of its trace");
        SpanCollector.Tag(create, "jdcloud.outcome").Should().Be("success");

        var review = spans.Spans.Should().ContainSingle(s => SpanCollector.Tag(s, "k8s.admission.uid") == "a1b2c3d4-0000-4000-8000-00000000beef").Subject;
        review.OperationName.Should().Be("AdmissionReview JdCloudPod");
        SpanCollector.Tag(review, "k8s.admission.outcome").Should().Be("allowed");
        SpanCollector.Tag(review, "k8s.admission.operation").Should().Be("CREATE");

        var values = spans.Spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? "")
            .Concat(s.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString() ?? ""))).Append(s.StatusDescription ?? "")).ToList();
        values.Should().NotContain(v => v.Contains(SimulatorOptions.DefaultAccessKey) || v.Contains(SimulatorOptions.DefaultSecretKey));
    }
}
