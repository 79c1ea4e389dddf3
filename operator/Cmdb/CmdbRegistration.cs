using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Cmdb;

/// <summary>
/// A running pod as the controller knows it: what CMDB records besides the spec's ids. <see cref="CloudPodId"/>
/// becomes the owner label (<see cref="CmdbOwnership"/>).
/// </summary>
public sealed record CmdbPodInstance(string CloudPodId, string Name, IReadOnlyList<string> Ips, IReadOnlyList<CmdbContainer> Containers);

/// <summary>The pods of one resource to register under one business. <see cref="Resource"/> is e.g. "namespace/name".</summary>
public sealed record CmdbRegistration(string Resource, long BizId, IReadOnlyList<CmdbPod> Pods)
{
    /// <summary>
    /// Builds the registration from a resource's spec.cmdb and the operator's defaults. The spec must pass
    /// <see cref="CmdbRules.Check"/>; the pods are then checked with <see cref="CmdbRules.CheckPod"/>.
    /// </summary>
    public static CmdbRegistration Create(string resource, CmdbSpec spec, CmdbSpec? defaults, IEnumerable<CmdbPodInstance> pods)
    {
        var violations = CmdbRules.Check(spec, defaults);
        if (violations.Count > 0) throw new ArgumentException(Describe(resource, violations.Select(v => (v.FieldPath, v.Message))), nameof(spec));
        var s = CmdbSpecDefaults.Apply(spec, defaults);
        var podSpec = new CmdbPodSpec(s.ClusterId!.Value, s.NamespaceId!.Value, s.NodeId!.Value,
            new WorkloadRef(s.Workload!.Kind!, s.Workload.Id!.Value));
        var built = pods.Select(p => new CmdbPod
        {
            Spec = podSpec, HostId = s.HostId!.Value, Name = p.Name, Operator = s.Operators!, Labels = WithOwner(s.Labels, p.CloudPodId),
            Ip = p.Ips.FirstOrDefault(), Ips = p.Ips.Select(ip => new PodIp(ip)).ToList(), Containers = p.Containers,
        }).ToList();
        var podViolations = built.SelectMany((p, i) => CmdbRules.CheckPod(p, $"pods[{i}]")).ToList();
        if (podViolations.Count > 0) throw new ArgumentException(Describe(resource, podViolations), nameof(pods));
        return new CmdbRegistration(resource, s.BizId!.Value, built);
    }

    private static Dictionary<string, string> WithOwner(Dictionary<string, string>? labels, string cloudPodId) =>
        new(labels ?? []) { [CmdbOwnership.Label] = cloudPodId };

    private static string Describe(string resource, IEnumerable<(string FieldPath, string Message)> violations) =>
        $"{resource}: " + string.Join("; ", violations.Select(v => $"{v.FieldPath}: {v.Message}"));
}

/// <summary>One pod's outcome: its CMDB id, or the server's error for this pod alone.</summary>
public sealed record CmdbPodResult(string Name, long? PodId, CmdbError? Error)
{
    public bool Registered => PodId is not null;
}

/// <summary>A resource's outcome, pods in the order they were given.</summary>
public sealed record CmdbRegistrationResult(string Resource, IReadOnlyList<CmdbPodResult> Pods)
{
    public bool AllRegistered => Pods.All(p => p.Registered);

    /// <summary>Worth another attempt later: every failure is transient (rate limit, timeout, CMDB busy).</summary>
    public bool Retryable => !AllRegistered && Pods.Where(p => !p.Registered).All(p => p.Error?.IsTransient ?? true);

    /// <summary>One line for a condition message: the count, then each failed pod with the server's error.</summary>
    public string Describe() => AllRegistered
        ? $"{Pods.Count} pod(s) registered in CMDB"
        : $"{Pods.Count(p => p.Registered)}/{Pods.Count} pod(s) registered in CMDB; "
          + string.Join("; ", Pods.Where(p => !p.Registered).Select(p => $"{p.Name}: {p.Error}"));
}

/// <summary>
/// What to remove for a resource: the natural key of each of its pods and the cloud pod it stands for. Records are
/// found by listing (so one whose id never reached the status is removed too) and deleted only when labelled for
/// that cloud pod (<see cref="CmdbOwnership"/>).
/// </summary>
public sealed record CmdbDeregistration(string Resource, long BizId, IReadOnlyList<CmdbPodClaim> Pods)
{
    public static CmdbDeregistration For(CmdbRegistration registration) =>
        new(registration.Resource, registration.BizId, registration.Pods.Select(p => new CmdbPodClaim(p.Key, CmdbOwnership.OwnerOf(p) ?? "")).ToList());
}

/// <summary>A pod's CMDB key and the JD Cloud pod ID its record must be labelled with to be this resource's.</summary>
public sealed record CmdbPodClaim(CmdbPodKey Key, string CloudPodId);

/// <summary>
/// Deregistration outcome: the ids deleted (or already absent), or the error that stopped it; and the ids found
/// under the same keys but left alone because someone else registered them.
/// </summary>
public sealed record CmdbDeregistrationResult(string Resource, IReadOnlyList<long> DeletedIds, CmdbError? Error, IReadOnlyList<long>? ForeignIds = null)
{
    public bool Succeeded => Error is null;

    /// <summary>"; left CMDB ids ... alone (...)" for an Event, or "" when there were none.</summary>
    public string ForeignText => ForeignIds is { Count: > 0 } ids
        ? $"; left CMDB id(s) {string.Join(", ", ids)} alone: same name, not registered by this operator for these pods"
        : "";
}
