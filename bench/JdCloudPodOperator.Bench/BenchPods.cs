using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Manifests;
using k8s;

namespace JdCloudPodOperator.Bench;

/// <summary>
/// The two pods every figure uses: config/samples/valid/minimal.yaml as is, and the largest valid pod, built from
/// config/samples/valid/full.yaml (every optional field) with every list at its documented maximum (8 containers,
/// 7 volumes, 100 env entries per container). Both must pass the validator, or the benchmark stops.
/// </summary>
public static class BenchPods
{
    public static JdCloudPod Minimal(string root) => Checked(Sample(root, "minimal.yaml"));

    public static JdCloudPod Largest(string root)
    {
        var pod = Sample(root, "full.yaml");
        var spec = pod.Spec.PodSpec!;
        // Explicit IPs pin maxCount to 1; the rest of the sample stays as it is.
        spec.HostAliases = [.. Enumerable.Range(0, 10).Select(h => new HostAliasSpec
        {
            Ip = $"10.0.1.{h + 100}", Hostnames = [.. Enumerable.Range(0, 10).Select(n => $"host-{h}-{n}.local")],
        })];
        var disk = spec.Volumes![0].JdcloudDisk!;
        spec.Volumes = [.. Enumerable.Range(0, 7).Select(v => new VolumeSpec { Name = $"data-{v}", JdcloudDisk = Clone(disk) })];
        foreach (var (volume, v) in spec.Volumes.Select((volume, v) => (volume, v))) volume.JdcloudDisk!.Name = $"shop-data-{v}";
        var template = spec.Containers![0];
        spec.Containers = [.. Enumerable.Range(0, 8).Select(c =>
        {
            var container = Clone(template);
            container.Name = $"container-{c}";
            container.SystemDisk!.Name = $"root-{c}";
            container.Env = [.. Enumerable.Range(0, 100).Select(e => new EnvSpec { Name = $"VARIABLE_{e}", Value = $"value-{e}" })];
            container.Args = [.. Enumerable.Range(0, 40).Select(a => $"--option-{a}=value")];
            container.VolumeMounts = [.. Enumerable.Range(0, 7).Select(v => new VolumeMountSpec { Name = $"data-{v}", MountPath = $"/mnt/data-{v}" })];
            return container;
        })];
        spec.DnsConfig!.Nameservers = [.. Enumerable.Range(1, 20).Select(n => $"10.0.2.{n}")];
        spec.DnsConfig.Options = [.. Enumerable.Range(0, 10).Select(o => new PodDnsConfigOptionSpec { Name = $"option-{o}" })];
        return Checked(pod);
    }

    /// <summary>A copy with its own names (resource and cloud pod), for the reconcile runs.</summary>
    public static JdCloudPod Named(JdCloudPod pod, string name, string @namespace)
    {
        var copy = Clone(pod);
        copy.Metadata = new() { Name = name, NamespaceProperty = @namespace };
        copy.Spec.PodSpec!.Name = name;
        return copy;
    }

    public static T Clone<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));

    /// <summary>
    /// An AdmissionReview v1 CREATE request for <paramref name="pod"/>, as the API server sends it: its encoder writes
    /// non-ASCII text (the sample's Chinese tags) as UTF-8, not as \u escapes.
    /// </summary>
    public static byte[] AdmissionReview(JdCloudPod pod)
    {
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = "705ab4f5-6393-11e8-b7cc-42010a800002",
                ["kind"] = new JsonObject { ["group"] = JdCloudPod.Group, ["version"] = JdCloudPod.Version, ["kind"] = JdCloudPod.EntityKind },
                ["resource"] = new JsonObject { ["group"] = JdCloudPod.Group, ["version"] = JdCloudPod.Version, ["resource"] = "jdcloudpods" },
                ["name"] = pod.Metadata.Name,
                ["namespace"] = "default",
                ["operation"] = "CREATE",
                ["userInfo"] = new JsonObject { ["username"] = "admin", ["groups"] = new JsonArray("system:masters", "system:authenticated") },
                ["object"] = JsonNode.Parse(KubernetesJson.Serialize(pod)),
                ["oldObject"] = null,
                ["dryRun"] = false,
                ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
            },
        };
        return System.Text.Encoding.UTF8.GetBytes(review.ToJsonString(new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static JdCloudPod Sample(string root, string file)
    {
        var text = File.ReadAllText(Path.Combine(root, "config", "samples", "valid", file));
        var node = YamlJson.ReadAll(text).Select(d => d.Root).Single(n => n?["kind"]?.GetValue<string>() == JdCloudPod.EntityKind);
        var pod = KubernetesJson.Deserialize<JdCloudPod>(node!.ToJsonString());
        pod.ApiVersion = JdCloudPod.ApiVersionString;
        pod.Kind = JdCloudPod.EntityKind;
        return pod;
    }

    private static JdCloudPod Checked(JdCloudPod pod)
    {
        var violations = JdCloudPodValidator.Validate(pod).Violations;
        if (violations.Count > 0)
            throw new InvalidOperationException($"benchmark pod {pod.Metadata.Name} is not valid: {string.Join("; ", violations)}");
        return pod;
    }
}
