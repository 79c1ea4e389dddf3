using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.Certificates;
using JdCloudPodOperator.KubernetesApi;

namespace JdCloudPodOperator.Cli;

/// <summary>`run`: serves the operator (the JdCloudPod controller, the admission webhook over HTTPS, /healthz and /readyz) until stopped.</summary>
public static class RunCommand
{
    private static readonly Option<IPAddress> Address = new("--address")
    {
        Description = "IP address the webhook and health listeners bind to.",
        DefaultValueFactory = _ => IPAddress.Any,
        CustomParser = ParseAddress,
    };
    private static readonly Option<int> WebhookPort = Port("--webhook-port", 9443, "HTTPS port of the admission webhook (0: any free port). Env JDPOD_WEBHOOK_PORT.", "JDPOD_WEBHOOK_PORT");
    private static readonly Option<int> HealthPort = Port("--health-port", 8081, "Plain-HTTP port of /healthz, /readyz and /metrics (Prometheus) (0: any free port). Env JDPOD_HEALTH_PORT.", "JDPOD_HEALTH_PORT");
    private static readonly Option<string> CertSource = Choice("--cert-source", "self-signed",
        "Where the webhook's TLS certificate comes from: 'self-signed' (a CA and certificate made at start-up, valid for localhost, 127.0.0.1, the --webhook-url host and the service's DNS names) or 'directory' (tls.crt, tls.key and optional ca.crt in --cert-dir, re-read when they change). Each self-signed process has its own CA, so run several replicas behind one Service only with 'directory' or 'secret'. 'secret': the operator keeps a CA and certificate in the --cert-secret Secret (shared by every replica), writes the CA into the caBundle of --webhook-configuration-name (which must exist; use --register none) and rotates both before they expire.",
        "self-signed", "directory", "secret");
    private static readonly Option<string> CertSecret = Text("--cert-secret", "jdcloud-pod-operator-webhook-tls",
        "Secret holding the operator-managed CA and certificate (--cert-source secret), in the namespace POD_NAMESPACE, else the service account's, else --service-namespace.");
    private static readonly Option<string> CertDir = new("--cert-dir")
    {
        Description = "Directory holding tls.crt and tls.key (PEM) for --cert-source directory, e.g. a mounted kubernetes.io/tls Secret.",
        DefaultValueFactory = _ => "/tmp/k8s-webhook-server/serving-certs",
    };
    private static readonly Option<string> Register = Choice("--register", "none",
        "Write the Validating- and MutatingWebhookConfiguration with this process's CA bundle: 'none' (the deployment manages it), 'url' (clientConfig.url = --webhook-url, for running outside the cluster) or 'service' (clientConfig.service = --service-namespace/--service-name:--service-port).",
        "none", "url", "service");
    private static readonly Option<Uri?> WebhookUrl = new("--webhook-url")
    {
        Description = "Base URL the API server calls with --register url. Default: https://127.0.0.1:<webhook port>.",
        CustomParser = ParseHttpsUrl,
    };
    private static readonly Option<string> ServiceName = Text("--service-name", "jdcloud-pod-operator-webhook", "Service in front of the webhook (--register service, and a DNS name of the self-signed certificate).");
    private static readonly Option<string> ServiceNamespace = Text("--service-namespace", "jdcloud-pod-operator", "Namespace of that Service.");
    private static readonly Option<int> ServicePort = Port("--service-port", 443, "Port of that Service.");
    private static readonly Option<string> ConfigurationName = Text("--webhook-configuration-name", WebhookConfiguration.DefaultName, "Name of the Validating- and MutatingWebhookConfiguration to create or update.");
    private static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account.",
    };

    public static Command Create()
    {
        var command = new Command("run", "Run the JdCloudPod controller (creates, watches and deletes the JD Cloud pods) and serve the admission webhook over HTTPS, plus /healthz, /readyz and /metrics over HTTP, until SIGTERM or Ctrl+C. Settings: flags, then environment variables, then appsettings.json (--config), then defaults.")
        {
            Address, WebhookPort, HealthPort, CertSource, CertDir, CertSecret, Register, WebhookUrl, ServiceName, ServiceNamespace,
            ServicePort, ConfigurationName, Kubeconfig,
        };
        foreach (var option in ControllerCommandLine.All) command.Options.Add(option);
        command.Validators.Add(r =>
        {
            if (r.GetValue(CertSource) == "secret" && r.GetValue(Register) is not (null or "none"))
                r.AddError("--cert-source secret keeps the caBundle of an existing webhook configuration (install it from config/); use --register none");
        });
        foreach (var option in CmdbCommandLine.All) command.Options.Add(option);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        Runtime.MallocArenas.Limit(2);
        try
        {
            await using var app = OperatorHost.Build(ToOptions(parse));
            await app.RunAsync(cancel);
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException or k8s.Exceptions.KubeConfigException)
        {
            // Start-up problems the user can fix (unreadable certificate, port in use): the reason, not a stack trace.
            await Console.Error.WriteLineAsync("run: " + e.Message);
            return 1;
        }
    }

    internal static OperatorHostOptions ToOptions(ParseResult parse)
    {
        var service = new WebhookTarget.Service(parse.GetValue(ServiceNamespace)!, parse.GetValue(ServiceName)!, parse.GetValue(ServicePort));
        var url = parse.GetValue(WebhookUrl) ?? new Uri($"https://127.0.0.1:{parse.GetValue(WebhookPort)}");
        WebhookTarget? target = parse.GetValue(Register) switch
        {
            "url" => new WebhookTarget.Url(url),
            "service" => service,
            _ => null,
        };
        return new OperatorHostOptions
        {
            HealthAddress = parse.GetValue(Address)!,
            HealthPort = parse.GetValue(HealthPort),
            Kubeconfig = parse.GetValue(Kubeconfig),
            Controller = ControllerCommandLine.ToSettings(parse),
            Cmdb = CmdbCommandLine.ToSettings(parse),
            LogLevel = ControllerCommandLine.LogLevelOf(parse),
            LogFormat = ControllerCommandLine.LogFormatOf(parse),
            Webhook = o =>
            {
                o.Address = parse.GetValue(Address)!;
                o.Port = parse.GetValue(WebhookPort);
                o.CertificateDirectory = parse.GetValue(CertSource) == "directory" ? parse.GetValue(CertDir) : null;
                o.CertificateSecret = parse.GetValue(CertSource) == "secret"
                    ? new CertificateSecretOptions(OperatorNamespace.Current() ?? service.Namespace, parse.GetValue(CertSecret)!, parse.GetValue(ConfigurationName)!)
                    : null;
                o.HostNames = new[] { "localhost", "127.0.0.1", "::1", url.Host }.Concat(ServiceDnsNames(service)).Distinct().ToList();
                o.Registration = target is null ? null : new WebhookRegistration(
                    parse.GetValue(ConfigurationName)!, target, WebhookConfiguration.AllButKubeSystem());
            },
        };
    }

    private static IEnumerable<string> ServiceDnsNames(WebhookTarget.Service s) =>
        [$"{s.Name}.{s.Namespace}.svc", $"{s.Name}.{s.Namespace}.svc.cluster.local", $"{s.Name}.{s.Namespace}"];

    private static IPAddress ParseAddress(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (IPAddress.TryParse(text, out var address)) return address;
        result.AddError($"--address: '{text}' is not an IP address");
        return IPAddress.Any;
    }

    private static Uri? ParseHttpsUrl(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps) return url;
        result.AddError($"--webhook-url: '{text}' is not an absolute https:// URL (the API server calls webhooks over TLS only)");
        return null;
    }

    private static Option<int> Port(string name, int fallback, string description, string? env = null) => new(name)
    {
        Description = description,
        DefaultValueFactory = r => SettingSources.Get(r, env, int.Parse, fallback),
        Validators = { r => { if (r.GetValueOrDefault<int>() is < 0 or > 65535) r.AddError($"{name} must be 0-65535"); } },
    };

    private static Option<string> Text(string name, string fallback, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => fallback };

    private static Option<string> Choice(string name, string fallback, string description, params string[] values) =>
        Text(name, fallback, description).AcceptOnlyFromAmong(values);
}
