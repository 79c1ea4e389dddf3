using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace JdCloudPodOperator.Telemetry;

/// <summary>
/// One JSON object per line, for log collectors: timestamp, level, category, message, the current span's traceId
/// and spanId (so a log line leads to its reconcile's trace), the message's named values, and the exception.
/// Formats on the logging thread, where <see cref="Activity.Current"/> is the caller's span.
/// </summary>
public sealed class JsonLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "jdpod-json";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", message);
            if (Activity.Current is { } span)
            {
                json.WriteString("traceId", span.TraceId.ToHexString());
                json.WriteString("spanId", span.SpanId.ToHexString());
            }
            if (logEntry.EventId.Id != 0) json.WriteNumber("eventId", logEntry.EventId.Id);
            WriteValues(json, logEntry.State);
            if (logEntry.Exception is { } error) json.WriteString("exception", error.ToString());
            json.WriteEndObject();
        }
        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    // The message template's named values ({Resource}, {Reason}...), as strings: already part of the message, so
    // they carry nothing the message does not, but collectors can filter on them.
    private static void WriteValues<TState>(Utf8JsonWriter json, TState state)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
        var named = values.Where(v => v.Key != "{OriginalFormat}").ToList();
        if (named.Count == 0) return;
        json.WriteStartObject("attributes");
        foreach (var (key, value) in named) json.WriteString(key, Text(value));
        json.WriteEndObject();
    }

    private static string? Text(object? value) => value switch
    {
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
