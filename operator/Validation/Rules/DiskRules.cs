using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Warnings about cloud disks (docs/jdcloud-api.md, createPods rules, items 82, 88 and 93;
/// docs/jdcloud-api.md, Readings, 1).</summary>
internal static class DiskRules
{
    private const string ProvisionedIops = "ssd.io1";

    /// <summary>The storage-limits page's data volume limit, still enforced by some older regions.</summary>
    private const int OlderRegionMaxSizeGB = 2000;

    private static readonly long MaxSizeGB = IntegerRules.RangeOf(typeof(JDCloudVolumeSourceSpec), nameof(JDCloudVolumeSourceSpec.SizeGB)).Max;

    public static void WarnIopsWithoutIo1(CloudDiskFields disk, ValidationContext context)
    {
        if (disk.Iops is null || disk.DiskType == ProvisionedIops) return;
        context.Warn("iops", $"has an effect only for diskType {ProvisionedIops} (diskType is {(disk.DiskType is null ? "not set" : FieldViolation.Truncate(disk.DiskType))})");
    }

    public static void WarnSizeAboveOlderRegionLimit(JDCloudVolumeSourceSpec disk, ValidationContext context)
    {
        if (disk.SizeGB > OlderRegionMaxSizeGB && disk.SizeGB <= MaxSizeGB)
        {
            context.Warn("sizeGB", $"{disk.SizeGB} GB is above {OlderRegionMaxSizeGB} GB, which some older regions refuse (createPods allows up to {MaxSizeGB} GB)");
        }
    }
}
