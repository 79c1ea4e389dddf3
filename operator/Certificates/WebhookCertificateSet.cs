using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;

namespace JdCloudPodOperator.Certificates;

/// <summary>
/// What operator-managed mode keeps in its Secret: the signing CA (with key), the serving certificate (with key)
/// and every CA the webhook's caBundle must trust (the signing CA first, then an older CA during a rollover).
/// Keys: <c>ca.crt</c>, <c>ca.key</c>, <c>tls.crt</c>, <c>tls.key</c>, <c>ca-bundle.crt</c>.
/// </summary>
internal sealed record WebhookCertificateSet(X509Certificate2 Ca, X509Certificate2 Serving, IReadOnlyList<X509Certificate2> Trusted)
{
    public const string CaCertificateKey = "ca.crt";
    public const string CaKeyKey = "ca.key";
    public const string BundleKey = "ca-bundle.crt";

    /// <summary>The caBundle: every trusted CA, PEM, signing CA first.</summary>
    public string BundlePem => string.Concat(Trusted.Select(c => c.ExportCertificatePem() + "\n"));

    public bool ServingIsSignedByCa => Serving.Issuer == Ca.Subject && SignedBy(Serving, Ca);

    /// <summary>Reads the Secret; null when it is missing, incomplete or unreadable (the caller starts afresh).</summary>
    public static WebhookCertificateSet? FromSecret(V1Secret? secret)
    {
        string? Text(string key) => secret?.Data?.TryGetValue(key, out var bytes) == true ? Encoding.ASCII.GetString(bytes) : null;
        if (Text(CaCertificateKey) is not { } caCert || Text(CaKeyKey) is not { } caKey || Text(BundleKey) is not { } bundle
            || Text(ServingCertificate.CertificateFile) is not { } cert || Text(ServingCertificate.KeyFile) is not { } key)
            return null;
        try
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPem(bundle);
            return new WebhookCertificateSet(X509Certificate2.CreateFromPem(caCert, caKey), X509Certificate2.CreateFromPem(cert, key), [.. trusted]);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    public Dictionary<string, byte[]> ToSecretData() => new()
    {
        [CaCertificateKey] = Ascii(Ca.ExportCertificatePem()),
        [CaKeyKey] = Ascii(Ca.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()),
        [ServingCertificate.CertificateFile] = Ascii(Serving.ExportCertificatePem()),
        [ServingCertificate.KeyFile] = Ascii(Serving.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()),
        [BundleKey] = Ascii(BundlePem),
    };

    private static bool SignedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = WebhookCertificateAuthority.ChainTrusting([ca]);
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
