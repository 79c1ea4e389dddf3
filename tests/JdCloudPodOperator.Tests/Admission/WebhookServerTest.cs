using Microsoft.Extensions.Logging;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>A test with its own <see cref="WebhookServer"/> (the operator's host serving the webhook), started before each test.</summary>
public abstract class WebhookServerTest(LogLevel logLevel = LogLevel.Information) : IAsyncLifetime
{
    private protected WebhookServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await WebhookServer.StartAsync(logLevel: logLevel);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
