using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace JdCloudPodOperator.Webhooks;

/// <summary>
/// A private CA made at start-up and the webhook's serving certificate signed by it (ECDSA P-256). The API server
/// trusts the CA through the webhook configuration's caBundle; the CA's key is used once and then dropped.
/// </summary>
internal static class WebhookCertificateAuthority
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>The serving certificate (with its private key) and the CA certificate as PEM, for the caBundle.</summary>
    public static (X509Certificate2 Serving, string CaBundlePem) Issue(IEnumerable<string> hostNames, DateTimeOffset now)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=jdcloud-pod-operator webhook CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        // Backdated a little so a node whose clock is slightly behind still accepts it.
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity).AddDays(1));

        var names = hostNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names.FirstOrDefault() ?? "localhost"}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        request.CertificateExtensions.Add(SubjectAlternativeNames(names));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 requires
        using var signed = request.Create(ca, now.AddMinutes(-5), now.Add(Validity), serial);
        return (signed.CopyWithPrivateKey(key), ca.ExportCertificatePem());
    }

    private static X509Extension SubjectAlternativeNames(IEnumerable<string> names)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(name);
        }
        return san.Build(critical: false);
    }
}
