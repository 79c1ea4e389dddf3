using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Telemetry;
using Microsoft.Extensions.Options;
using k8s;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// Where the CMDB app credentials come from: the Secret named by Cmdb:CredentialsSecret ("namespace/name"), read
/// through the API and kept for <see cref="CacheFor"/> so a rotation takes effect without a restart; otherwise the
/// files of a Secret mounted at Cmdb:CredentialsDirectory. The app secret is the operator's own secret for the
/// <see cref="SecretRedactor"/> (masked in every Event) as soon as it is read.
/// </summary>
public sealed class CmdbCredentialsSource(IOptionsMonitor<CmdbOptions> options, IServiceProvider services, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private (string Secret, CmdbEntryPoint EntryPoint, CmdbCredentials Credentials, DateTimeOffset ReadAt)? _cached;

    /// <summary>The credentials; an <see cref="InvalidOperationException"/> naming the Secret and key when they cannot be read.</summary>
    public async Task<CmdbCredentials> GetAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var credentials = settings.CredentialsSecret is { Length: > 0 } secret
            ? await FromApiAsync(secret, settings.EntryPoint, ct)
            : CmdbCredentials.Load(settings.CredentialsDirectory, settings.EntryPoint);
        services.GetService<SecretRedactor>()?.RegisterOperatorSecret(credentials.AppSecret);
        return credentials;
    }

    private async Task<CmdbCredentials> FromApiAsync(string secret, CmdbEntryPoint entryPoint, CancellationToken ct)
    {
        await _reading.WaitAsync(ct);
        try
        {
            if (_cached is { } c && c.Secret == secret && c.EntryPoint == entryPoint && clock.GetUtcNow() - c.ReadAt < CacheFor)
                return c.Credentials;
            var (ns, name) = Split(secret);
            var where = $"Secret {ns}/{name} (Cmdb:CredentialsSecret)";
            var kubernetes = services.GetRequiredService<IKubernetes>();
            k8s.Models.V1Secret found;
            try
            {
                found = await kubernetes.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct);
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e))
            {
                throw new InvalidOperationException($"CMDB credentials: {where} was not found; create it with the keys " +
                    $"{CmdbCredentials.AppCodeKey}, {CmdbCredentials.AppSecretKey} and {CmdbCredentials.UsernameKey}");
            }
            var credentials = CmdbCredentials.FromSecret(found.Data, entryPoint, where);
            _cached = (secret, entryPoint, credentials, clock.GetUtcNow());
            return credentials;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>
    /// "namespace/name"; a bare name is in the operator's own namespace (where the README creates it), never in
    /// "default", which tenants may be able to write to.
    /// </summary>
    public static (string Namespace, string Name) Split(string secret) =>
        secret.Split('/', 2) is [var ns, var name] ? (ns, name)
        : (OperatorNamespace.Current() ?? throw new InvalidOperationException(
            $"Cmdb:CredentialsSecret \"{secret}\" names no namespace and the operator's own is unknown (no POD_NAMESPACE, not in a pod): write it NAMESPACE/NAME"), secret);
}
