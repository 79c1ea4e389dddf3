using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JdCloudPodOperator.KubernetesApi;
using k8s.Exceptions;

namespace JdCloudPodOperator.Tests.KubernetesApi;

public sealed class KubeconfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    [Fact]
    public void The_current_context_is_read_with_its_server_namespace_and_token()
    {
        var config = Kubeconfig.Load(Write("""
            apiVersion: v1
            kind: Config
            current-context: second
            clusters:
            - name: one
              cluster: {server: "https://one.example:6443", insecure-skip-tls-verify: true}
            - name: two
              cluster: {server: "https://two.example:6443", insecure-skip-tls-verify: true}
            contexts:
            - name: first
              context: {cluster: one, user: admin}
            - name: second
              context: {cluster: two, user: admin, namespace: team}
            users:
            - name: admin
              user: {token: secret-token}
            preferences: {}
            unknown-section: [ignored]
            """));

        config.Host.Should().Be("https://two.example:6443");
        config.Namespace.Should().Be("team");
        config.AccessToken.Should().Be("secret-token");
        config.SkipTlsVerify.Should().BeTrue();
    }

    [Fact]
    public void A_relative_certificate_path_is_relative_to_the_file()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = new CertificateRequest("CN=kubeconfig test CA", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(_dir, "ca.crt"), ca.ExportCertificatePem());
        var config = Kubeconfig.Load(Write("""
            current-context: c
            clusters: [{name: k, cluster: {server: "https://k.example", certificate-authority: ca.crt}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            users: [{name: u, user: {token: t}}]
            """));

        config.SslCaCerts.Should().ContainSingle().Which.Thumbprint.Should().Be(ca.Thumbprint);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var missing = Path.Combine(_dir, "nope");
        var load = () => Kubeconfig.Load(missing);
        load.Should().Throw<KubeConfigException>().WithMessage($"*{missing}*");
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
