using System.Net;
using System.Reflection;
using System.Text;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace JdCloudPodOperator.Admission;

/// <summary>Where the API server should send reviews: a URL (local runs) or an in-cluster Service.</summary>
public abstract record WebhookTarget
{
    private WebhookTarget() { }

    /// <summary>`https://host:port`; the endpoint path is appended.</summary>
    public sealed record Url(Uri BaseUrl) : WebhookTarget;

    public sealed record Service(string Namespace, string Name, int Port) : WebhookTarget;
}

/// <summary>
/// The ValidatingWebhookConfiguration that sends JdCloudPod CREATE and UPDATE requests to this operator, and the
/// MutatingWebhookConfiguration (same name, CA bundle, target and namespaces) that sends it their CREATEs.
/// </summary>
public static class WebhookConfiguration
{
    public const string DefaultName = "jdcloudpod-operator";
    public const string WebhookName = "vjdcloudpod.jdcloudpod.io";
    public const string MutatingWebhookName = "mjdcloudpod.jdcloudpod.io";

    /// <summary>Every namespace but kube-system (the label exists on Kubernetes 1.21+; before, kube-system has no JdCloudPods).</summary>
    public static V1LabelSelector AllButKubeSystem() => new()
    {
        MatchExpressions =
        [
            new V1LabelSelectorRequirement { Key = "kubernetes.io/metadata.name", OperatorProperty = "NotIn", Values = ["kube-system"] },
        ],
    };

    public static V1ValidatingWebhookConfiguration Build(string name, WebhookTarget target, string caBundlePem,
        V1LabelSelector namespaceSelector) => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "ValidatingWebhookConfiguration",
        Metadata = Metadata(name),
        Webhooks =
        [
            new V1ValidatingWebhook
            {
                Name = WebhookName,
                ClientConfig = ClientConfig(target, AdmissionWebhookEndpoint.Path, caBundlePem),
                Rules = [Rule("CREATE", "UPDATE")],
                // Fail closed: a JdCloudPod the operator has not validated must not reach the controller.
                FailurePolicy = "Fail",
                SideEffects = "None",
                AdmissionReviewVersions = ["v1"],
                TimeoutSeconds = 10,
                MatchPolicy = "Equivalent",
                NamespaceSelector = namespaceSelector,
            },
        ],
    };

    public static V1MutatingWebhookConfiguration BuildMutating(string name, WebhookTarget target, string caBundlePem,
        V1LabelSelector namespaceSelector) => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "MutatingWebhookConfiguration",
        Metadata = Metadata(name),
        Webhooks =
        [
            new V1MutatingWebhook
            {
                Name = MutatingWebhookName,
                ClientConfig = ClientConfig(target, AdmissionWebhookEndpoint.MutatePath, caBundlePem),
                Rules = [Rule("CREATE")],
                // Fail open: the controller adds the finalizer itself when it is missing, so a webhook that is down
                // costs one write per new resource and must never block a create.
                FailurePolicy = "Ignore",
                SideEffects = "None",
                AdmissionReviewVersions = ["v1"],
                ReinvocationPolicy = "Never",
                TimeoutSeconds = 10,
                MatchPolicy = "Equivalent",
                NamespaceSelector = namespaceSelector,
            },
        ],
    };

    private static V1ObjectMeta Metadata(string name) =>
        new() { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "jdcloud-pod-operator" } };

    private static V1RuleWithOperations Rule(params string[] operations) => new()
    {
        ApiGroups = [JdCloudPod.Group], ApiVersions = [JdCloudPod.Version],
        Resources = [JdCloudPod.Plural], Operations = operations, Scope = "Namespaced",
    };

    private static Admissionregistrationv1WebhookClientConfig ClientConfig(WebhookTarget target, string path, string caBundlePem) => target switch
    {
        WebhookTarget.Url u => new() { Url = new Uri(u.BaseUrl, path).ToString(), CaBundle = Encoding.ASCII.GetBytes(caBundlePem) },
        WebhookTarget.Service s => new()
        {
            Service = new Admissionregistrationv1ServiceReference
            {
                Name = s.Name, NamespaceProperty = s.Namespace, Path = path, Port = s.Port,
            },
            CaBundle = Encoding.ASCII.GetBytes(caBundlePem),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>Creates the configuration, or replaces the existing one of the same name (retrying on a conflict).</summary>
    public static Task ApplyAsync(IKubernetes client, V1ValidatingWebhookConfiguration desired, CancellationToken cancel)
    {
        var api = client.AdmissionregistrationV1;
        return ApplyAsync(desired, c => api.ReadValidatingWebhookConfigurationAsync(desired.Metadata.Name, cancellationToken: c),
            c => api.CreateValidatingWebhookConfigurationAsync(desired, cancellationToken: c),
            c => api.ReplaceValidatingWebhookConfigurationAsync(desired, desired.Metadata.Name, cancellationToken: c), cancel);
    }

    /// <inheritdoc cref="ApplyAsync(IKubernetes, V1ValidatingWebhookConfiguration, CancellationToken)"/>
    public static Task ApplyAsync(IKubernetes client, V1MutatingWebhookConfiguration desired, CancellationToken cancel)
    {
        var api = client.AdmissionregistrationV1;
        return ApplyAsync(desired, c => api.ReadMutatingWebhookConfigurationAsync(desired.Metadata.Name, cancellationToken: c),
            c => api.CreateMutatingWebhookConfigurationAsync(desired, cancellationToken: c),
            c => api.ReplaceMutatingWebhookConfigurationAsync(desired, desired.Metadata.Name, cancellationToken: c), cancel);
    }

    /// <summary>
    /// A failure names the configuration and what the API server said: the two are written side by side, and RBAC may
    /// allow one and not the other (a ClusterRole from before the mutating webhook, say).
    /// </summary>
    private static async Task ApplyAsync<T>(T desired, Func<CancellationToken, Task<T>> read, Func<CancellationToken, Task<T>> create,
        Func<CancellationToken, Task<T>> replace, CancellationToken cancel) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await WriteAsync(desired, read, create, replace, cancel);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            // The resource RBAC names, from the model's own entity attribute (validatingwebhookconfigurations.admissionregistration.k8s.io).
            var resource = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>() is { } entity ? $"{entity.PluralName}.{entity.Group}" : desired.Kind;
            var grant = ApiErrors.IsForbidden(e) ? $"; grant get, create and update on {resource}" : "";
            throw new WebhookConfigurationException($"{desired.Kind} {desired.Metadata.Name}: {ApiErrors.Describe(e)}{grant}", e);
        }
    }

    private static async Task WriteAsync<T>(T desired, Func<CancellationToken, Task<T>> read, Func<CancellationToken, Task<T>> create,
        Func<CancellationToken, Task<T>> replace, CancellationToken cancel) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await ReadAsync(read, cancel);
                if (existing is null)
                {
                    await create(cancel);
                    return;
                }
                desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await replace(cancel);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
                // Someone else wrote it between our read and write (another replica starting): read again.
            }
        }
    }

    private static async Task<T?> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancel) where T : class
    {
        try
        {
            return await read(cancel);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

/// <summary>A webhook configuration could not be written: its kind and name, and what the API server answered.</summary>
public sealed class WebhookConfigurationException(string message, Exception inner) : Exception(message, inner);
