using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Cmdb;

/// <summary>Fills the fields a resource's spec.cmdb leaves out from the operator's Cmdb:Defaults.</summary>
public static class CmdbSpecDefaults
{
    /// <summary>Each field the spec sets wins; labels are merged key by key, the spec's value winning.</summary>
    public static CmdbSpec Apply(CmdbSpec spec, CmdbSpec? defaults)
    {
        if (defaults is null) return spec;
        return new CmdbSpec
        {
            Enabled = spec.Enabled,
            BizId = spec.BizId ?? defaults.BizId,
            ClusterId = spec.ClusterId ?? defaults.ClusterId,
            NamespaceId = spec.NamespaceId ?? defaults.NamespaceId,
            NodeId = spec.NodeId ?? defaults.NodeId,
            HostId = spec.HostId ?? defaults.HostId,
            Workload = new CmdbWorkloadReference
            {
                Kind = spec.Workload?.Kind ?? defaults.Workload?.Kind,
                Id = spec.Workload?.Id ?? defaults.Workload?.Id,
            },
            Operators = spec.Operators ?? defaults.Operators,
            Labels = MergeLabels(defaults.Labels, spec.Labels),
        };
    }

    private static Dictionary<string, string>? MergeLabels(Dictionary<string, string>? defaults, Dictionary<string, string>? spec)
    {
        if (defaults is null || spec is null) return spec ?? defaults;
        var merged = new Dictionary<string, string>(defaults);
        foreach (var (key, value) in spec) merged[key] = value;
        return merged;
    }
}
