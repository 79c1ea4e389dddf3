using System.Net;
using System.Text;
using JdCloudPodOperator.Entities;
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

/// <summary>The ValidatingWebhookConfiguration that sends JdCloudPod CREATE and UPDATE requests to this operator.</summary>
public static class WebhookConfiguration
{
    public const string DefaultName = "jdcloudpod-operator";
    public const string WebhookName = "vjdcloudpod.jdcloudpod.io";

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
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "jdcloud-pod-operator" } },
        Webhooks =
        [
            new V1ValidatingWebhook
            {
                Name = WebhookName,
                ClientConfig = ClientConfig(target, caBundlePem),
                Rules =
                [
                    new V1RuleWithOperations
                    {
                        ApiGroups = [JdCloudPod.Group], ApiVersions = [JdCloudPod.Version],
                        Resources = [JdCloudPod.Plural], Operations = ["CREATE", "UPDATE"], Scope = "Namespaced",
                    },
                ],
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

    private static Admissionregistrationv1WebhookClientConfig ClientConfig(WebhookTarget target, string caBundlePem) => target switch
    {
        WebhookTarget.Url u => new() { Url = new Uri(u.BaseUrl, AdmissionWebhookEndpoint.Path).ToString(), CaBundle = Encoding.ASCII.GetBytes(caBundlePem) },
        WebhookTarget.Service s => new()
        {
            Service = new Admissionregistrationv1ServiceReference
            {
                Name = s.Name, NamespaceProperty = s.Namespace, Path = AdmissionWebhookEndpoint.Path, Port = s.Port,
            },
            CaBundle = Encoding.ASCII.GetBytes(caBundlePem),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>Creates the configuration, or replaces the existing one of the same name (retrying on a conflict).</summary>
    public static async Task ApplyAsync(IKubernetes client, V1ValidatingWebhookConfiguration desired, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await ReadAsync(client, desired.Metadata.Name, cancel);
                if (existing is null)
                {
                    await client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(desired, cancellationToken: cancel);
                    return;
                }
                desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await client.AdmissionregistrationV1.ReplaceValidatingWebhookConfigurationAsync(desired, desired.Metadata.Name, cancellationToken: cancel);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
                // Someone else wrote it between our read and write (another replica starting): read again.
            }
        }
    }

    private static async Task<V1ValidatingWebhookConfiguration?> ReadAsync(IKubernetes client, string name, CancellationToken cancel)
    {
        try
        {
            return await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name, cancellationToken: cancel);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
