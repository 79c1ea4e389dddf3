using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;
using JdCloudPodOperator.Validation.Rules;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// The one validator of JdCloudPod resources, called by the admission webhook, the `validate` command and the
/// controller (the JD Cloud simulator runs its rules on createPods bodies). It reports every violation at once, with
/// Kubernetes-style field paths, and never throws on malformed input.
/// </summary>
public static class JdCloudPodValidator
{
    /// <summary>
    /// All violations and warnings of a resource (CREATE, or the object the controller is about to act on).
    /// <paramref name="cmdbDefaults"/> is the operator's Cmdb:Defaults: spec.cmdb fields it supplies are not required.
    /// <paramref name="businesses"/>, the operator's namespace-to-business map, limits where the resource's
    /// namespace may register (null: no such limit, e.g. `validate` in a pipeline that does not know the map).
    /// </summary>
    public static ValidationResult Validate(JdCloudPod? pod, CmdbSpec? cmdbDefaults = null, CmdbBusinessMap? businesses = null)
    {
        var context = ValidationContext.Rent(pod?.Spec?.MaxCount ?? 1, pod?.Spec?.PodSpec);
        Check(pod, context, cmdbDefaults, businesses);
        return context.Finish();
    }

    /// <summary>
    /// An UPDATE: everything <see cref="Validate"/> reports for <paramref name="updated"/>, plus the transition
    /// rules: regionId never changes, and podSpec (except description) stays fixed once <paramref name="old"/> has pods.
    /// </summary>
    public static ValidationResult ValidateUpdate(JdCloudPod? old, JdCloudPod? updated, CmdbSpec? cmdbDefaults = null,
        CmdbBusinessMap? businesses = null)
    {
        var context = ValidationContext.Rent(updated?.Spec?.MaxCount ?? 1, updated?.Spec?.PodSpec);
        Check(updated, context, cmdbDefaults, businesses);
        if (old?.Spec is { } before && updated?.Spec is { } after) UpdateRules.Check(before, old.Status, after, context);
        return context.Finish();
    }

    private static void Check(JdCloudPod? pod, ValidationContext context, CmdbSpec? cmdbDefaults, CmdbBusinessMap? businesses)
    {
        if (pod?.Spec is not { } spec)
        {
            context.Add(ViolationKind.Required, "spec", null, "");
            return;
        }
        context.Push("spec");
        TypeRules<JdCloudPodSpec>.Check(spec, context);
        context.Pop();
        if (spec.Cmdb is { } cmdb) CheckCmdb(cmdb, cmdbDefaults, context);
        if (spec.Cmdb is { } registered && businesses is not null) CheckBusiness(pod.Metadata?.NamespaceProperty, registered, cmdbDefaults, businesses, context);
    }

    /// <summary>
    /// CMDB's own rules once the operator's defaults are applied (what is required when enabled). A value the
    /// spec sets out of range was already reported by the type rules at the same path, so it is not repeated.
    /// </summary>
    private static void CheckCmdb(CmdbSpec cmdb, CmdbSpec? defaults, ValidationContext context)
    {
        foreach (var (path, message, kind) in CmdbRules.Check(cmdb, defaults))
        {
            if (!context.HasViolationAt(path)) context.Add(kind, path, null, message);
        }
    }

    /// <summary>The platform team's limit on where this namespace registers (spec.cmdb.bizId, spec.cmdb.workload).</summary>
    private static void CheckBusiness(string? ns, CmdbSpec cmdb, CmdbSpec? defaults, CmdbBusinessMap businesses, ValidationContext context)
    {
        foreach (var (path, message) in businesses.Check(ns, CmdbSpecDefaults.Apply(cmdb, defaults), defaults?.BizId))
        {
            if (!context.HasViolationAt(path)) context.Add(ViolationKind.Forbidden, path, null, message);
        }
    }
}
