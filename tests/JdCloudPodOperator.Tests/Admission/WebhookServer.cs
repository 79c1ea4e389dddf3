using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Certificates;
using JdCloudPodOperator.Cmdb;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>
/// The operator's real host (<see cref="OperatorHost.Build"/>) on 127.0.0.1 with free ports, and an HttpClient that
/// trusts only the webhook's CA bundle, as the API server does.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookServer(WebApplication app, Uri webhookUrl, Uri healthUrl)
    {
        _app = app;
        WebhookUrl = webhookUrl;
        HealthUrl = healthUrl;
        CaBundlePem = app.Services.GetRequiredService<ServingCertificate>().CaBundlePem;
        Client = TrustingOnly(CaBundlePem);
    }

    public Uri WebhookUrl { get; }
    public Uri HealthUrl { get; }
    public string CaBundlePem { get; }
    public HttpClient Client { get; }

    /// <param name="certificateDirectory">Serve tls.crt/tls.key/ca.crt from here (re-read on change) instead of a self-signed pair.</param>
    /// <param name="cmdb">The CMDB settings (as `run`'s --cmdb-* flags give them), e.g. the namespace-to-business map.</param>
    public static async Task<WebhookServer> StartAsync(WebhookRegistration? registration = null, string? kubeconfig = null,
        Microsoft.Extensions.Logging.LogLevel logLevel = Microsoft.Extensions.Logging.LogLevel.Information,
        Action<CmdbOptions>? cmdb = null, string? certificateDirectory = null)
    {
        var app = OperatorHost.Build(new OperatorHostOptions
        {
            HealthAddress = IPAddress.Loopback, HealthPort = 0, Kubeconfig = kubeconfig, LogLevel = logLevel,
            Webhook = o => (o.Address, o.Port, o.Registration, o.CertificateDirectory, o.CaBundleRecheck) =
                (IPAddress.Loopback, 0, registration, certificateDirectory, TimeSpan.FromMilliseconds(200)),
            Cmdb = cmdb ?? (_ => { }),
        });
        await app.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        var urls = app.Urls.Select(u => new Uri(u)).ToList();
        return new WebhookServer(app, urls.Single(u => u.Scheme == "https"), urls.Single(u => u.Scheme == "http"));
    }

    public Uri Endpoint => new(WebhookUrl, AdmissionWebhookEndpoint.Path);

    public Uri MutateEndpoint => new(WebhookUrl, AdmissionWebhookEndpoint.MutatePath);

    /// <summary>Validates the server's chain against the CA bundle alone (no system roots) and its name.</summary>
    public static HttpClient TrustingOnly(string caBundlePem)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.ImportFromPem(caBundlePem);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = policy,
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        await _app.DisposeAsync();
    }
}

internal static class WebhookConfigurations
{
    /// <summary>Removes a test's Validating- and MutatingWebhookConfiguration (gone already is fine).</summary>
    public static async Task DeleteAsync(string name)
    {
        using var admin = JdCloudPodOperator.Tests.Infrastructure.ControlPlane.Shared.AdminClient();
        await Gone(() => k8s.AdmissionregistrationV1OperationsExtensions.DeleteValidatingWebhookConfigurationAsync(admin.AdmissionregistrationV1, name));
        await Gone(() => k8s.AdmissionregistrationV1OperationsExtensions.DeleteMutatingWebhookConfigurationAsync(admin.AdmissionregistrationV1, name));
    }

    private static async Task Gone(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
