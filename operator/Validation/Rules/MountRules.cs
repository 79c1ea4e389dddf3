using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Volume mounts (docs/jdcloud-api.md, createPods rules, items 68-72). The mountPath pattern already rejects
/// relative paths and '/'.</summary>
internal static class MountRules
{
    public static void NamesAVolume(VolumeMountSpec mount, ValidationContext context)
    {
        if (mount.Name is { Length: > 0 } name && !context.PodHasVolume(name))
        {
            context.Add(ViolationKind.NotFound, "name", name, "must be the name of one of podSpec.volumes");
        }
    }

    /// <summary>The SDK describes subPath as the sub-directory of a configFile volume.</summary>
    public static void WarnSubPathOutsideConfigFile(VolumeMountSpec mount, ValidationContext context)
    {
        if (mount.SubPath is null || mount.Name is null || context.FindVolume(mount.Name) is not { ConfigFile: null } volume) return;
        context.Warn("subPath", $"applies to configFile volumes; volume {FieldViolation.Truncate(volume.Name!)} is not one");
    }

    /// <summary>
    /// Within a container, mount paths (compared without trailing '/') neither repeat nor lie inside each other.
    /// Exact repeats are the volumeMounts list map's Duplicate already, so only '/data' against '/data/' is added.
    /// </summary>
    public static void PathsUniqueAndNotNested(ContainerSpec container, ValidationContext context)
    {
        var mounts = container.VolumeMounts;
        if (mounts is null || mounts.Count < 2) return;
        var seen = context.RentKeys();
        context.Push("volumeMounts");
        for (var i = 0; i < mounts.Count; i++)
        {
            if (Normalized(mounts[i]?.MountPath) is not { } path) continue;
            if (seen.TryGetValue(path, out var first))
            {
                if (mounts[first].MountPath != mounts[i].MountPath)
                {
                    Report(i, ViolationKind.Duplicate, mounts[i].MountPath!, "mount paths must be unique within the container (trailing '/' ignored)", context);
                }
                continue;
            }
            seen.Add(path, i);
        }
        ReportNested(mounts, seen, context);
        context.Pop();
        context.ReturnKeys(seen);
    }

    /// <summary>A path with an ancestor among the others is nested; each ancestor is looked up, not each pair.</summary>
    private static void ReportNested(List<VolumeMountSpec> mounts, Dictionary<string, int> paths, ValidationContext context)
    {
        var lookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (path, index) in paths)
        {
            for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                if (!lookup.TryGetValue(path.AsSpan(0, slash), out var outer)) continue;
                Report(index, ViolationKind.Invalid, mounts[index].MountPath!,
                    $"must not be nested inside another mount of the container (volumeMounts[{outer}].mountPath \"{FieldViolation.Truncate(mounts[outer].MountPath!)}\")", context);
                break;
            }
        }
    }

    /// <summary>The path without trailing slashes; null for values the mountPath pattern rejects anyway.</summary>
    private static string? Normalized(string? path)
    {
        if (path is null || !path.StartsWith('/')) return null;
        var trimmed = path.AsSpan().TrimEnd('/');
        if (trimmed.IsEmpty) return null;
        return trimmed.Length == path.Length ? path : trimmed.ToString();
    }

    private static void Report(int index, ViolationKind kind, string value, string detail, ValidationContext context)
    {
        context.PushIndex(index);
        context.Add(kind, "mountPath", value, detail);
        context.Pop();
    }
}
