using System.Net;
using System.Text;
using JdCloudPodOperator.Controller;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.JdCloud;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JdCloudPodOperator.Cli;

/// <summary>One finding of `doctor`: OK, FAIL or SKIP, what was seen, and how to fix it.</summary>
public sealed record DoctorResult(string Check, DoctorStatus Status, string Detail, string? Fix = null);

public enum DoctorStatus { Ok, Fail, Skip }

/// <summary>Where the webhook is called and the cloud account to try; null members skip that check.</summary>
public sealed record DoctorTargets
{
    public required string WebhookConfigurationName { get; init; }

    /// <summary>host:port to dial instead of the Service's DNS name (run outside the cluster, e.g. through port-forward).</summary>
    public string? WebhookAddress { get; init; }

    /// <summary>Namespaces the operator watches (RBAC is checked in each); empty: cluster-wide.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public (string Namespace, string Name)? CredentialsSecret { get; init; }
    public JdCloudCredentials? Credentials { get; init; }
    public string RegionId { get; init; } = "cn-north-1";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The checks behind `doctor`, each against the live cluster and cloud: what the operator needs to work. Each check
/// says what is wrong in the user's terms and the command or setting that fixes it.
/// </summary>
public sealed class DoctorChecks(IKubernetes kube, DoctorTargets targets, Func<JdCloudCredentials, string, PodClient> clients)
{
    /// <summary>The CRD this build expects; tests substitute a renamed copy.</summary>
    public V1CustomResourceDefinition ExpectedCrd { get; init; } = Entities.Schema.CrdGenerator.Build();

    /// <summary>Every permission the operator uses in the watched namespaces (the code's calls), as (group, resource, verb).</summary>
    public static readonly (string Group, string Resource, string Verb)[] Permissions =
    [
        .. new[] { "get", "list", "watch", "patch" }.Select(v => (JdCloudPod.Group, JdCloudPod.Plural, v)),
        (JdCloudPod.Group, JdCloudPod.Plural + "/status", "patch"),
        (JdCloudPod.Group, JdCloudPod.Plural + "/finalizers", "update"),
        ("", "secrets", "get"),
        ("", "events", "create"),
        ("", "events", "patch"),
        .. new[] { "get", "create", "update", "patch" }.Select(v => ("coordination.k8s.io", "leases", v)),
    ];

    /// <summary>The one cluster-scoped object the operator reads: kube-system, whose UID is the default cluster ID.</summary>
    private static readonly V1ResourceAttributes ClusterIdSource = new() { Resource = "namespaces", Name = ClusterIdentity.DefaultSource, Verb = "get" };

    public async Task<IReadOnlyList<DoctorResult>> RunAsync(CancellationToken cancel)
    {
        var access = await ClusterAccessAsync(cancel);
        if (access.Status == DoctorStatus.Fail) return [access, .. new[] { "CRD", "webhook", "RBAC", "cloud credentials" }
            .Select(c => new DoctorResult(c, DoctorStatus.Skip, "needs cluster access"))];
        return [access, await CrdAsync(cancel), await WebhookAsync(cancel), await RbacAsync(cancel), await CloudAsync(cancel)];
    }

    private async Task<DoctorResult> ClusterAccessAsync(CancellationToken cancel)
    {
        try
        {
            var version = await kube.Version.GetCodeAsync(cancel);
            return new("cluster access", DoctorStatus.Ok, $"API server {kube.BaseUri} answers, Kubernetes {version.GitVersion}");
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or TaskCanceledException or IOException)
        {
            return new("cluster access", DoctorStatus.Fail, $"API server {kube.BaseUri}: {e.Message}",
                "check --kubeconfig (or KUBECONFIG), its current context, and that the API server is reachable from here");
        }
    }

