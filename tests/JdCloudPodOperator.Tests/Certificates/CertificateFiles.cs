using System.Security.Cryptography.X509Certificates;
using JdCloudPodOperator.Certificates;

namespace JdCloudPodOperator.Tests.Certificates;

/// <summary>A certificate directory as cert-manager writes it: tls.crt, tls.key and ca.crt of a fresh CA.</summary>
internal static class CertificateFiles
{
    /// <summary>Writes a new CA's serving certificate for <paramref name="hosts"/>; returns the CA's PEM.</summary>
    public static string WriteIssued(string directory, DateTimeOffset now, DateTime? modified, params string[] hosts)
    {
        var (serving, caPem) = WebhookCertificateAuthority.Issue(hosts, now);
        var files = new Dictionary<string, string>
        {
            [ServingCertificate.CertificateFile] = serving.ExportCertificatePem(),
            [ServingCertificate.KeyFile] = serving.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(),
            [ServingCertificate.CaFile] = caPem,
        };
        // Every file written before any time is moved, so a reader between two writes never stamps a half-written set.
        foreach (var (name, pem) in files) File.WriteAllText(Path.Combine(directory, name), pem);
        if (modified is { } m) foreach (var name in files.Keys) File.SetLastWriteTimeUtc(Path.Combine(directory, name), m);
        return caPem;
    }
}
