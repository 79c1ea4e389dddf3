using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace JdCloudPodOperator.Certificates;

/// <summary>
/// A private CA and the webhook's serving certificates signed by it (ECDSA P-256). The API server trusts the CA
/// through the webhook configuration's caBundle. Self-signed mode makes both at start-up and drops the CA's key;
/// operator-managed mode keeps them in a Secret (<see cref="WebhookCertificateSet"/>).
/// </summary>
internal static class WebhookCertificateAuthority
{
    public const string CaSubjectPrefix = "CN=jdcloud-pod-operator webhook CA";
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    // Backdated a little so a node whose clock is slightly behind still accepts a fresh certificate.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The serving certificate (with its private key) and the CA certificate as PEM, for the caBundle.</summary>
    public static (X509Certificate2 Serving, string CaBundlePem) Issue(IEnumerable<string> hostNames, DateTimeOffset now)
    {
        using var ca = CreateCa(now, Validity + TimeSpan.FromDays(1));
        return (IssueServing(ca, hostNames, now, now.Add(Validity)), ca.ExportCertificatePem());
    }

    /// <summary>
    /// A chain builder that trusts <paramref name="roots"/> alone (no system roots, no revocation lookup: a private
    /// CA publishes none). The caller builds and disposes it.
    /// </summary>
    public static X509Chain ChainTrusting(X509Certificate2Collection roots)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        return chain;
    }

    /// <summary>A new CA certificate with its private key, valid from now for <paramref name="validity"/>.</summary>
    public static X509Certificate2 CreateCa(DateTimeOffset now, TimeSpan validity)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"{CaSubjectPrefix} {now.UtcDateTime:yyyyMMddHHmmss.fff}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        return caRequest.CreateSelfSigned(now - ClockSkew, now + validity);
    }

    /// <summary>A serving certificate for <paramref name="hostNames"/> signed by <paramref name="ca"/> (which must hold its key).</summary>
    public static X509Certificate2 IssueServing(X509Certificate2 ca, IEnumerable<string> hostNames, DateTimeOffset now, DateTimeOffset notAfter)
    {
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
        var notBefore = now - ClockSkew;
        // A certificate may not outlive its issuer.
        using var signed = request.Create(ca, notBefore < ca.NotBefore ? ca.NotBefore : notBefore,
            notAfter > ca.NotAfter ? ca.NotAfter : notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>The DNS names and IP addresses a certificate is valid for.</summary>
    public static IReadOnlySet<string> NamesOf(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null) return new HashSet<string>();
        return san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString()))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
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
