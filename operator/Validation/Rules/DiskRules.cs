using System.Text.Json;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Warnings about cloud disks (docs/jdcloud-api.md, createPods rules, items 82, 88 and 93;
/// docs/jdcloud-api.md, Readings, 1).</summary>
internal static class DiskRules
{
    private const string ProvisionedIops = "ssd.io1";

    /// <summary>The storage-limits page's data volume limit, still enforced by some older regions.</summary>
    private const int OlderRegionMaxSizeGB = 2000;

    private static readonly long MaxSizeGB = IntegerRules.RangeOf(typeof(JDCloudVolumeSourceSpec), nameof(JDCloudVolumeSourceSpec.SizeGB)).Max;

    private static ReadOnlySpan<byte> DiskType => "diskType"u8;

    /// <summary>Any cloud disk (<see cref="CloudDiskFields"/>): a system disk or a data volume.</summary>
    public static void WarnIopsWithoutIo1(TreeElement disk, ValidationContext context)
    {
        if (!Has(disk, "iops"u8) || Is(disk, DiskType, ProvisionedIops)) return;
        context.Warn("iops", $"has an effect only for diskType {ProvisionedIops} (diskType is {(String(disk, DiskType) is { } type ? FieldViolation.Truncate(type) : "not set")})");
    }

    public static void WarnSizeAboveOlderRegionLimit(TreeElement disk, ValidationContext context)
    {
        if (Integer(disk, "sizeGB"u8) is { } size && size > OlderRegionMaxSizeGB && size <= MaxSizeGB)
        {
            context.Warn("sizeGB", $"{size} GB is above {OlderRegionMaxSizeGB} GB, which some older regions refuse (createPods allows up to {MaxSizeGB} GB)");
        }
    }
}
