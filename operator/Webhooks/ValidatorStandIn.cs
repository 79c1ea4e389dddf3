using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Validation;

// TEMPORARY: the shape the validator branch is expected to provide; deleted when `validator` is merged.
public sealed record ValidationResult(IReadOnlyList<FieldViolation> Violations, IReadOnlyList<string> Warnings);

public static class JdCloudPodValidator
{
    public static ValidationResult Validate(JdCloudPod pod)
    {
        var violations = new List<FieldViolation>();
        var nic = pod.Spec.PodSpec?.PrimaryNetworkInterface?.NetworkInterface;
        if ((pod.Spec.MaxCount ?? 1) != 1 && nic?.PrimaryIpAddress is { } ip)
            violations.Add(new("spec.podSpec.primaryNetworkInterface.networkInterface.primaryIpAddress", ViolationKind.Forbidden, ip, "may be set only when maxCount is 1"));
        var volumes = pod.Spec.PodSpec?.Volumes?.Select(v => v.Name).ToHashSet() ?? [];
        var containers = pod.Spec.PodSpec?.Containers ?? [];
        for (var c = 0; c < containers.Count; c++)
        {
            var mounts = containers[c].VolumeMounts ?? [];
            for (var m = 0; m < mounts.Count; m++)
                if (!volumes.Contains(mounts[m].Name))
                    violations.Add(new($"spec.podSpec.containers[{c}].volumeMounts[{m}].name", ViolationKind.NotSupported, mounts[m].Name, "must name one of spec.podSpec.volumes[].name"));
        }
        var warnings = nic?.Az is not null ? new[] { "spec.podSpec.primaryNetworkInterface.networkInterface.az: has no effect" } : [];
        return new ValidationResult(violations, warnings);
    }

    public static ValidationResult ValidateUpdate(JdCloudPod old, JdCloudPod updated)
    {
        var created = Validate(updated);
        var violations = created.Violations.ToList();
        if (old.Spec.RegionId != updated.Spec.RegionId)
            violations.Add(new("spec.regionId", ViolationKind.Invalid, updated.Spec.RegionId, "field is immutable"));
        if (old.Status?.PodIds is { Count: > 0 } && WithoutDescription(old) != WithoutDescription(updated))
            violations.Add(new("spec.podSpec", ViolationKind.Forbidden, null, "podSpec is immutable once pods exist, except description"));
        return new ValidationResult(violations, created.Warnings);
    }

    private static string WithoutDescription(JdCloudPod pod)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(pod.Spec.PodSpec ?? new PodSpec()))!.AsObject();
        node.Remove("description");
        return node.ToJsonString();
    }
}
