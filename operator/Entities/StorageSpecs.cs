using System.ComponentModel;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Entities;

[Description("A container's system disk (a cloud disk mounted at '/').")]
public sealed class CloudDiskSpec : CloudDiskFields
{
    [OneOf("cloud")]
    [Description("Disk category: cloud only (the default; createPods takes cloud system disks only).")]
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

[Description("A volume of the pod: exactly one of a cloud disk, a CFS file system, a config file or an emptyDir.")]
[ExactlyOneOf("volume source", "jdcloudDisk", "cfs", "configFile", "emptyDir")]
public sealed class VolumeSpec
{
    [Required, Length(1, 63), Pattern(Patterns.Dns1123Label, Patterns.Dns1123LabelMeaning)]
    [Description("Volume name: a DNS-1123 label (1-63 characters), unique within the pod.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Description("A cloud disk.")]
    [JsonPropertyName("jdcloudDisk")] public JDCloudVolumeSourceSpec? JdcloudDisk { get; set; }

    [Description("A CFS (cloud file system) mount target.")]
    [JsonPropertyName("cfs")] public CFSVolumeSourceSpec? Cfs { get; set; }

    [Description("A config file (createConfigFile) whose keys become files.")]
    [JsonPropertyName("configFile")] public ConfigFileVolumeSourceSpec? ConfigFile { get; set; }

    [Description("A scratch directory that lives as long as the pod.")]
    [JsonPropertyName("emptyDir")] public EmptyDirVolumeSourceSpec? EmptyDir { get; set; }
}

[Description("A CFS file system.")]
public sealed class CFSVolumeSourceSpec
{
    [Required, Length(1, 64)]
    [Description("ID of the CFS mount target (shared directory).")]
    [JsonPropertyName("mountTargetId")] public string? MountTargetId { get; set; }

    [Length(1, 1024)]
    [Description("Sub-directory of the file system to mount.")]
    [JsonPropertyName("path")] public string? Path { get; set; }
}

[Description("A config file mounted as a directory of files.")]
public sealed class ConfigFileVolumeSourceSpec
{
    [Required, Length(1, 63), Pattern(Patterns.Dns1123Label, Patterns.Dns1123LabelMeaning)]
    [Description("Name of the config file: lower-case letters, digits and '-', at most 63 characters.")]
    [JsonPropertyName("name")] public string? Name { get; set; }

    [Description("Default permission of the files, for example 0644.")]
    [JsonPropertyName("defaultMode")] public string? DefaultMode { get; set; }

    [Description("Which keys of the config file become which files; all keys when absent.")]
    [JsonPropertyName("fileToPath")] public List<ConfigFileToPathSpec>? FileToPath { get; set; }
}

[Description("One key of a config file and the file it becomes.")]
public sealed class ConfigFileToPathSpec
{
    [Required]
    [Description("Key of the config file.")]
    [JsonPropertyName("key")] public string? Key { get; set; }

    [Description("Path of the file, relative to the mount.")]
    [JsonPropertyName("path")] public string? Path { get; set; }

    [Description("Permission of the file.")]
    [JsonPropertyName("mode")] public string? Mode { get; set; }
}

[Description("An emptyDir volume.")]
public sealed class EmptyDirVolumeSourceSpec
{
    [Range(10, 1024)]
    [Description("Size in MB: 10-1024.")]
    [JsonPropertyName("sizeMB")] public int? SizeMB { get; set; }
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
