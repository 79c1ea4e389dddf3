using System.Buffers;
using System.Text;
using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using k8s;

namespace JdCloudPodOperator.Tests.KubernetesApi;

/// <summary>The watch stream read line by line, each event parsed once from its bytes.</summary>
public sealed class WatchEventsTests
{
    private const string Pod = """{"apiVersion":"jdcloudpod.io/v1alpha1","kind":"JdCloudPod","metadata":{"name":"p","resourceVersion":"7","creationTimestamp":"2026-12-06T17:30:01Z"},"spec":{"regionId":"cn-north-1","futureField":{"x":1}},"status":{"phase":"Running"}}""";

    [Fact]
    public async Task Every_line_is_an_event_with_its_typed_object_whatever_the_reads_split()
    {
        var stream = string.Join('\n',
            """{"type":"ADDED","object":""" + Pod + "}",
            """{"object":""" + Pod.Replace("\"7\"", "\"8\"") + ""","type":"MODIFIED"}""",
            "",
            """{"type":"BOOKMARK","object":{"kind":"JdCloudPod","apiVersion":"jdcloudpod.io/v1alpha1","metadata":{"resourceVersion":"9"}}}""",
            """{"type":"DELETED","object":""" + Pod.Replace("\"7\"", "\"10\"") + "}");

        var events = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(stream), chunk: 7));

        events.Select(e => (e.Type, e.Object.Metadata.ResourceVersion)).Should().Equal(
            (WatchEventType.Added, "7"), (WatchEventType.Modified, "8"), (WatchEventType.Bookmark, "9"), (WatchEventType.Deleted, "10"));
        events[0].Object.Spec.RegionId.Should().Be("cn-north-1", "an unknown field is skipped, as before");
        events[0].Object.Status!.Phase.Should().Be("Running");
        events[0].Object.Metadata.CreationTimestamp.Should().Be(new DateTime(2026, 12, 6, 17, 30, 1, DateTimeKind.Utc));
    }

    [Fact]
    public async Task An_ERROR_event_is_thrown_with_the_servers_status()
    {
        var stream = string.Join('\n',
            """{"type":"ADDED","object":""" + Pod + "}",
            """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}""");

        var read = () => ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(stream)));

        var thrown = await read.Should().ThrowAsync<KubernetesException>();
        thrown.Which.Status.Code.Should().Be(410);
        ApiErrors.IsGone(thrown.Which).Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"type":"RENAMED","object":{}}""", "unknown type RENAMED")]
    [InlineData("""{"type":"ADDED"}""", "ADDED has no object")]
    [InlineData("""{"type":"ADDED","object":null}""", "ADDED has no object")]
    [InlineData("""["ADDED"]""", "not a JSON object")]
    public void A_line_that_is_not_an_event_is_refused(string line, string problem)
    {
        var parse = () => WatchEvents.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(line)), ApiJson.Info<JdCloudPod>());
        parse.Should().Throw<JsonException>().WithMessage($"*{problem}*");
    }

    private static async Task<List<(WatchEventType Type, JdCloudPod Object)>> ReadAllAsync(Stream stream)
    {
        var events = new List<(WatchEventType, JdCloudPod)>();
        await foreach (var e in WatchEvents.ReadAsync(stream, ApiJson.Info<JdCloudPod>(), CancellationToken.None)) events.Add(e);
        return events;
    }

    /// <summary>Returns at most <paramref name="chunk"/> bytes per read, so lines arrive split across reads.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
