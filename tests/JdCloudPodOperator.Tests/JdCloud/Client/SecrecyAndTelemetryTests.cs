using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.JdCloud.Http;
using JdCloudPodOperator.Telemetry;

namespace JdCloudPodOperator.Tests.JdCloud.Client;

/// <summary>
/// Tests that read the process-wide Meters run one at a time: metric labels come from closed sets (a real region,
/// not a name of the test's own), so a concurrent test's calls would be counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetrics
{
    public const string Name = "process-wide metrics";
}

/// <summary>No access key or secret key in logs, exception messages, trace tags or metric tags; telemetry is recorded.</summary>
[Collection(ProcessMetrics.Name)]
public class SecrecyAndTelemetryTests
{
    private const string AccessKey = PodClientHarness.AccessKey;
    private const string SecretKey = PodClientHarness.SecretKey;

    [Fact]
    public async Task Keys_never_appear_in_logs_exceptions_activities_or_metrics()
    {
        var logs = new CapturingLoggerProvider();
        var traces = new ConcurrentQueue<string>();
        using var activities = ListenToAllActivities(traces);
        var metrics = new ConcurrentQueue<string>();
        using var meters = ListenToJdCloudMetrics(metrics);
        await using var h = await PodClientHarness.StartAsync(o => o.MaxRetryAttempts = 1, logs);
        var echo = $"signature mismatch for {AccessKey} using {SecretKey}";
        h.Api.Then(
            Reply.Error(503, "UNAVAILABLE", echo), Reply.Ok("""{"podIds":["pod-1"]}"""),
            Reply.Drop(), Reply.Drop(),
            Reply.Json(401, $$$"""{"requestId":"req-401","error":{"code":401,"status":"ACCESS_ERROR","message":"{{{echo}}}","details":[{"ak":"{{{AccessKey}}}"}]}}"""));

        await h.Client.CreatePodsAsync(PodClientRetryTests.MinimalSpec(), 1, "token");
        var network = await Catch(() => h.Client.DescribePodsAsync(new DescribePodsQuery()));
        var denied = await Catch(() => h.Client.DeletePodAsync("pod-1"));

        denied.Kind.Should().Be(JdCloudErrorKind.Authentication);
        denied.ErrorMessage.Should().Be("signature mismatch for *** using ***");
        denied.Details.Single()["ak"].Should().Be("***");
        network.Kind.Should().Be(JdCloudErrorKind.Network);
        logs.Lines.Should().Contain(l => l.Contains("req-401"), "failures are logged with their requestId");
        var everything = logs.Lines
            .Concat(traces).Concat(metrics)
            .Append(denied.ToString()).Append(network.ToString())
            .Append(PodClientHarness.Credentials.ToString()).Append(h.Client.ToString()!)
            .ToList();
        everything.Should().NotBeEmpty();
        everything.Should().NotContain(line => line.Contains(AccessKey) || line.Contains(SecretKey));
    }

    [Fact]
    public async Task Each_call_is_one_activity_with_operation_region_request_id_and_outcome()
    {
        var seen = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == JdCloudTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = seen.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var h = await PodClientHarness.StartAsync();
        var marker = $"pod-{Guid.NewGuid():N}";
        h.Api.Then(Reply.Error(500, "INTERNAL"), Reply.Ok("""{"pod":{"podId":"x"}}""", "req-act"), Reply.Error(429, "QUOTA_EXCEEDED", "quota", "req-q"));

        await h.Client.DescribePodAsync(marker);
        await Catch(() => h.Client.DeletePodAsync(marker));

        var mine = seen.Where(a => a.GetTagItem("jdcloud.operation") is "describePod" or "deletePod" && a.GetTagItem("jdcloud.request_id") is "req-act" or "req-q").ToList();
        mine.Should().HaveCount(2);
        var describe = mine.Single(a => (string?)a.GetTagItem("jdcloud.operation") == "describePod");
        describe.Kind.Should().Be(ActivityKind.Client);
        describe.GetTagItem("jdcloud.region").Should().Be("cn-north-1");
        describe.GetTagItem("jdcloud.outcome").Should().Be("success");
        describe.Status.Should().Be(ActivityStatusCode.Ok);
        describe.Events.Should().ContainSingle(e => e.Name == "retry");
        var delete = mine.Single(a => (string?)a.GetTagItem("jdcloud.operation") == "deletePod");
        delete.GetTagItem("jdcloud.outcome").Should().Be("QuotaExceeded");
        delete.GetTagItem("jdcloud.status").Should().Be("QUOTA_EXCEEDED");
        delete.GetTagItem("http.response.status_code").Should().Be(429);
        delete.Status.Should().Be(ActivityStatusCode.Error);
    }

    [Fact]
    public async Task Calls_errors_retries_and_latency_are_measured()
    {
        var metrics = new ConcurrentQueue<string>();
        using var meters = ListenToJdCloudMetrics(metrics);
        await using var h = await PodClientHarness.StartAsync();
        var client = h.Factory.Create(PodClientHarness.Credentials, "cn-east-1");
        h.Api.Then(Reply.Error(503, "UNAVAILABLE"), Reply.Ok("""{"pods":[],"totalCount":0}"""), Reply.Error(401, "ACCESS_ERROR"));

        await client.DescribePodsAsync(new DescribePodsQuery());
        await Catch(() => client.DescribePodsAsync(new DescribePodsQuery()));

        var mine = metrics.Where(m => m.Contains("jdcloud.region=cn-east-1")).ToList();
        mine.Should().Contain(m => m.StartsWith("jdcloud.pod.calls 1 ") && m.Contains("jdcloud.outcome=success"));
        mine.Should().Contain(m => m.StartsWith("jdcloud.pod.calls 1 ") && m.Contains("jdcloud.outcome=Authentication"));
        mine.Should().Contain(m => m.StartsWith("jdcloud.pod.errors 1 ") && m.Contains("jdcloud.status=ACCESS_ERROR") && m.Contains("http.response.status_code=401"));
        mine.Should().Contain(m => m.StartsWith("jdcloud.pod.retries 1 ") && m.Contains("jdcloud.operation=describePods"));
        mine.Count(m => m.StartsWith("jdcloud.pod.duration ")).Should().Be(2);
    }

    private static async Task<JdCloudApiException> Catch(Func<Task> call) =>
        (await FluentActions.Awaiting(call).Should().ThrowAsync<JdCloudApiException>()).Which;

    private static ActivityListener ListenToAllActivities(ConcurrentQueue<string> sink)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                sink.Enqueue($"{a.Source.Name} {a.DisplayName} {a.StatusDescription}");
                foreach (var tag in a.TagObjects) sink.Enqueue($"{tag.Key}={tag.Value}");
                foreach (var e in a.Events) sink.Enqueue($"{e.Name} {string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))}");
                foreach (var baggage in a.Baggage) sink.Enqueue($"{baggage.Key}={baggage.Value}");
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static MeterListener ListenToJdCloudMetrics(ConcurrentQueue<string> sink)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == JdCloudTelemetry.SourceName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => sink.Enqueue(Describe(i, value, tags)));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => sink.Enqueue(Describe(i, value, tags)));
        listener.Start();
        return listener;
    }

    private static string Describe<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string> { instrument.Name, $"{value}" };
        foreach (var tag in tags) parts.Add($"{tag.Key}={tag.Value}");
        return string.Join(" ", parts);
    }
}
