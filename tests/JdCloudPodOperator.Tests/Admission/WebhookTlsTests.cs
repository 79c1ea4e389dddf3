using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace JdCloudPodOperator.Tests.Admission;

/// <summary>
/// The webhook's TLS offers only AEAD suites: TLS 1.3, and on TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305. A
/// client offering only CBC suites fails the handshake; the same client completes it against a server on .NET's
/// defaults, which proves the client really offered them.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WebhookTlsTests : IAsyncLifetime
{
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The two CBC suites .NET offers by default with an ECDSA key (what the webhook offered before).</summary>
    public static TheoryData<TlsCipherSuite> CbcSuites => new()
    {
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
    };

    [SkippableLinuxTheory]
    [MemberData(nameof(CbcSuites))]
    public async Task A_tls12_client_offering_only_a_cbc_suite_fails_the_handshake(TlsCipherSuite suite)
    {
        await using var defaults = await DefaultTlsServer.StartAsync();
        (await HandshakeAsync(defaults.Port, SslProtocols.Tls12, suite)).Should().Be(suite, "a server on .NET's defaults accepts the client's offer");

        var act = () => HandshakeAsync(_server.WebhookUrl.Port, SslProtocols.Tls12, suite);

        await act.Should().ThrowAsync<AuthenticationException>();
    }

    public static TheoryData<SslProtocols, TlsCipherSuite> AeadSuites => new()
    {
        { SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 },
        { SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 },
        { SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 },
        { SslProtocols.Tls13, TlsCipherSuite.TLS_AES_128_GCM_SHA256 },
        { SslProtocols.Tls13, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256 },
    };

    [SkippableLinuxTheory]
    [MemberData(nameof(AeadSuites))]
    public async Task Aead_suites_on_tls12_and_tls13_are_negotiated(SslProtocols protocol, TlsCipherSuite suite) =>
        (await HandshakeAsync(_server.WebhookUrl.Port, protocol, suite)).Should().Be(suite);

    /// <summary>A TLS handshake offering one protocol and one suite; the suite negotiated.</summary>
    private static async Task<TlsCipherSuite> HandshakeAsync(int port, SslProtocols protocol, TlsCipherSuite suite)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            EnabledSslProtocols = protocol,
            CipherSuitesPolicy = new CipherSuitesPolicy([suite]),
            // The suites are under test here, not the chain (WebhookServerTests checks the certificate).
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        }, timeout.Token);
        return tls.NegotiatedCipherSuite;
    }

    /// <summary>A TLS server with an ECDSA certificate (as the operator issues) and .NET's default suites.</summary>
    private sealed class DefaultTlsServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate = SelfSigned();
        private Task _accepting = Task.CompletedTask;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static Task<DefaultTlsServer> StartAsync()
        {
            var server = new DefaultTlsServer();
            server._listener.Start();
            server._accepting = server.AcceptAsync();
            return Task.FromResult(server);
        }

        private async Task AcceptAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificate, EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
        }

        private static X509Certificate2 SelfSigned()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _accepting.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or AuthenticationException)
            {
            }
            _certificate.Dispose();
        }
    }
}

/// <summary>A theory that runs only on Linux, where .NET lets a client choose its cipher suites (OpenSSL).</summary>
public sealed class SkippableLinuxTheoryAttribute : TheoryAttribute
{
    public SkippableLinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "cipher suite policies need OpenSSL (Linux)";
    }
}
