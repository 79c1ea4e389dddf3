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

    [Fact]
    public void The_default_is_the_given_file_then_a_single_KUBECONFIG_file_then_the_home_file()
    {
        var home = Write("current-context: c");
        Kubeconfig.DefaultFile("/given", "/from/variable", home).Should().Be("/given");
        Kubeconfig.DefaultFile(null, "\"/from/variable\"", home).Should().Be("/from/variable");
        Kubeconfig.DefaultFile(null, null, home).Should().Be(home);
        Kubeconfig.DefaultFile(null, "", home).Should().Be(home, "an empty KUBECONFIG is unset, as kubectl reads it");
    }

    [Fact]
    public void Several_KUBECONFIG_files_or_no_file_at_all_are_left_to_the_clients_default()
    {
        var home = Write("current-context: c");
        Kubeconfig.DefaultFile(null, $"/a{Path.PathSeparator}/b", home).Should().BeNull("the client's loader merges several files");
        Kubeconfig.DefaultFile(null, null, Path.Combine(_dir, "no-such-file")).Should().BeNull("in a cluster: the service account");
    }

    [Fact]
    public void Resolve_reads_a_single_KUBECONFIG_file()
    {
        var file = Write("""
            current-context: c
            clusters: [{name: k, cluster: {server: "https://variable.example", insecure-skip-tls-verify: true}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            users: [{name: u, user: {token: t}}]
            """);
        Kubeconfig.Resolve(null, file, Path.Combine(_dir, "no-such-file")).Host.Should().Be("https://variable.example");
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
