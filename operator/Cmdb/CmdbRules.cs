using System.Reflection;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// CMDB's own field rules for batch_create_kube_pod (docs/bkcmdb-api.md, batch_create_kube_pod processing, step 2),
/// checked before anything is sent so a user sees the field path instead of a server error. Nothing here is stricter
/// than the server, except that ids must be positive (CMDB's ids come from sequences starting at 1).
/// </summary>
public static class CmdbRules
{
    /// <summary>Allowed <c>ref.kind</c> values, case-sensitive, as written once on the entity.</summary>
    public static readonly IReadOnlyList<string> WorkloadKinds =
        [.. typeof(CmdbWorkloadReference).GetProperty(nameof(CmdbWorkloadReference.Kind))!.GetCustomAttribute<OneOfAttribute>()!.Values.Cast<string>()];

    /// <summary>
    /// Violations of a resource's spec.cmdb once the operator's defaults are applied. Values that are set are always
    /// checked; missing ones only matter when registration is enabled.
    /// </summary>
    public static IReadOnlyList<(string FieldPath, string Message, ViolationKind Kind)> Check(CmdbSpec spec, CmdbSpec? defaults = null, string path = "spec.cmdb")
    {
        var resolved = CmdbSpecDefaults.Apply(spec, defaults);
        var violations = new List<(string, string, ViolationKind)>();
        void Id(long? value, string field, string what)
        {
            if (value is null && spec.Enabled)
                violations.Add(($"{path}.{field}", $"the CMDB {what} id, here or in operator configuration Cmdb:Defaults:{Pascal(field)}", ViolationKind.Required));
            else if (value is <= 0)
                violations.Add(($"{path}.{field}", $"must be a positive CMDB {what} id, got {value}", ViolationKind.Invalid));
        }
        Id(resolved.BizId, "bizId", "business");
        Id(resolved.ClusterId, "clusterId", "cluster");
        Id(resolved.NamespaceId, "namespaceId", "namespace");
        Id(resolved.NodeId, "nodeId", "node");
        Id(resolved.HostId, "hostId", "host");
        CheckWorkload(resolved.Workload, spec.Enabled, $"{path}.workload", violations);
        if (resolved.Operators is { Count: 0 } || (resolved.Operators is null && spec.Enabled))
            violations.Add(($"{path}.operators", "at least one user is required (CMDB: 'pod operator' unassigned), here or in Cmdb:Defaults:Operators", ViolationKind.Required));
        if (resolved.Labels?.ContainsKey(CmdbOwnership.Label) == true)
            violations.Add(($"{path}.labels[{CmdbOwnership.Label}]",
                "is set by the operator: the JD Cloud pod ID that proves a CMDB record is its own", ViolationKind.Forbidden));
        return violations;
    }

    /// <summary>Violations of one pod as it would be sent: name, and each container's name, container_uid, image.</summary>
    public static IReadOnlyList<(string FieldPath, string Message)> CheckPod(CmdbPod pod, string path = "pod")
    {
        var violations = new List<(string, string)>();
        if (string.IsNullOrEmpty(pod.Name)) violations.Add(($"{path}.name", "required (CMDB: 'pod name' unassigned)"));
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (container, i) in (pod.Containers ?? []).Select((c, i) => (c, i)))
        {
            var at = $"{path}.containers[{i}]";
            if (string.IsNullOrEmpty(container.Name)) violations.Add(($"{at}.name", "required (CMDB: 'container name' unassigned)"));
            if (string.IsNullOrEmpty(container.ContainerUid))
                violations.Add(($"{at}.container_uid", "required (CMDB: 'container_uid' the parameter is invalid or does not exist)"));
            else if (!uids.Add(container.ContainerUid))
                violations.Add(($"{at}.container_uid", $"'{container.ContainerUid}' is used by another container of this pod; it must be unique per pod"));
            if (container.Image is null) violations.Add(($"{at}.image", "must not be null; an empty string is accepted (CMDB: 'image' the parameter is invalid or does not exist)"));
        }
        return violations;
    }

    private static void CheckWorkload(CmdbWorkloadReference? workload, bool enabled, string path, List<(string, string, ViolationKind)> violations)
    {
        if (workload?.Kind is null && enabled)
            violations.Add(($"{path}.kind", "the CMDB workload kind, here or in Cmdb:Defaults:Workload:Kind", ViolationKind.Required));
        else if (workload?.Kind is { } kind && !WorkloadKinds.Contains(kind, StringComparer.Ordinal))
            violations.Add(($"{path}.kind", $"'{kind}' is not a CMDB workload kind; one of {string.Join(", ", WorkloadKinds)} (case-sensitive)", ViolationKind.NotSupported));
        if (workload?.Id is null && enabled)
            violations.Add(($"{path}.id", "the CMDB workload id, here or in Cmdb:Defaults:Workload:Id", ViolationKind.Required));
        else if (workload?.Id is <= 0)
            violations.Add(($"{path}.id", $"must be a positive CMDB workload id, got {workload.Id}", ViolationKind.Invalid));
    }

    private static string Pascal(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
