using System.Text.Json.Serialization;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Runtime;

/// <summary>
/// A custom resource of the tests' own, whose CRD the tests may change freely (the JdCloudPod CRD is shared by
/// other tests). Changing a CRD makes the API server rebuild that resource's storage and watch cache.
/// </summary>
[KubernetesEntity(Group = Group, ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "runtime.test.jdcloudpod.io";
    private const string CrdName = "widgets." + Group;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _installed;

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = Group + "/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "Widget";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public Dictionary<string, string>? Spec { get; set; }

    public static async Task EnsureCrdAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_installed) return;
            await KubectlAsync(Crd, "apply", "-f", "-");
            await KubectlAsync(null, "wait", "--for=condition=Established", "crd/" + CrdName, "--timeout=60s");
            _installed = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Changes the CRD (a new printer column), as an operator upgrade does: the API server rebuilds the resource's
    /// storage, so its watch cache starts at the current resourceVersion and every earlier one is "too old" (410).
    /// </summary>
    public static Task ChangeCrdAsync() =>
        KubectlAsync(null, "patch", "crd", CrdName, "--type", "json", "-p",
            $$"""[{"op":"add","path":"/spec/versions/0/additionalPrinterColumns","value":[{"name":"C{{Guid.NewGuid():N}}","type":"string","jsonPath":".spec.v"}]}]""");

    public static Task<Widget> CreateAsync(IKubernetes client, string ns, string name, string value = "1") =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<Widget>(
            new Widget { Metadata = new V1ObjectMeta { Name = name }, Spec = new() { ["v"] = value } }, Group, "v1", ns, "widgets");

    public static Task SetAsync(IKubernetes client, string ns, string name, string value) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch($$$"""{"spec":{"v":"{{{value}}}"}}""", V1Patch.PatchType.MergePatch),
            Group, "v1", ns, "widgets", name);

    public static Task DeleteAsync(IKubernetes client, string ns, string name) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, "v1", ns, "widgets", name);

    public static async Task<IReadOnlyDictionary<string, string>> VersionsAsync(IKubernetes client, string ns) =>
        (await new JdCloudPodOperator.KubernetesApi.EntityClient<Widget>(client).ListAsync(ns)).Items.ToDictionary(w => w.Metadata.Name, w => w.Metadata.ResourceVersion);

    private static async Task KubectlAsync(string? stdin, params string[] args)
    {
        var result = await ControlPlane.Shared.KubectlAsync(stdin, args);
        if (result.ExitCode != 0) throw new InvalidOperationException($"kubectl {string.Join(' ', args)}:\n{result.Output}");
    }

    private const string Crd = $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: {{CrdName}}}
        spec:
          group: {{Group}}
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    additionalProperties: {type: string}
        """;
}
