using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using JdCloudPodOperator.Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Admission;

/// <summary>How the admission webhook is served and, optionally, registered with the API server.</summary>
public sealed class AdmissionWebhookOptions
{
    public IPAddress Address { get; set; } = IPAddress.Any;

    /// <summary>HTTPS port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 9443;

    /// <summary>Directory with tls.crt/tls.key (and ca.crt); null: issue a self-signed certificate at start-up.</summary>
    public string? CertificateDirectory { get; set; }

    /// <summary>Operator-managed certificates kept in a Secret (instead of <see cref="CertificateDirectory"/> or self-signed).</summary>
    public CertificateSecretOptions? CertificateSecret { get; set; }

    /// <summary>DNS names and IPs the self-signed or operator-managed certificate is valid for.</summary>
    public IReadOnlyList<string> HostNames { get; set; } = ["localhost", "127.0.0.1"];

    /// <summary>Register the Validating- and MutatingWebhookConfiguration once serving; null: leave them to the deployment.</summary>
    public WebhookRegistration? Registration { get; set; }

    /// <summary>How often a registering webhook with a <see cref="CertificateDirectory"/> looks for a changed CA bundle.</summary>
    public TimeSpan CaBundleRecheck { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// What to register. A URL target whose port is 0 gets the webhook's bound port. The namespace selector decides which
/// namespaces' JdCloudPods are reviewed (tests narrow it to their own namespaces).
/// </summary>
public sealed record WebhookRegistration(string ConfigurationName, WebhookTarget Target, V1LabelSelector NamespaceSelector);

public static class AdmissionWebhookHosting
{
    /// <summary>
    /// Adds the webhook's HTTPS listener, its certificate, readiness and (if asked) its registration.
    /// <paramref name="configure"/>: the settings (the run command's flags); the rest keeps its defaults. Applied
    /// here, since the listener and the services to add depend on them.
    /// </summary>
    public static WebApplicationBuilder AddAdmissionWebhook(this WebApplicationBuilder builder, Action<AdmissionWebhookOptions>? configure = null)
    {
        var options = new AdmissionWebhookOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(provider => CreateCertificate(options, provider.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<WebhookReadiness>();
        builder.Services.AddHealthChecks().AddCheck<WebhookReadiness>("webhook", tags: [OperatorHost.ReadyTag]);
        if (options.Registration is not null) builder.Services.AddHostedService<WebhookRegistrationService>();
        if (options.CertificateSecret is { } secret)
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddHostedService(provider => new WebhookCertificateSecretService(secret, options.HostNames,
                provider.GetRequiredService<ServingCertificate>(), provider.GetRequiredService<IKubernetes>(),
                provider.GetRequiredService<WebhookReadiness>().Report, provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<WebhookCertificateSecretService>>()));
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.Address, options.Port, listen =>
        {
            var certificate = kestrel.ApplicationServices.GetRequiredService<ServingCertificate>();
            listen.UseHttps(https =>
            {
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ServerCertificateSelector = (_, _) => certificate.Loaded;
                // The suite list can only be set where .NET uses OpenSSL (Linux, what the image runs); elsewhere
                // (a developer's machine) the platform's defaults stay.
                https.OnAuthenticate = (_, ssl) =>
                {
                    if (OperatingSystem.IsLinux()) ssl.CipherSuitesPolicy = AeadOnly;
                };
            });
        }));
        return builder;
    }

    /// <summary>
    /// Authenticated encryption only: TLS 1.3's suites, and on TLS 1.2 forward-secret ECDHE with AES-GCM or
    /// ChaCha20-Poly1305 (ECDSA keys, which the operator issues, and RSA keys a mounted certificate may carry). No
    /// CBC suite is offered, whatever the client asks for.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    internal static readonly CipherSuitesPolicy AeadOnly = new(
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]);

    private static ServingCertificate CreateCertificate(AdmissionWebhookOptions options, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger<ServingCertificate>();
        if (options.CertificateSecret is not null) return ServingCertificate.Pending(log);
        return options.CertificateDirectory is { } directory
            ? ServingCertificate.FromDirectory(directory, log)
            : ServingCertificate.SelfSigned(options.HostNames, TimeProvider.System, log);
    }
}
