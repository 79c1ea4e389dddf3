using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

[Description("A container's system disk (a cloud disk mounted at '/').")]
public sealed class CloudDiskSpec : CloudDiskFields
{
    [OneOf("cloud")]
    [Description("Disk category: only cloud. Optional.")]
    [JsonPropertyName("category")] public string? Category { get; set; }

    [Length(1, 64)]
    [Description("ID of an existing cloud disk to use.")]
    [JsonPropertyName("volumeId")] public string? VolumeId { get; set; }

    [Range(20, 100), MultipleOf(10)]
    [Description("Size in GB: 20-100, in steps of 10.")]
    [JsonPropertyName("sizeGB")] public int? SizeGB { get; set; }

    [OneOf("xfs", "ext4")]
    [Description("File system: xfs or ext4. A new disk without one is formatted as xfs.")]
    [JsonPropertyName("fsType")] public string? FsType { get; set; }
}

[Description("A data volume of the pod.")]
public sealed class VolumeSpec
{
    [Required, Length(1, 63), Pattern(Patterns.Dns1123Label, Patterns.Dns1123LabelMeaning)]
    [Description("Volume name: a DNS-1123 label (1-63 characters), unique within the pod.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Required]
    [Description("The cloud disk that backs the volume.")]
    [JsonPropertyName("jdcloudDisk")] public JDCloudVolumeSourceSpec? JdcloudDisk { get; set; }
}

[Description("A cloud disk used as a data volume: 20-4000 GB in steps of 10.")]
public sealed class JDCloudVolumeSourceSpec : CloudDiskFields
{
    [Length(1, 64)]
    [Description("ID of an existing cloud disk to use (it must be free and in the pod's zone).")]
    [JsonPropertyName("volumeId")] public string? VolumeId { get; set; }

    [Range(20, 4000), MultipleOf(10)]
    [Description("Size in GB: 20-4000, in steps of 10 (some older regions stop at 2000).")]
    [JsonPropertyName("sizeGB")] public int? SizeGB { get; set; }

    [Required, OneOf("xfs", "ext4")]
    [Description("File system: xfs or ext4 (required).")]
    [JsonPropertyName("fsType")] public string? FsType { get; set; }

    [Description("Format an existing disk with fsType. New disks are always formatted.")]
    [JsonPropertyName("formatVolume")] public bool? FormatVolume { get; set; }
}

/// <summary>
/// The fields createPods' two disk types (CloudDiskSpec, JDCloudVolumeSourceSpec) share with the same limits; each
/// type adds its own size range and file-system rule.
/// </summary>
public abstract class CloudDiskFields
{
    [Length(1, 128)]
    [Description("Disk name.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Length(1, 64)]
    [Description("Snapshot ID to create the disk from.")]
    [JsonPropertyName("snapshotId")] public string? SnapshotId { get; set; }

    [OneOf("hdd.std1", "ssd.gp1", "ssd.io1")]
    [Description("Disk type: hdd.std1, ssd.gp1 or ssd.io1.")]
    [JsonPropertyName("diskType")] public string? DiskType { get; set; }

    [Range(1, 1_000_000)]
    [Description("IOPS; only meaningful for ssd.io1.")]
    [JsonPropertyName("iops")] public int? Iops { get; set; }

    [Description("Delete the disk with the pod. Default true.")]
    [JsonPropertyName("autoDelete")] public bool? AutoDelete { get; set; }
}
