using JdCloudPodOperator.Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using k8s;

namespace JdCloudPodOperator.Admission;

/// <summary>
/// /readyz's view of the webhook: ready while its certificate is within its validity (the API server refuses an
/// expired one, so the webhook would not be serving) and, if it registers itself, once both configurations are written.
/// </summary>
public sealed class WebhookReadiness(AdmissionWebhookOptions options, ServingCertificate certificate) : IHealthCheck
{
    private volatile string? _problem = options.Registration is null && options.CertificateSecret is null ? null : "webhook configuration not registered yet";

    /// <summary>Why the webhook cannot serve yet, or null once it can.</summary>
    internal void Report(string? problem) => _problem = problem;

    internal void Registered() => _problem = null;

    internal void RegistrationFailed(string reason) => _problem = "webhook configuration not registered: " + reason;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((_problem ?? CertificateProblem()) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy());

    private string? CertificateProblem()
    {
        var current = certificate.Current;
        var now = DateTime.UtcNow;
        return now < current.NotBefore.ToUniversalTime() ? $"serving certificate not valid before {current.NotBefore.ToUniversalTime():O}"
            : now > current.NotAfter.ToUniversalTime() ? $"serving certificate expired at {current.NotAfter.ToUniversalTime():O}"
            : null;
    }
}

/// <summary>
/// Writes the Validating- and MutatingWebhookConfiguration (with the current CA bundle) once the HTTPS listener is up, so the API
/// server never calls a webhook that is not yet listening. Retries with backoff until it succeeds: a missing RBAC
/// permission or an unreachable API server shows up in the log and in /readyz instead of ending the process. With a
/// certificate directory it writes them again whenever the directory's CA bundle changes.
/// </summary>
internal sealed class WebhookRegistrationService(
    AdmissionWebhookOptions options, ServingCertificate certificate, IServiceProvider services, IServer server,
    IHostApplicationLifetime lifetime, WebhookReadiness readiness, ILogger<WebhookRegistrationService> log) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken)) return;
        var registration = options.Registration!;
        var target = Resolve(registration.Target);
        var client = services.GetRequiredService<IKubernetes>();
        var written = certificate.CaBundlePem;
        if (!await RegisterAsync(client, registration, target, written, stoppingToken) || !certificate.ReadsDirectory) return;
        // A directory's CA can be replaced under the running process (cert-manager renewing its CA writes ca.crt and
        // a tls.crt it signed): the new certificate is served from the next handshake, so the API server must be
        // given the new bundle too, or every review fails TLS until a restart.
        while (await DelayAsync(options.CaBundleRecheck, stoppingToken))
        {
            var current = certificate.CaBundlePem;
            if (current == written) continue;
            log.LogInformation("The webhook's CA bundle changed in {Directory}: registering the new one", options.CertificateDirectory);
            if (!await RegisterAsync(client, registration, target, current, stoppingToken)) return;
            written = current;
        }
    }

    /// <summary>Writes both configurations with <paramref name="caBundlePem"/>, retrying with backoff; false once stopping.</summary>
    private async Task<bool> RegisterAsync(IKubernetes client, WebhookRegistration registration, WebhookTarget target, string caBundlePem, CancellationToken stoppingToken)
    {
        var validating = WebhookConfiguration.Build(registration.ConfigurationName, target, caBundlePem, registration.NamespaceSelector);
        var mutating = WebhookConfiguration.BuildMutating(registration.ConfigurationName, target, caBundlePem, registration.NamespaceSelector);
        for (var backoff = TimeSpan.FromSeconds(1); !stoppingToken.IsCancellationRequested; backoff = Min(backoff * 2, MaxBackoff))
        {
            // Ready only once both are written: the validating one guards every create, the mutating one saves
            // the controller's finalizer write. Written side by side: they are independent, and each is a read
            // and a write on the path to /readyz.
            Task[] writes = [WebhookConfiguration.ApplyAsync(client, validating, stoppingToken), WebhookConfiguration.ApplyAsync(client, mutating, stoppingToken)];
            try
            {
                await Task.WhenAll(writes);
                readiness.Registered();
                log.LogInformation("Registered Validating- and MutatingWebhookConfiguration {Name} for {Target}",
                    registration.ConfigurationName, Describe(validating));
                return true;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var reason = Failures(writes, e);
                readiness.RegistrationFailed(reason);
                log.LogWarning("Registering the webhook configurations {Name} failed, retrying in {Backoff}: {Reason}",
                    registration.ConfigurationName, backoff, reason);
                await DelayAsync(backoff, stoppingToken);
            }
        }
        return false;
    }

    /// <summary>Waits; false when stopping cut it short.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        return !stoppingToken.IsCancellationRequested;
    }

    // Each write that failed, not just the first: when only one is refused, the reader sees which.
    private static string Failures(Task[] writes, Exception first) =>
        writes.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!.Message).ToList() is { Count: > 0 } failed
            ? string.Join("; ", failed)
            : first.Message;

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStart = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStop = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    // A URL with port 0 means "wherever the HTTPS listener actually is" (it was bound to port 0 too).
    private WebhookTarget Resolve(WebhookTarget target) =>
        target is WebhookTarget.Url { BaseUrl.Port: 0 } url
            ? new WebhookTarget.Url(new UriBuilder(url.BaseUrl) { Port = BoundHttpsPort() }.Uri)
            : target;

    private int BoundHttpsPort() =>
        server.Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).First(u => u.Scheme == Uri.UriSchemeHttps).Port;

    private static string Describe(k8s.Models.V1ValidatingWebhookConfiguration c) =>
        c.Webhooks[0].ClientConfig.Url ?? $"service {c.Webhooks[0].ClientConfig.Service.NamespaceProperty}/{c.Webhooks[0].ClientConfig.Service.Name}";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
