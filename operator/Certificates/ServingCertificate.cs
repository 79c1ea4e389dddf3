using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace JdCloudPodOperator.Certificates;

/// <summary>
/// The webhook's TLS certificate and the CA bundle clients need to trust it. Either issued by the operator's own CA
/// at start-up, or read from a directory holding `tls.crt` and `tls.key` (PEM; the layout of a kubernetes.io/tls
/// Secret, as cert-manager writes it) and optionally `ca.crt`. A directory is re-read when its files change, so a
/// rotated certificate is served without a restart. In operator-managed mode the certificate comes from a Secret
/// (<see cref="WebhookCertificateSecretService"/>) and is replaced in place. Only subjects, expiry and thumbprints are
/// ever logged.
/// </summary>
public sealed class ServingCertificate
{
    private readonly string? _directory;
    private readonly ILogger? _log;
    private readonly Lock _lock = new();
    private (X509Certificate2? Certificate, string CaBundlePem, DateTime Stamp) _current;

    private ServingCertificate(X509Certificate2? certificate, string caBundlePem, string? directory, DateTime stamp, ILogger? log)
    {
        _current = (certificate, caBundlePem, stamp);
        _directory = directory;
        _log = log;
    }

    public const string CertificateFile = "tls.crt";
    public const string KeyFile = "tls.key";
    public const string CaFile = "ca.crt";

    /// <summary>The certificate to present now (re-read from the directory if its files changed).</summary>
    public X509Certificate2 Current => Loaded ?? throw new InvalidOperationException("the webhook certificate is not loaded yet");

    /// <summary>The certificate to present, or null before operator-managed mode has read its Secret.</summary>
    public X509Certificate2? Loaded => Refresh().Certificate;

    /// <summary>True when the certificate comes from a directory, whose files may change while the process runs.</summary>
    public bool ReadsDirectory => _directory is not null;

    /// <summary>PEM of the CA that signed <see cref="Current"/>: the webhook configuration's caBundle.</summary>
    public string CaBundlePem => Refresh().CaBundlePem;

    public static ServingCertificate SelfSigned(IEnumerable<string> hostNames, TimeProvider clock, ILogger? log = null)
    {
        var (certificate, ca) = WebhookCertificateAuthority.Issue(hostNames, clock.GetUtcNow());
        log?.LogInformation("Issued a self-signed webhook certificate for {Names}, valid until {NotAfter:o}",
            string.Join(", ", hostNames), certificate.NotAfter.ToUniversalTime());
        return new ServingCertificate(certificate, ca, null, default, log);
    }

    /// <summary>Nothing to serve until <see cref="Use"/> is called (operator-managed mode, before the Secret is read).</summary>
    public static ServingCertificate Pending(ILogger? log = null) => new(null, "", null, default, log);

    /// <summary>Serves <paramref name="certificate"/> from the next TLS handshake on; open connections keep theirs.</summary>
    internal void Use(X509Certificate2 certificate, string caBundlePem)
    {
        lock (_lock) _current = (certificate, caBundlePem, default);
    }

    /// <summary>Reads `tls.crt`/`tls.key` (and `ca.crt` if present) from a directory; throws with the reason.</summary>
    public static ServingCertificate FromDirectory(string directory, ILogger? log = null)
    {
        var (certificate, ca, stamp) = Load(directory);
        log?.LogInformation("Loaded webhook certificate {Subject} (thumbprint {Thumbprint}, valid until {NotAfter:o}) from {Directory}",
            certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime(), directory);
        return new ServingCertificate(certificate, ca, directory, stamp, log);
    }

    private (X509Certificate2? Certificate, string CaBundlePem, DateTime Stamp) Refresh()
    {
        lock (_lock)
        {
            if (_directory is null) return _current;
            if (Stamp(_directory) == _current.Stamp) return _current;
            try
            {
                _current = Load(_directory);
                _log?.LogInformation("Reloaded webhook certificate {Subject} (thumbprint {Thumbprint}, valid until {NotAfter:o})",
                    _current.Certificate!.Subject, _current.Certificate.Thumbprint, _current.Certificate.NotAfter.ToUniversalTime());
            }
            catch (InvalidOperationException e)
            {
                // Mid-rotation (one file written, not the other): keep serving the previous pair and try again later.
                _log?.LogWarning("Keeping the previous webhook certificate: {Reason}", e.Message);
            }
            return _current;
        }
    }

    private static (X509Certificate2, string, DateTime) Load(string directory)
    {
        var certPath = Path.Combine(directory, CertificateFile);
        var keyPath = Path.Combine(directory, KeyFile);
        var caPath = Path.Combine(directory, CaFile);
        foreach (var path in new[] { certPath, keyPath })
        {
            if (!File.Exists(path)) throw new InvalidOperationException($"webhook certificate directory {directory}: {Path.GetFileName(path)} not found");
        }
        var stamp = Stamp(directory);
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            // Without ca.crt the serving certificate must be trusted as it is (self-signed, or the chain's last cert).
            var ca = File.Exists(caPath) ? File.ReadAllText(caPath) : File.ReadAllText(certPath);
            return (certificate, ca, stamp);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The exception text names the problem (no PEM block, key does not match) and never the key's contents.
            throw new InvalidOperationException($"webhook certificate directory {directory}: cannot read {CertificateFile}/{KeyFile}: {e.Message}", e);
        }
    }

    private static DateTime Stamp(string directory) =>
        new[] { CertificateFile, KeyFile, CaFile }
            .Select(f => Path.Combine(directory, f))
            .Select(p => File.Exists(p) ? File.GetLastWriteTimeUtc(p) : DateTime.MinValue)
            .Max();
}
