using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using k8s;
using k8s.Autorest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace JdCloudPodOperator.Tests.KubernetesApi;

/// <summary>
/// EntityClient's own requests carry what the kubeconfig gives, through KubernetesClient's connection: a bearer token
/// or a client certificate (the shared test API server knows tokens only, so a TLS server of the test's own checks
/// both), the cluster's CA, and the server's failures as before.
/// </summary>
public sealed class ApiTransportTests : IAsyncLifetime
{
    private const string Path = "/apis/jdcloudpod.io/v1alpha1/namespaces/team/jdcloudpods";
    private readonly string _dir = Directory.CreateTempSubdirectory("transport-").FullName;
    private readonly X509Certificate2 _serverCert = SelfSigned("CN=127.0.0.1", server: true);
    private readonly X509Certificate2 _clientCert = SelfSigned("CN=jdcloud-pod-operator", server: false);
    private readonly ConcurrentQueue<(string? Authorization, string? ClientThumbprint, string Query)> _seen = new();
    private WebApplication? _app;
    private string _url = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(_serverCert, https =>
        {
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        })));
        _app = builder.Build();
        _app.MapGet(Path, (HttpContext c) =>
        {
            _seen.Enqueue((c.Request.Headers.Authorization.FirstOrDefault(), c.Connection.ClientCertificate?.Thumbprint, c.Request.QueryString.Value ?? ""));
            return Results.Text("""{"apiVersion":"jdcloudpod.io/v1alpha1","kind":"JdCloudPodList","metadata":{"resourceVersion":"5"},"items":[{"metadata":{"name":"a"},"spec":{}}]}""", "application/json");
        });
        _app.MapGet(Path + "/gone", () => Results.Text("""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403}""", "application/json", statusCode: 403));
        await _app.StartAsync();
        _url = _app.Urls.Single();
    }

    [Fact]
    public async Task A_token_kubeconfig_sends_the_token()
    {
        var list = await Client(user: "token: secret-token").ListAsync("team");

        list.Items.Select(p => p.Metadata.Name).Should().Equal("a");
        list.Metadata.ResourceVersion.Should().Be("5");
        _seen.Should().ContainSingle().Which.Should().Be(("Bearer secret-token", null, "?limit=500"));
    }

    [Fact]
    public async Task A_client_certificate_kubeconfig_presents_the_certificate_and_no_token()
    {
        var user = $"client-certificate: {Pem("client.crt", _clientCert.ExportCertificatePem())}, client-key: {Pem("client.key", _clientCert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem())}";

        await Client(user).ListAsync("team");

        _seen.Should().ContainSingle().Which.Should().Be(((string?)null, _clientCert.Thumbprint, "?limit=500"));
    }

    [Fact]
    public async Task A_failure_is_the_clients_exception_with_the_servers_answer()
    {
        var get = () => Client(user: "token: t").GetAsync(new NamespacedName("team", "gone"));

        var thrown = await get.Should().ThrowAsync<HttpOperationException>();
        thrown.Which.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        thrown.Which.Response.Content.Should().Contain("\"code\":403");
    }

    private EntityClient<JdCloudPod> Client(string user)
    {
        var file = System.IO.Path.Combine(_dir, "config");
        File.WriteAllText(file, $$$"""
            current-context: c
            clusters: [{name: k, cluster: {server: "{{{_url}}}", certificate-authority: {{{Pem("ca.crt", _serverCert.ExportCertificatePem())}}}}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            users: [{name: u, user: { {{{user}}} }}]
            """);
        return new EntityClient<JdCloudPod>(new Kubernetes(Kubeconfig.Load(file)));
    }

    private string Pem(string name, string pem)
    {
        File.WriteAllText(System.IO.Path.Combine(_dir, name), pem);
        return name;
    }

    private static X509Certificate2 SelfSigned(string subject, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        }
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
