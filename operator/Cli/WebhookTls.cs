using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Certificates;
using k8s.Models;

namespace JdCloudPodOperator.Cli;

/// <summary>
/// Calls the webhook the way the API server does: TLS to the configured URL or Service, trusting only the
/// configuration's caBundle and checking the certificate's name, then an HTTP request the webhook must answer.
/// </summary>
public static class WebhookTls
{
    public static async Task<DoctorResult> ProbeAsync(string check, Admissionregistrationv1WebhookClientConfig client, string caBundle,
        string? dialAddress, TimeSpan timeout, CancellationToken cancel)
    {
        var url = Target(client);
        var dial = dialAddress ?? $"{url.Host}:{url.Port}";
        string? tlsProblem = null;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, ct) => ConnectAsync(dial, ct),
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = url.IdnHost,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    (tlsProblem = Verify(certificate as X509Certificate2, caBundle, url.IdnHost, errors)) is null,
            },
        };
        using var http = new HttpClient(handler) { Timeout = timeout };
        try
        {
            // An empty review: the webhook answers 400 without looking further, which proves it is there.
            using var response = await http.PostAsync(url, new StringContent("{}", Encoding.UTF8, "application/json"), cancel);
            return (int)response.StatusCode < 500
                ? new(check, DoctorStatus.Ok, $"{url} (dialled at {dial}) presents a certificate the caBundle trusts and answers HTTP {(int)response.StatusCode}")
                : new(check, DoctorStatus.Fail, $"{url} answers HTTP {(int)response.StatusCode}", "see the operator's log (kubectl logs)");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return tlsProblem is not null
                ? new(check, DoctorStatus.Fail, $"{url}: the certificate is not valid for the API server: {tlsProblem}",
                    "the caBundle must be the CA that signed the serving certificate, and the certificate must name the host: re-run cert-manager's CA injection, or let the operator register itself (--register)")
                : new(check, DoctorStatus.Fail, $"{url} (dialled at {dial}) is not reachable: {Innermost(e).Message}",
                    "check that the operator runs and its Service has endpoints (kubectl get endpoints); outside the cluster, port-forward the Service and pass --webhook-address 127.0.0.1:PORT");
        }
    }

    private static Uri Target(Admissionregistrationv1WebhookClientConfig client) =>
        client.Url is { } url ? new Uri(url)
            : new UriBuilder("https", $"{client.Service.Name}.{client.Service.NamespaceProperty}.svc", client.Service.Port ?? 443,
                client.Service.Path ?? AdmissionWebhookEndpoint.Path).Uri;

    /// <summary>Null when trusted: chained to the caBundle alone (no system roots) and naming <paramref name="host"/>.</summary>
    private static string? Verify(X509Certificate2? certificate, string caBundle, string host, SslPolicyErrors errors)
    {
        if (certificate is null) return "no certificate was presented";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return $"certificate {certificate.Subject} does not name {host}";
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(caBundle);
        using var chain = WebhookCertificateAuthority.ChainTrusting(roots);
        return chain.Build(certificate) ? null
            : $"certificate {certificate.Subject} (valid until {certificate.NotAfter.ToUniversalTime():O}) does not verify against the caBundle: "
              + string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
    }

    private static async ValueTask<Stream> ConnectAsync(string address, CancellationToken cancel)
    {
        var colon = address.LastIndexOf(':');
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address[..colon].Trim('[', ']'), int.Parse(address[(colon + 1)..]), cancel);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
