using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using JdCloudPodOperator.KubernetesApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JdCloudPodOperator.Certificates;

/// <summary>Operator-managed webhook certificates: which Secret holds them and which configuration trusts them.</summary>
public sealed record CertificateSecretOptions(string Namespace, string Name, string ConfigurationName)
{
    public CertificateLifetimes Lifetimes { get; init; } = new();

    /// <summary>How often each replica re-reads the Secret and checks expiry (a replica picks up a rotation within this).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Keeps the CA and serving certificate in one Secret shared by every replica: creates it if missing, rotates before
/// expiry (see <see cref="WebhookCertificateRotation"/>), serves what it holds and writes its CA bundle into the
/// caBundle of the Validating- and MutatingWebhookConfiguration (both named <see cref="CertificateSecretOptions.ConfigurationName"/>). Replicas race safely: every write carries the resourceVersion it was
/// computed from, and the loser re-reads. Problems go to <paramref name="reportProblem"/> (/readyz) and the log, never the keys.
/// </summary>
internal sealed class WebhookCertificateSecretService(
    CertificateSecretOptions secret, IReadOnlyList<string> hostNames, ServingCertificate certificate, IKubernetes client,
    Action<string?> reportProblem, TimeProvider clock, ILogger<WebhookCertificateSecretService> log) : BackgroundService
{
    private readonly CertificateSecretOptions _secret = secret;

    // Whether the last pass found a live CA of ours published that the Secret does not hold, and read again at once.
    private bool _unknownCaReadAgain;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        reportProblem($"webhook certificate not loaded yet from Secret {_secret.Namespace}/{_secret.Name}");
        while (!stoppingToken.IsCancellationRequested)
        {
            var again = false;
            try
            {
                again = await SyncAsync(stoppingToken);
            }
            // Any failure (the API refusing, a client timeout, a certificate that will not parse) is reported and tried
            // again: left to escape, it would stop the host.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The API server's message names the object and the verb refused; the client's says only the status.
                var reason = ApiErrors.Describe(e);
                reportProblem($"webhook certificate Secret {_secret.Namespace}/{_secret.Name} or configuration {_secret.ConfigurationName}: {reason}");
                log.LogWarning("Syncing the webhook certificate failed, retrying in {Interval}: {Reason}", _secret.CheckInterval, reason);
            }
            if (!again) await Task.Delay(_secret.CheckInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// One pass; true when another is due at once (a write lost a race, or this replica's view was stale). A
    /// rollover's next step waits for the next pass, so the API server has seen the new caBundle before any replica
    /// serves a certificate from the new CA.
    /// </summary>
    private async Task<bool> SyncAsync(CancellationToken cancel)
    {
        // The three reads, and the two caBundle writes below, are independent: each group is one round trip on the
        // path to /readyz, not one per object.
        var name = _secret.ConfigurationName;
        var secretRead = ReadSecretAsync(cancel);
        var validatingRead = client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name, cancellationToken: cancel);
        var mutatingRead = client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name, cancellationToken: cancel);
        await Task.WhenAll(secretRead, validatingRead, mutatingRead);
        var (secret, validating, mutating) = (await secretRead, await validatingRead, await mutatingRead);
        var current = WebhookCertificateSet.FromSecret(secret);
        var validatingHooks = validating.Webhooks?.Select(w => (w.Name, w.ClientConfig)).ToList() ?? [];
        var mutatingHooks = mutating.Webhooks?.Select(w => (w.Name, w.ClientConfig)).ToList() ?? [];
        var published = PublishedBundles([.. validatingHooks, .. mutatingHooks]);
        var trustsCa = current is not null && published.All(b => b.Contains(current.Ca.ExportCertificatePem(), StringComparison.Ordinal));
        var (next, change) = WebhookCertificateRotation.Plan(current, hostNames, clock.GetUtcNow(), trustsCa, _secret.Lifetimes);
        if (change is not null)
        {
            if (!await WriteSecretAsync(secret, next, cancel)) return true;
            log.LogInformation("Webhook certificate Secret {Namespace}/{Name}: {Change}; serving {Thumbprint}, valid until {NotAfter:o}",
                _secret.Namespace, _secret.Name, change, next.Serving.Thumbprint, next.Serving.NotAfter.ToUniversalTime());
        }
        // Another replica published a newer CA after this one read the Secret: read again rather than undo its step.
        // A replica writes a CA into the Secret before publishing it, so one that the Secret read again still lacks is
        // left from an earlier Secret (a reinstall, a deleted Secret): it is replaced, not waited for.
        if (published.Any(b => UnknownLiveCa(b, next)))
        {
            if (!_unknownCaReadAgain)
            {
                _unknownCaReadAgain = true;
                return true;
            }
            _unknownCaReadAgain = false;
            log.LogWarning("Replacing a CA in the caBundle of {Name} that Secret {Namespace}/{Secret} does not hold (left from an earlier Secret)",
                name, _secret.Namespace, _secret.Name);
        }
        else _unknownCaReadAgain = false;
        if (certificate.Loaded?.Thumbprint != next.Serving.Thumbprint) certificate.Use(next.Serving, next.BundlePem);
        await Task.WhenAll(
            PublishAsync(validatingHooks, next.BundlePem, "ValidatingWebhookConfiguration",
                patch => client.AdmissionregistrationV1.PatchValidatingWebhookConfigurationAsync(patch, name, cancellationToken: cancel)),
            PublishAsync(mutatingHooks, next.BundlePem, "MutatingWebhookConfiguration",
                patch => client.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(patch, name, cancellationToken: cancel)));
        reportProblem(null);
        return false;
    }

