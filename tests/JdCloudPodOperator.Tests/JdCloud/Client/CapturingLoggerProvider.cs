using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JdCloudPodOperator.Tests.JdCloud.Client;

/// <summary>Captures everything every logger writes: level Trace and up, formatted message, structured state,
/// scopes and the full exception text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Capturing(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}: {formatter(state, exception)}" };
            if (state is IEnumerable<KeyValuePair<string, object?>> fields) parts.AddRange(fields.Select(f => $"{f.Key}={Render(f.Value)}"));
            owner._scopes.ForEachScope((scope, list) => list.Add($"scope={scope}"), parts);
            if (exception is not null) parts.Add(exception.ToString());
            owner._lines.Enqueue(string.Join(" | ", parts));
        }

        // A structured sink would serialise collections (e.g. header values), so expand them too.
        private static string? Render(object? value) =>
            value is System.Collections.IEnumerable items and not string
                ? string.Join(",", items.Cast<object?>())
                : value?.ToString();
    }
}
