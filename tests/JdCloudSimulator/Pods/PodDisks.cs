using JdCloudPodOperator.Entities;

namespace JdCloudSimulator.Pods;

/// <summary>
/// The volume IDs of one pod's cloud disks: the system disk of each container (by container name) and the disk of
/// each <c>jdcloudDisk</c> volume (by volume name). An existing disk keeps the ID the spec names; a new one gets its
/// own, once, so every describe of the pod shows the same ID (docs/jdcloud-api.md, Models).
/// </summary>
internal sealed record PodDisks(IReadOnlyDictionary<string, string> SystemDisks, IReadOnlyDictionary<string, string> DataDisks)
{
    public static readonly PodDisks None = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>Names and IDs are read from a spec the validator passed: names are unique, disks present.</summary>
    public static PodDisks For(PodSpec spec, Func<string> newVolumeId) => new(
        (spec.Containers ?? []).Where(c => c.SystemDisk is not null)
            .ToDictionary(c => c.Name!, c => c.SystemDisk!.VolumeId ?? newVolumeId()),
        (spec.Volumes ?? []).Where(v => v.JdcloudDisk is not null)
            .ToDictionary(v => v.Name!, v => v.JdcloudDisk!.VolumeId ?? newVolumeId()));
}
