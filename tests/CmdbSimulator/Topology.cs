namespace CmdbSimulator;

// The CMDB records a pod refers to; they must exist before pods can be created (docs/bkcmdb-api.md, Registration
// recipe, step 1).

public sealed record Cluster(long Id, long BizId, string Uid);

/// <summary>A namespace; <see cref="SharedWith"/> lists the businesses it is shared with (shared-cluster relation).</summary>
public sealed record KubeNamespace(long Id, long ClusterId, long BizId, string Name, IReadOnlyList<long>? SharedWith = null)
{
    public bool IsSharedWith(long bizId) => SharedWith?.Contains(bizId) ?? false;
}

public sealed record Node(long Id, long ClusterId, long BizId, string Name);

public sealed record Workload(string Kind, long Id, long NamespaceId, string Name);

/// <summary>Everything a test or a user seeds in one call to <c>POST /_sim/topology</c>.</summary>
public sealed record Topology(
    IReadOnlyList<Cluster>? Clusters = null,
    IReadOnlyList<KubeNamespace>? Namespaces = null,
    IReadOnlyList<Node>? Nodes = null,
    IReadOnlyList<Workload>? Workloads = null);
