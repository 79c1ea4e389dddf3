using System.Text;
using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Validation.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Volume mounts (docs/jdcloud-api.md, createPods rules, items 68-72). The mountPath pattern already rejects
/// relative paths and '/' itself; nesting is compared as the CRD's rule compares it ('..' not resolved), so the webhook
/// and the API server agree.</summary>
internal static class MountRules
{
    private static ReadOnlySpan<byte> MountPath => "mountPath"u8;

    public static void NamesAVolume(TreeElement mount, ValidationContext context)
    {
        if (Property(mount, Name) is { ValueKind: JsonValueKind.String } name && !name.ValueEquals(""u8) && !context.PodHasVolume(name))
        {
            context.Add(ViolationKind.NotFound, "name", name.GetString(), "must be the name of one of podSpec.volumes");
        }
    }

    /// <summary>
    /// "不得挂载到根目录": no mount at '/', however written. The pattern rejects '/' and runs of it; a path whose '.'
    /// and '..' segments lead back to the root ("/.", "/a/..") is the root too.
    /// </summary>
    public static void NotAtTheRoot(TreeElement mount, ValidationContext context)
    {
        // Without a '.' (nearly every path) a name below the root is certain: the pattern wants a byte other than '/'.
        if (PathOf(mount) is not { } path || (!path.ValueIsEscaped && !path.ValueSpan.Contains((byte)'.'))) return;
        var text = context.Text(path);
        if (!text.StartsWith('/') || !text.ContainsAnyExcept('/') || Depth(text) > 0) return;
        context.Add(ViolationKind.Invalid, "mountPath", path.GetString(), "must not be the root directory: the path resolves to '/', where the system disk is mounted");
    }

    // How many directories below the root the path ends, reading '.' and '..' as the file system does.
    private static int Depth(ReadOnlySpan<char> path)
    {
        var depth = 0;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment is "" or ".") continue;
            depth = segment is ".." ? Math.Max(0, depth - 1) : depth + 1;
        }
        return depth;
    }

    /// <summary>The SDK describes subPath as the sub-directory of a configFile volume.</summary>
    public static void WarnSubPathOutsideConfigFile(TreeElement mount, ValidationContext context)
    {
        if (!Has(mount, "subPath"u8) || Property(mount, Name) is not { ValueKind: JsonValueKind.String } name ||
            context.FindVolume(name) is not { } volume || Has(volume, "configFile"u8)) return;
        context.Warn("subPath", $"applies to configFile volumes; volume {FieldViolation.Truncate(String(volume, Name)!)} is not one");
    }

    /// <summary>
    /// Within a container, mount paths (compared as the file system reads them: runs of '/' as one, none at the end)
    /// neither repeat nor lie inside each other. Exact repeats are the volumeMounts list map's Duplicate already, so
    /// only '/data' against '/data/' or '//data' is added.
    /// </summary>
    public static void PathsUniqueAndNotNested(TreeElement container, ValidationContext context)
    {
        if (!TryGetArray(container, "volumeMounts"u8, out var mounts) || mounts.GetArrayLength() < 2) return;
        var seen = context.RentKeys(mounts.GetArrayLength());
        context.Push("volumeMounts");
        var i = 0;
        foreach (var mount in mounts.EnumerateArray())
        {
            if (PathOf(mount) is { } path && Normalized(context.Text(path)) is var normalized && !normalized.IsEmpty &&
                !seen.TryAdd(normalized, i, out var first) && !PathOf(mounts[first])!.Value.ValueEquals(context.Text(path)))
            {
                Report(i, ViolationKind.Duplicate, path.GetString()!, "mount paths must be unique within the container (repeated and trailing '/' ignored)", context);
            }
            i++;
        }
        ReportNested(mounts, seen, context);
        context.Pop();
        context.ReturnKeys(seen);
    }

    /// <summary>A path with an ancestor among the others is nested; each ancestor is looked up, not each pair.</summary>
    private static void ReportNested(TreeElement mounts, TextKeys paths, ValidationContext context)
    {
        foreach (var (key, index) in paths)
        {
            var path = paths.Text(key);
            for (var slash = path.Slice(1).IndexOf('/') + 1; slash > 0; slash = NextSlash(path, slash))
            {
                if (!paths.TryGetValue(path[..slash], out var outer)) continue;
                Report(index, ViolationKind.Invalid, PathOf(mounts[index])!.Value.GetString()!,
                    $"must not be nested inside another mount of the container (volumeMounts[{outer}].mountPath \"{FieldViolation.Truncate(PathOf(mounts[outer])!.Value.GetString()!)}\")", context);
                break;
            }
        }
    }

    private static int NextSlash(ReadOnlySpan<char> path, int slash) => path[(slash + 1)..].IndexOf('/') is var next and >= 0 ? slash + 1 + next : -1;

    private static TreeElement? PathOf(TreeElement mount) => Property(mount, MountPath) is { ValueKind: JsonValueKind.String } path ? path : null;

    /// <summary>The path with each run of '/' as one and none at the end; empty for values the mountPath pattern rejects anyway.</summary>
    private static ReadOnlySpan<char> Normalized(ReadOnlySpan<char> path)
    {
        if (!path.StartsWith('/')) return [];
        path = path.TrimEnd('/');
        return path.Contains("//", StringComparison.Ordinal) ? Collapsed(path) : path;
    }

    // Rare (a "//" written by hand), so a copy is made only then.
    private static string Collapsed(ReadOnlySpan<char> path)
    {
        var text = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c != '/' || text.Length == 0 || text[^1] != '/') text.Append(c);
        }
        return text.ToString();
    }

    private static void Report(int index, ViolationKind kind, string value, string detail, ValidationContext context)
    {
        context.PushIndex(index);
        context.Add(kind, "mountPath", value, detail);
        context.Pop();
    }
}
