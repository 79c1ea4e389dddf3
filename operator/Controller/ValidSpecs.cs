using System.Collections.Concurrent;
using JdCloudPodOperator.Cmdb;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.KubernetesApi;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Controller;

/// <summary>
/// The validator's verdict on each resource's spec, remembered for its generation: a pass over a generation already
/// found valid (every poll while it converges and once settled) does not write the spec as JSON and run every rule
/// again. The rules read the spec, the namespace and the CMDB settings: a new generation or uid, or new settings,
/// validates again. Only valid verdicts are kept (an invalid spec waits for a new generation anyway), one per resource,
/// dropped when the resource is gone, so the memory is bounded by the resources managed.
/// </summary>
public sealed class ValidSpecs
{
    private readonly ConcurrentDictionary<NamespacedName, Verdict> _valid = new();

    private sealed record Verdict(string Uid, long Generation, CmdbOptions Settings);

    /// <summary>The violations of <paramref name="resource"/> under <paramref name="settings"/>; none when remembered valid.</summary>
    public IReadOnlyList<FieldViolation> Violations(JdCloudPod resource, CmdbOptions settings)
    {
        var key = NamespacedName.Of(resource);
        var metadata = resource.Metadata;
        if (_valid.TryGetValue(key, out var known) && known.Generation == metadata.Generation && known.Uid == metadata.Uid
            && ReferenceEquals(known.Settings, settings))
            return [];
        var violations = JdCloudPodValidator.Validate(resource, settings.Defaults, settings.Businesses).Violations;
        if (violations.Count == 0 && metadata is { Uid: { } uid, Generation: { } generation })
            _valid[key] = new Verdict(uid, generation, settings);
        else
            _valid.TryRemove(key, out _);
        return violations;
    }

    /// <summary>The resource is gone.</summary>
    public void Forget(NamespacedName key) => _valid.TryRemove(key, out _);
}
