using System.CommandLine;
using JdCloudPodOperator.Admission;
using JdCloudPodOperator.JdCloud;
using k8s;

namespace JdCloudPodOperator.Cli;

/// <summary>`doctor`: checks everything the operator needs, prints OK/FAIL/SKIP per check with a fix; exit 1 on any FAIL.</summary>
public static class DoctorCommand
{
    private const string Description = """
        Check that this cluster and cloud account are ready for the operator, and say how to fix what is not:
          cluster access      the API server answers with the kubeconfig's identity
          CRD                 jdcloudpods.jdcloudpod.io is installed, Established, and matches this build's schema
          webhook             the Validating- and MutatingWebhookConfiguration exist, and their URL or Service answers over TLS
                              with a certificate its caBundle verifies, for the name the API server calls
          RBAC                SelfSubjectAccessReview of every verb the operator uses (run it as the operator)
          cloud credentials   describePods with the credentials of --credentials-secret (or JDCLOUD_ACCESS_KEY and
                              JDCLOUD_SECRET_KEY), in --region, against the same endpoint flags as run
        Each line: OK, FAIL or SKIP, what was found, and for FAIL how to fix it. Exit status 1 when any check fails.
        Secrets are never printed.
        """;

    private static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account.",
    };
    private static readonly Option<string> ConfigurationName = new("--webhook-configuration-name")
    {
        Description = "The Validating- and MutatingWebhookConfiguration to check (one name).",
        DefaultValueFactory = _ => WebhookConfiguration.DefaultName,
    };
    private static readonly Option<string?> WebhookAddress = new("--webhook-address")
    {
        Description = "host:port to connect to instead of the webhook Service's DNS name, when running outside the cluster (kubectl port-forward svc/jdcloud-pod-operator-webhook 9443:443 -n jdcloud-pod-operator, then 127.0.0.1:9443). The certificate is still checked for the Service's name.",
    };
    private static readonly Option<string?> Secret = new("--credentials-secret")
    {
        Description = "NAMESPACE/NAME of a Secret with accessKey and secretKey (the one a JdCloudPod's spec.credentialsSecretRef names) to try describePods with.",
    };
    private static readonly Option<string> Region = new("--region")
    {
        Description = "JD Cloud region of the describePods call.",
        DefaultValueFactory = _ => "cn-north-1",
    };
    private static readonly Option<TimeSpan> Timeout = new("--timeout")
    {
        Description = "Limit of each network check: 10s, 1m or hh:mm:ss.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        CustomParser = r => ControllerCommandLine.ParseDuration(r.Tokens.Single().Value),
    };

    public static Command Create()
    {
        var command = new Command("doctor", Description) { Kubeconfig, ConfigurationName, WebhookAddress, Secret, Region, Timeout };
        foreach (var option in ControllerCommandLine.Doctor) command.Options.Add(option);
        command.SetAction((parse, cancel) => RunAsync(parse, parse.InvocationConfiguration.Output, cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancel)
    {
        IReadOnlyList<DoctorResult> results;
        try
        {
            results = await CheckAsync(parse, cancel);
        }
        catch (Exception e) when (e is InvalidOperationException or k8s.Exceptions.KubeConfigException or FormatException)
        {
            await output.WriteLineAsync("FAIL  configuration: " + e.Message);
            return 1;
        }
        foreach (var result in results)
        {
            await output.WriteLineAsync($"{result.Status.ToString().ToUpperInvariant(),-4}  {result.Check}: {result.Detail}");
            if (result.Status == DoctorStatus.Fail && result.Fix is not null) await output.WriteLineAsync($"      fix: {result.Fix}");
        }
        var failed = results.Count(r => r.Status == DoctorStatus.Fail);
        await output.WriteLineAsync(failed == 0 ? "doctor: all checks passed" : $"doctor: {failed} of {results.Count} checks failed");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<IReadOnlyList<DoctorResult>> CheckAsync(ParseResult parse, CancellationToken cancel)
    {
        var path = parse.GetValue(Kubeconfig);
        using var kube = new Kubernetes(KubernetesApi.Kubeconfig.Resolve(path));
        var services = new ServiceCollection().AddLogging();
        services.AddJdCloudPodClient(o =>
        {
            ControllerCommandLine.ConfigureCloud(parse, o);
            // One attempt: doctor reports what happens, it does not wait out an outage.
            o.MaxRetryAttempts = 0;
            o.AttemptTimeout = o.TotalTimeout = parse.GetValue(Timeout);
        });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<PodClientFactory>();
        var targets = new DoctorTargets
        {
            WebhookConfigurationName = parse.GetValue(ConfigurationName)!,
            WebhookAddress = parse.GetValue(WebhookAddress),
            Namespaces = ControllerCommandLine.NamespacesOf(parse),
            CredentialsSecret = SecretName(parse.GetValue(Secret)),
            Credentials = EnvironmentCredentials(),
            RegionId = parse.GetValue(Region)!,
            Timeout = parse.GetValue(Timeout),
        };
        return await new DoctorChecks(kube, targets, factory.Create).RunAsync(cancel);
    }

    private static (string, string)? SecretName(string? text)
    {
        if (text is null) return null;
        var parts = text.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0)
            ? (parts[0], parts[1])
            : throw new FormatException($"--credentials-secret '{text}' is not NAMESPACE/NAME");
    }

    // From the environment only: a secret key on the command line would show in `ps` and shell history.
    private static JdCloudCredentials? EnvironmentCredentials() =>
        Environment.GetEnvironmentVariable("JDCLOUD_ACCESS_KEY") is { Length: > 0 } ak
        && Environment.GetEnvironmentVariable("JDCLOUD_SECRET_KEY") is { Length: > 0 } sk
            ? new JdCloudCredentials(ak, sk, null)
            : null;
}