    private async Task<DoctorResult> CrdAsync(CancellationToken cancel)
    {
        var name = ExpectedCrd.Metadata.Name;
        const string apply = "install it from this release: kubectl apply -f crds/ (or jdcloud-pod-operator generate crds)";
        V1CustomResourceDefinition installed;
        try
        {
            installed = await kube.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancel);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return new("CRD", DoctorStatus.Fail, $"CustomResourceDefinition {name} is not installed", apply);
        }
        catch (HttpOperationException e)
        {
            return CannotRead("CRD", $"CustomResourceDefinition {name}", e);
        }
        var problem = CrdComparison.Difference(ExpectedCrd, installed);
        return problem is null
            ? new("CRD", DoctorStatus.Ok, $"{name} is installed, established, and serves {string.Join(", ", ExpectedCrd.Spec.Versions.Select(v => v.Name))} with this build's schema")
            : new("CRD", DoctorStatus.Fail, $"{name} differs from this build: {problem}", "upgrade it to this release: " + apply);
    }

    private async Task<DoctorResult> WebhookAsync(CancellationToken cancel)
    {
        var name = targets.WebhookConfigurationName;
        var (validating, problem) = await WebhookOfAsync("ValidatingWebhookConfiguration",
            async c => (await kube.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name, cancellationToken: c)).Webhooks?
                .Select(w => (w.Name, w.Rules, w.ClientConfig)), cancel);
        if (problem is not null) return problem;
        // Without the mutating one creates still work (it fails open) but each new JdCloudPod costs a finalizer write.
        (_, problem) = await WebhookOfAsync("MutatingWebhookConfiguration",
            async c => (await kube.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name, cancellationToken: c)).Webhooks?
                .Select(w => (w.Name, w.Rules, w.ClientConfig)), cancel);
        if (problem is not null) return problem;
        // Both are served by the same listener and certificate: one probe answers for both.
        return await WebhookTls.ProbeAsync("webhook", validating!, Encoding.ASCII.GetString(validating!.CaBundle), targets.WebhookAddress, targets.Timeout, cancel);
    }

    /// <summary>The JdCloudPod webhook of one configuration with its caBundle, or why there is none.</summary>
    private async Task<(Admissionregistrationv1WebhookClientConfig? Client, DoctorResult? Problem)> WebhookOfAsync(string kind,
        Func<CancellationToken, Task<IEnumerable<(string Name, IList<V1RuleWithOperations> Rules, Admissionregistrationv1WebhookClientConfig Client)>?>> read,
        CancellationToken cancel)
    {
        const string check = "webhook";
        var name = targets.WebhookConfigurationName;
        IEnumerable<(string Name, IList<V1RuleWithOperations> Rules, Admissionregistrationv1WebhookClientConfig Client)>? webhooks;
        try
        {
            webhooks = await read(cancel);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, new(check, DoctorStatus.Fail, $"{kind} {name} does not exist",
                "install config/webhook (kubectl apply -k config/default), or run the operator with --register service|url; --webhook-configuration-name names another one"));
        }
        catch (HttpOperationException e)
        {
            return (null, CannotRead(check, $"{kind} {name}", e));
        }
        var webhook = webhooks?.FirstOrDefault(w => w.Rules?.Any(r => r.Resources?.Contains(JdCloudPod.Plural) == true) == true);
        if (webhook is not { Client: { } client })
            return (null, new(check, DoctorStatus.Fail, $"{kind} {name} has no webhook for {JdCloudPod.Plural}", "reinstall config/webhook from this release"));
        if (client.CaBundle is not { Length: > 0 })
            return (null, new(check, DoctorStatus.Fail, $"webhook {webhook.Value.Name} has no caBundle, so the API server cannot trust it",
                "with cert-manager: check the cainjector and the cert-manager.io/inject-ca-from annotation; otherwise let the operator register it (--register)"));
        return (client, null);
    }

    private async Task<DoctorResult> RbacAsync(CancellationToken cancel)
    {
        var scopes = targets.Namespaces.Count == 0 ? [null] : targets.Namespaces.Cast<string?>().ToList();
        var denied = new List<string>();
        foreach (var ns in scopes)
        {
            foreach (var (group, resource, verb) in Permissions)
            {
                var parts = resource.Split('/');
                if (!await AllowedAsync(new V1ResourceAttributes
                    {
                        Group = group, Resource = parts[0], Subresource = parts.Length > 1 ? parts[1] : null, Verb = verb, NamespaceProperty = ns,
                    }, cancel))
                    denied.Add($"{verb} {resource}{(group.Length > 0 ? "." + group : "")}{(ns is null ? "" : " in " + ns)}");
            }
        }
        if (!await AllowedAsync(ClusterIdSource, cancel)) denied.Add($"get namespace {ClusterIdSource.Name} (or set --cluster-id)");
        var who = "this identity (the kubeconfig's user; in the cluster, the operator's ServiceAccount)";
        var where = targets.Namespaces.Count == 0 ? "cluster-wide" : "in " + string.Join(", ", targets.Namespaces);
        return denied.Count == 0
            ? new("RBAC", DoctorStatus.Ok, $"{who} may do all {Permissions.Length + 1} things the operator does, {where}")
            : new("RBAC", DoctorStatus.Fail, $"{who} may not: {string.Join("; ", denied)}",
                "bind the operator's role (config/rbac) to this identity; run doctor with the operator's own kubeconfig or ServiceAccount");
    }

    private async Task<bool> AllowedAsync(V1ResourceAttributes attributes, CancellationToken cancel) =>
        (await kube.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(
            new V1SelfSubjectAccessReview { Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = attributes } },
            cancellationToken: cancel)).Status?.Allowed == true;

    private async Task<DoctorResult> CloudAsync(CancellationToken cancel)
    {
        const string check = "cloud credentials";
        var (credentials, source) = await CredentialsAsync(cancel);
        if (credentials is null)
            return source is null
                ? new(check, DoctorStatus.Skip, "no credentials given", "name a Secret with --credentials-secret NAMESPACE/NAME, or set JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY")
                : new(check, DoctorStatus.Fail, source, $"create the Secret with the keys {CredentialsSecret.AccessKey} and {CredentialsSecret.SecretKey}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(targets.Timeout);
            var page = await clients(credentials, targets.RegionId)
                .DescribePodsAsync(new DescribePodsQuery { PageSize = DescribePodsQuery.MinPageSize }, timeout.Token);
            return new(check, DoctorStatus.Ok, $"{source}: describePods in {targets.RegionId} answered ({page.TotalCount} pods in the account)");
        }
        catch (JdCloudApiException e)
        {
            return new(check, DoctorStatus.Fail, $"{source}: describePods in {targets.RegionId} failed: {e.Message}", Fix(e.Kind));
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new(check, DoctorStatus.Fail, $"{source}: describePods in {targets.RegionId} did not answer within {targets.Timeout.TotalSeconds:0} s",
                "check that the JD Cloud endpoint (--jdcloud-endpoint, --jdcloud-vpc-endpoint) is reachable from here");
        }
    }

    // Doctor's own identity may be narrower than an admin's: say so rather than guess.
    private static DoctorResult CannotRead(string check, string what, HttpOperationException e) =>
        new(check, DoctorStatus.Fail, $"{what} cannot be read: HTTP {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}",
            "run doctor as a cluster admin for this check (cluster-scoped objects), or grant get on it");

    private static string Fix(JdCloudErrorKind kind) => kind switch
    {
        JdCloudErrorKind.Authentication => "the access key or secret key is wrong, disabled or deleted: create a new AccessKey in the JD Cloud console and update the Secret",
        JdCloudErrorKind.PermissionDenied => "grant this account (or sub-user) the Pod permissions (describePods, createPods, deletePods) in JD Cloud IAM",
        JdCloudErrorKind.Network or JdCloudErrorKind.Timeout or JdCloudErrorKind.Unavailable =>
            "check that the JD Cloud endpoint (--jdcloud-endpoint, --jdcloud-vpc-endpoint) is reachable from here",
        _ => "see the message; the region must be one the account can use (--region)",
    };

    /// <summary>The credentials to try and where they came from; or null and why not (null: none given).</summary>
    private async Task<(JdCloudCredentials? Credentials, string? Source)> CredentialsAsync(CancellationToken cancel)
    {
        if (targets.Credentials is { } given) return (given, "JDCLOUD_ACCESS_KEY/JDCLOUD_SECRET_KEY");
        if (targets.CredentialsSecret is not var (ns, name)) return (null, null);
        V1Secret? secret = null;
        try
        {
            secret = await kube.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancel);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            return (null, $"Secret {ns}/{name} cannot be read by this identity (forbidden)");
        }
        var (credentials, problem) = CredentialsSecret.Read(secret, ns, name);
        return credentials is null ? (null, problem!.Message) : (credentials, $"Secret {ns}/{name}");
    }
}