    private bool UnknownLiveCa(string bundlePem, WebhookCertificateSet known)
    {
        var cas = new X509Certificate2Collection();
        try
        {
            cas.ImportFromPem(bundlePem);
        }
        catch (CryptographicException)
        {
            return false; // not ours to understand; it is replaced
        }
        return cas.Any(ca => ca.Subject.StartsWith(WebhookCertificateAuthority.CaSubjectPrefix, StringComparison.Ordinal)
            && ca.NotAfter.ToUniversalTime() > clock.GetUtcNow().UtcDateTime
            && known.Trusted.All(t => t.Thumbprint != ca.Thumbprint));
    }

    private static List<string> PublishedBundles(IEnumerable<(string Name, Admissionregistrationv1WebhookClientConfig Config)> webhooks) =>
        webhooks.Select(w => w.Config.CaBundle is { } b ? Encoding.ASCII.GetString(b) : "").ToList();

    // A strategic merge patch keyed by webhook name touches caBundle only, whoever owns the rest (GitOps, kubectl);
    // null when every webhook already trusts the bundle.
    private static V1Patch? CaBundlePatch(List<(string Name, Admissionregistrationv1WebhookClientConfig Config)> webhooks, string bundlePem)
    {
        if (PublishedBundles(webhooks).All(b => b == bundlePem)) return null;
        var caBundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(bundlePem));
        var patch = webhooks.Select(w => new { name = w.Name, clientConfig = new { caBundle } });
        return new V1Patch(KubernetesJson.Serialize(new { webhooks = patch }), V1Patch.PatchType.StrategicMergePatch);
    }

    // The client's patch calls are typed per configuration kind, so each kind hands in its own.
    private async Task PublishAsync(List<(string Name, Admissionregistrationv1WebhookClientConfig Config)> webhooks, string bundlePem,
        string kind, Func<V1Patch, Task> write)
    {
        if (CaBundlePatch(webhooks, bundlePem) is not { } patch) return;
        await write(patch);
        log.LogInformation("Wrote the CA bundle ({Count} CA) into {Kind} {Name}",
            bundlePem.Split("BEGIN CERTIFICATE").Length - 1, kind, _secret.ConfigurationName);
    }

    private async Task<V1Secret?> ReadSecretAsync(CancellationToken cancel)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(_secret.Name, _secret.Namespace, cancellationToken: cancel);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates or replaces the Secret; false when another replica wrote first (409), so the caller re-reads.</summary>
    private async Task<bool> WriteSecretAsync(V1Secret? existing, WebhookCertificateSet next, CancellationToken cancel)
    {
        try
        {
            if (existing is null)
            {
                await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = _secret.Name, NamespaceProperty = _secret.Namespace,
                        Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "jdcloud-pod-operator" },
                    },
                    Type = "Opaque",
                    Data = next.ToSecretData(),
                }, _secret.Namespace, cancellationToken: cancel);
            }
            else
            {
                existing.Data = next.ToSecretData();
                await client.CoreV1.ReplaceNamespacedSecretAsync(existing, _secret.Name, _secret.Namespace, cancellationToken: cancel);
            }
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
