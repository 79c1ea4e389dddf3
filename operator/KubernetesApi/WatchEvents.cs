using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Reads a watch response, one event per line (<c>{"type":"ADDED","object":{...}}</c>), each line parsed once,
/// straight from the bytes into the typed object. An ERROR event (410 Gone above all) is thrown as the client's
/// <see cref="KubernetesException"/> with the server's Status; a line that is not an event is a <see cref="JsonException"/>.
/// </summary>
internal static class WatchEvents
{
    public static async IAsyncEnumerable<(WatchEventType Type, T Object)> ReadAsync<T>(Stream stream, JsonTypeInfo<T> info,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(stream);
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                while (NextLine(ref buffer, out var line))
                {
                    if (!line.IsEmpty) yield return Parse(line, info);
                }
                if (read.IsCompleted)
                {
                    if (!buffer.IsEmpty) yield return Parse(buffer, info);
                    yield break;
                }
                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    private static bool NextLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    internal static (WatchEventType Type, T Object) Parse<T>(ReadOnlySequence<byte> line, JsonTypeInfo<T> info)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a watch event is not a JSON object");
        string? type = null;
        var objectAt = default(Utf8JsonReader);
        var hasObject = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("type"u8) ? 't' : reader.ValueTextEquals("object"u8) ? 'o' : '?';
            reader.Read();
            if (name == 't') type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (name == 'o')
            {
                objectAt = reader;
                hasObject = reader.TokenType == JsonTokenType.StartObject;
            }
            reader.Skip();
        }
        var kind = TypeOf(type);
        if (!hasObject) throw new JsonException($"watch event {type} has no object");
        if (kind == WatchEventType.Error) throw new KubernetesException(JsonSerializer.Deserialize(ref objectAt, ApiJson.Info<V1Status>()));
        return (kind, JsonSerializer.Deserialize(ref objectAt, info)!);
    }

    private static WatchEventType TypeOf(string? type) => type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        "ERROR" => WatchEventType.Error,
        _ => throw new JsonException($"watch event of unknown type {type ?? "(none)"}"),
    };
}
