using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Certificates;
using JdCloudPodOperator.Tests.Admission;
using JdCloudPodOperator.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// `--cert-source secret` on the real API server: replicas share the Secret's certificate, the caBundle follows it,
/// and rotations (serving certificate and CA) never make the API server fail to call the webhook.
/// </summary>
public class OperatorManagedCertificateTests
{
    private const string TestLabel = "jdcloudpod.io/webhook-test";
    private const string SecretName = "webhook-tls";

    // A rule only the webhook's validator knows (the schema cannot say it): seeing it means the webhook answered.
    private const string WebhookAnswer = "may be set only when maxCount is 1";

    private static bool Answered(ProcessResult result) => result.Output.Contains(WebhookAnswer, StringComparison.Ordinal);

    [Fact]
    public async Task Two_replicas_share_one_certificate_and_write_its_ca_into_the_webhook_configuration()
    {
        await using var env = await Environment.StartAsync("certs-share");
        var ports = await FreePorts.TakeAsync(2);
        await Task.WhenAll(ports.Select(p => env.StartReplicaAsync(p, new CertificateLifetimes())));

        await env.UntilWebhookAnswersAsync();
        // The webhook answering shows only the replica it is aimed at ready; the other may still be on its first sync.
        await env.UntilEveryReplicaIsReadyAsync();
        var secret = await env.Admin.CoreV1.ReadNamespacedSecretAsync(SecretName, env.Namespace);
        var stored = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(secret.Data[ServingCertificate.CertificateFile]));
        foreach (var port in ports) (await ServedAsync(port)).Thumbprint.Should().Be(stored.Thumbprint, "every replica serves the Secret's certificate");
        (await env.PublishedBundleAsync()).Should().Be(Encoding.ASCII.GetString(secret.Data[WebhookCertificateSet.BundleKey]));
        secret.Data.Keys.Should().BeEquivalentTo(["ca.crt", "ca.key", "tls.crt", "tls.key", "ca-bundle.crt"]);
    }

    [Fact]
    public async Task Serving_certificate_and_ca_rotate_while_the_webhook_keeps_answering()
    {
        await using var env = await Environment.StartAsync("certs-rotate");
        // Serving certificates are due 3 s after issue and CAs 6 s after creation: many rotations in a few seconds.
        var fast = new CertificateLifetimes
        {
            CaValidity = TimeSpan.FromHours(1), CaRenewBefore = TimeSpan.FromHours(1) - TimeSpan.FromSeconds(6),
            ServingValidity = TimeSpan.FromHours(1), ServingRenewBefore = TimeSpan.FromHours(1) - TimeSpan.FromSeconds(3),
        };
        var ports = await FreePorts.TakeAsync(2);
        var port = ports[0];
        await env.StartReplicaAsync(port, fast);
        await env.StartReplicaAsync(ports[1], fast);
        await env.UntilWebhookAnswersAsync();

        var served = new HashSet<string>();
        var cas = new HashSet<string>();
        var largestBundle = 0;
        var deadline = DateTime.UtcNow.AddSeconds(16);
        var answered = 0;
        while (DateTime.UtcNow < deadline)
        {
            var result = await env.DryRunInvalidAsync();
            result.Output.Should().Contain(WebhookAnswer, "the API server reached the webhook and trusted it (call {0})", answered + 1);
            answered++;
            served.Add((await ServedAsync(port)).Thumbprint);
            var secret = await env.Admin.CoreV1.ReadNamespacedSecretAsync(SecretName, env.Namespace);
            cas.Add(Encoding.ASCII.GetString(secret.Data["ca.crt"]));
            largestBundle = Math.Max(largestBundle, (await env.PublishedBundleAsync()).Split("BEGIN CERTIFICATE").Length - 1);
        }

        served.Count.Should().BeGreaterThanOrEqualTo(3, "the serving certificate was renewed several times");
        cas.Count.Should().BeGreaterThanOrEqualTo(2, "the CA rolled over");
        largestBundle.Should().BeGreaterThanOrEqualTo(2, "old and new CA are trusted together during a rollover");
        answered.Should().BeGreaterThan(5);
    }

    [Fact]
    public async Task A_ca_left_in_the_configuration_by_a_deleted_secret_is_replaced_and_a_new_replica_gets_ready()
    {
        await using var env = await Environment.StartAsync("certs-stale");
        var ports = await FreePorts.TakeAsync(2);
        await env.StartReplicaAsync(ports[0], new CertificateLifetimes());
        await env.UntilWebhookAnswersAsync();
        var old = await env.PublishedBundleAsync();

        // As in a reinstall: the Secret is gone, the cluster-scoped configurations keep the caBundle that trusts it.
        await env.Admin.CoreV1.DeleteNamespacedSecretAsync(SecretName, env.Namespace);
        await env.StartReplicaAsync(ports[1], new CertificateLifetimes());

        await env.UntilEveryReplicaIsReadyAsync();
        string? published = null;
        await Eventually.Until(async () =>
        {
            var secret = await env.Admin.CoreV1.ReadNamespacedSecretAsync(SecretName, env.Namespace);
            published = await env.PublishedBundleAsync();
            return published == Encoding.ASCII.GetString(secret.Data[WebhookCertificateSet.BundleKey]);
        }, "the new Secret's CA bundle is published", TimeSpan.FromSeconds(60), () => published);
        published.Should().NotBe(old);
        await env.UntilWebhookAnswersAsync();
    }

    /// <summary>The certificate a TLS handshake with 127.0.0.1:<paramref name="port"/> gets.</summary>
    private static async Task<X509Certificate2> ServedAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        return new X509Certificate2(tls.RemoteCertificate!);
    }

    /// <summary>A namespace (for the Secret and the probes) and a webhook configuration aimed at the first replica.</summary>
    private sealed class Environment(string ns, string configurationName, IKubernetes admin) : IAsyncDisposable
    {
        private readonly List<WebApplication> _replicas = [];
        private int? _port;

        public string Namespace => ns;
        public IKubernetes Admin => admin;

        public static async Task<Environment> StartAsync(string prefix)
        {
            await Crds.EnsureInstalledAsync();
            var ns = await ControlPlane.Shared.CreateNamespaceAsync(prefix);
            await ControlPlane.Shared.KubectlAsync(null, "label", "namespace", ns, $"{TestLabel}={ns}");
            return new Environment(ns, $"jdpod-{ns}", ControlPlane.Shared.AdminClient());
        }

        public async Task<WebApplication> StartReplicaAsync(int port, CertificateLifetimes lifetimes)
        {
            if (_port is null)
            {
                _port = port;
                var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [TestLabel] = ns } };
                var target = new WebhookTarget.Url(new Uri($"https://127.0.0.1:{port}"));
                await WebhookConfiguration.ApplyAsync(admin, WebhookConfiguration.Build(configurationName, target, "", selector), CancellationToken.None);
                await WebhookConfiguration.ApplyAsync(admin, WebhookConfiguration.BuildMutating(configurationName, target, "", selector), CancellationToken.None);
            }
            var app = OperatorHost.Build(new OperatorHostOptions
            {
                HealthAddress = IPAddress.Loopback, HealthPort = 0, Kubeconfig = ControlPlane.Shared.KubeconfigPath,
                Webhook = o =>
                {
                    (o.Address, o.Port, o.HostNames) = (IPAddress.Loopback, port, ["127.0.0.1", "localhost"]);
                    o.CertificateSecret = new CertificateSecretOptions(ns, SecretName, configurationName)
                    {
                        Lifetimes = lifetimes, CheckInterval = TimeSpan.FromMilliseconds(300),
                    };
                },
            });
            await app.StartAsync();
            _replicas.Add(app);
            return app;
        }

        /// <summary>The caBundle both configurations carry (the operator writes the same into each), or both when they differ.</summary>
        public async Task<string> PublishedBundleAsync()
        {
            var validating = await admin.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(configurationName);
            var mutating = await admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(configurationName);
            var (v, m) = (Bundle(validating.Webhooks[0].ClientConfig), Bundle(mutating.Webhooks[0].ClientConfig));
            return v == m ? v : $"validating: {v}\nmutating: {m}";
        }

        private static string Bundle(Admissionregistrationv1WebhookClientConfig client) =>
            client.CaBundle is { } b ? Encoding.ASCII.GetString(b) : "";

        public Task<ProcessResult> DryRunInvalidAsync() => ControlPlane.Shared.KubectlAsync(null, "apply", "--dry-run=server", "-n", ns,
            "-f", RepoPaths.Of("config", "samples", "invalid", "primary-ip-with-max-count-3.yaml"));

        /// <summary>
        /// Until every replica's /readyz is 200: a replica is ready once its first sync loaded the Secret's certificate
        /// (before, it serves none); another replica's write can send that sync round again.
        /// </summary>
        public async Task UntilEveryReplicaIsReadyAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            foreach (var replica in _replicas)
            {
                var readyz = new Uri(new Uri(replica.Urls.Single(u => u.StartsWith("http:", StringComparison.Ordinal))), "/readyz");
                string? last = null;
                await Eventually.Until(async () =>
                {
                    using var response = await http.GetAsync(readyz);
                    last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    return response.IsSuccessStatusCode;
                }, $"{readyz} is 200", TimeSpan.FromSeconds(60), () => last);
            }
        }

        /// <summary>The API server picks up caBundle changes asynchronously: wait until it calls the webhook.</summary>
        public async Task UntilWebhookAnswersAsync()
        {
            ProcessResult? last = null;
            await Eventually.Until(async () =>
                Answered(last = await DryRunInvalidAsync()),
                "the API server calls the webhook", TimeSpan.FromSeconds(60)).ContinueWith(t =>
                {
                    if (t.IsFaulted) throw new TimeoutException("webhook never answered: " + last?.Output, t.Exception);
                }, TaskScheduler.Default);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var app in _replicas)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
            await WebhookConfigurations.DeleteAsync(configurationName);
            await ControlPlane.Shared.KubectlAsync(null, "delete", "namespace", ns, "--wait=false");
            admin.Dispose();
        }
    }
}
