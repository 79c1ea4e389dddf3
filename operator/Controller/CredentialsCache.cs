using JdCloudPodOperator.Controller.Status;
using JdCloudPodOperator.JdCloud;
using JdCloudPodOperator.KubernetesApi;
using Microsoft.Extensions.Options;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// The credentials of the Secrets that JdCloudPods name, read with one GET per Secret and kept for
/// <see cref="JdCloudPodControllerOptions.CredentialsCacheFor"/>, so passes cost no Secret read while a rotation still
/// takes effect without a restart (as <see cref="Cmdb.CmdbCredentialsSource"/> does). Keyed by the resource's own
/// namespace and the name its spec gives: a resource can reach no Secret of another namespace, cached or not
/// (docs/tenant-isolation.md). Only credentials read are kept, never the Secret nor a problem (a Secret created
/// after a CredentialsNotFound is read at the next pass), and only for Secrets in use: an entry past its time is
/// dropped at the first read after it, or by the sweep of the next cache period. Concurrent passes needing the same
/// Secret share one GET. The operator's RBAC stays `get` on Secrets: a watch would need list and watch, that is every
/// Secret of every namespace it serves.
/// </summary>
public sealed class CredentialsCache(IKubernetes kubernetes, IOptions<JdCloudPodControllerOptions> options, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<NamespacedName, Task<Read>> _reads = [];
    private readonly TimeSpan _cacheFor = options.Value.CredentialsCacheFor;
    private DateTimeOffset _nextSweep;

    /// <summary>The credentials in the Secret <paramref name="name"/> of <paramref name="namespace"/>, or the problem naming the Secret and key.</summary>
    public async Task<(JdCloudCredentials? Credentials, Problem? Problem)> GetAsync(
        string @namespace, string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name)) return CredentialsSecret.Read(null, @namespace, name);
        var key = new NamespacedName(@namespace, name);
        var reading = Reading(key);
        try
        {
            var read = await reading.WaitAsync(cancellationToken);
            if (read.Credentials is null) Forget(key, reading);
            return (read.Credentials, read.Problem);
        }
        catch (Exception) when (reading.IsFaulted)
        {
            Forget(key, reading);
            throw;
        }
    }

    // The read in flight or still fresh, else a new one (and, once per cache period, the entries past their time go:
    // a sweep per miss would cost a scan of every Secret in use for each one read again).
    private Task<Read> Reading(NamespacedName key)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_reads.TryGetValue(key, out var reading) && !Stale(reading, now)) return reading;
            if (now >= _nextSweep)
            {
                foreach (var stale in _reads.Where(p => Stale(p.Value, now)).Select(p => p.Key).ToList()) _reads.Remove(stale);
                _nextSweep = now + _cacheFor;
            }
            return _reads[key] = ReadAsync(key);
        }
    }

    private bool Stale(Task<Read> reading, DateTimeOffset now) =>
        reading.IsCompletedSuccessfully && now - reading.Result.At >= _cacheFor;

    private void Forget(NamespacedName key, Task<Read> reading)
    {
        lock (_lock)
        {
            if (_reads.TryGetValue(key, out var current) && current == reading) _reads.Remove(key);
        }
    }

    // Shared by every pass waiting for it, so no one pass's cancellation ends it.
    private async Task<Read> ReadAsync(NamespacedName key)
    {
        await Task.Yield(); // never under the lock
        V1Secret? secret;
        try
        {
            secret = await kubernetes.CoreV1.ReadNamespacedSecretAsync(key.Name, key.Namespace, cancellationToken: CancellationToken.None);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            secret = null;
        }
        var (credentials, problem) = CredentialsSecret.Read(secret, key.Namespace!, key.Name);
        return new Read(credentials, problem, clock.GetUtcNow());
    }

    private sealed record Read(JdCloudCredentials? Credentials, Problem? Problem, DateTimeOffset At);
}
