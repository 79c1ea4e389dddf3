using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JdCloudPodOperator.Certificates;

using JdCloudPodOperator.Tests.Admission;

namespace JdCloudPodOperator.Tests.Certificates;

public sealed class ServingCertificateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("jdpod-certs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Self_signed_certificate_chains_to_its_ca_and_names_every_host()
    {
        var (serving, caPem) = WebhookCertificateAuthority.Issue(["localhost", "127.0.0.1", "svc.ns.svc"], Now);

        serving.HasPrivateKey.Should().BeTrue();
        serving.GetECDsaPublicKey().Should().NotBeNull();
        var san = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        san.EnumerateDnsNames().Should().BeEquivalentTo("localhost", "svc.ns.svc");
        san.EnumerateIPAddresses().Should().Equal(IPAddress.Loopback);
        serving.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0]!.Value
            .Should().Be("1.3.6.1.5.5.7.3.1");
        serving.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeFalse();
        serving.NotAfter.ToUniversalTime().Should().Be(Now.Add(WebhookCertificateAuthority.Validity).UtcDateTime);

        var ca = X509Certificate2.CreateFromPem(caPem);
        ca.HasPrivateKey.Should().BeFalse("the CA bundle is public; its key is never kept");
        ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeTrue();
        Chains(serving, ca, Now.AddDays(1)).Should().BeTrue();
        Chains(serving, ca, Now.Add(WebhookCertificateAuthority.Validity).AddDays(1)).Should().BeFalse("it expires");
    }

    [Fact]
    public void Each_issue_makes_a_new_ca()
    {
        var (first, _) = WebhookCertificateAuthority.Issue(["localhost"], Now);
        var (_, secondCa) = WebhookCertificateAuthority.Issue(["localhost"], Now);

        Chains(first, X509Certificate2.CreateFromPem(secondCa), Now.AddDays(1)).Should().BeFalse();
    }

    [Fact]
    public void Directory_certificate_is_loaded_with_its_ca()
    {
        var caPem = WriteIssued("first.example");

        var certificate = ServingCertificate.FromDirectory(_dir);

        certificate.Current.HasPrivateKey.Should().BeTrue();
        certificate.Current.Subject.Should().Be("CN=first.example");
        certificate.CaBundlePem.Should().Be(caPem);
    }

    [Fact]
    public void Without_ca_crt_the_certificate_itself_is_the_bundle()
    {
        WriteIssued("first.example");
        File.Delete(Path.Combine(_dir, ServingCertificate.CaFile));

        ServingCertificate.FromDirectory(_dir).CaBundlePem.Should().Be(File.ReadAllText(Path.Combine(_dir, ServingCertificate.CertificateFile)));
    }

    [Fact]
    public void Rotated_files_are_served_without_a_restart()
    {
        WriteIssued("first.example");
        var certificate = ServingCertificate.FromDirectory(_dir);
        certificate.Current.Subject.Should().Be("CN=first.example");

        var newCa = WriteIssued("second.example", modified: DateTime.UtcNow.AddMinutes(1));

        certificate.Current.Subject.Should().Be("CN=second.example");
        certificate.CaBundlePem.Should().Be(newCa);
    }

    [Fact]
    public void A_half_written_rotation_keeps_the_previous_certificate()
    {
        WriteIssued("first.example");
        var certificate = ServingCertificate.FromDirectory(_dir);
        var keyPath = Path.Combine(_dir, ServingCertificate.KeyFile);
        File.WriteAllText(keyPath, "not yet");
        File.SetLastWriteTimeUtc(keyPath, DateTime.UtcNow.AddMinutes(1));

        certificate.Current.Subject.Should().Be("CN=first.example");
    }

    [Fact]
    public void Missing_files_are_named()
    {
        var act = () => ServingCertificate.FromDirectory(_dir);

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{_dir}*tls.crt not found*");
    }

    [Fact]
    public void A_key_that_does_not_match_is_refused_without_showing_the_key()
    {
        WriteIssued("first.example");
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherKeyPem = otherKey.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(Path.Combine(_dir, ServingCertificate.KeyFile), otherKeyPem);

        var act = () => ServingCertificate.FromDirectory(_dir);

        var error = act.Should().Throw<InvalidOperationException>().WithMessage("*cannot read tls.crt/tls.key*").Which;
        error.ToString().Should().NotContain(otherKeyPem.Split('\n')[1]);
    }

    private string WriteIssued(string host, DateTime? modified = null) => CertificateFiles.WriteIssued(_dir, Now, modified, host);

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 ca, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        return chain.Build(leaf);
    }
}
