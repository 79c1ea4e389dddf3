using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.World;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Pods;

/// <summary>Disks: existing ones free and in the pod's zone (item 127); local system disks only after a support ticket.</summary>
internal sealed partial record PodPlacement
{
    private static List<Disk> ResolveDisks(RegionWorld region, PodSpec spec, int maxCount, bool strictWorld, List<FieldViolation> violations)
    {
        var references = (spec.Containers ?? []).Select((c, i) => (Id: c?.SystemDisk?.VolumeId, Field: $"podSpec.containers[{i}].systemDisk.volumeId"))
            .Concat((spec.Volumes ?? []).Select((v, i) => (Id: v?.JdcloudDisk?.VolumeId, Field: $"podSpec.volumes[{i}].jdcloudDisk.volumeId")))
            .Where(r => r.Id is not null);
        var disks = new List<Disk>();
        foreach (var (id, field) in references)
        {
            var disk = region.Disks.GetValueOrDefault(id!)
                ?? (!strictWorld && spec.Az is { } az && id!.StartsWith("vol-", StringComparison.Ordinal) ? region.AddDisk(id, az) : null);
            var problem = disk switch
            {
                null => $"no such disk in region {region.RegionId}",
                { AttachedTo: { } pod } => $"is in use by pod {pod}",
                _ when disk.Az != spec.Az => $"is in zone {disk.Az}, the pod in {spec.Az}; a disk must be in the pod's zone",
                _ when disks.Contains(disk) => "is used twice in this pod",
                _ when maxCount > 1 => "an existing disk can serve one pod only, so maxCount must be 1",
                _ => null,
            };
            if (problem is null) disks.Add(disk!);
            else violations.Add(new(field, ViolationKind.Invalid, id, problem));
        }
        return disks;
    }
}
