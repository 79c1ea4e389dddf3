using System.Text;
using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Validation.Constraints;
using static JdCloudPodOperator.Validation.JsonFields;

namespace JdCloudPodOperator.Validation.Rules;

/// <summary>Volume mounts (docs/jdcloud-api.md, createPods rules, items 68-72). The mountPath pattern already rejects
/// relative paths and '/' itself. Repeats and nesting are judged on the paths as written, as the CRD's rule judges
/// them, and as the file system resolves them, so a path that reaches another through '..' is refused too (by the
/// webhook only).</summary>
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
        // Without a '.' or '..' segment (nearly every path) a name below the root is certain: the pattern wants a byte
        // other than '/'.
        if (PathOf(mount) is not { } path || !MayHaveDotSegment(path)) return;
        var text = context.Text(path);
        if (!text.StartsWith('/') || !text.ContainsAnyExcept('/') || !HasDotSegment(text) || Resolved(text).Length > 0) return;
        context.Add(ViolationKind.Invalid, "mountPath", path.GetString(), "must not be the root directory: the path resolves to '/', where the system disk is mounted");
    }

    /// <summary>The SDK describes subPath as the sub-directory of a configFile volume.</summary>
    public static void WarnSubPathOutsideConfigFile(TreeElement mount, ValidationContext context)
    {
        if (!Has(mount, "subPath"u8) || Property(mount, Name) is not { ValueKind: JsonValueKind.String } name ||
            context.FindVolume(name) is not { } volume || Has(volume, "configFile"u8)) return;
        context.Warn("subPath", $"applies to configFile volumes; volume {FieldViolation.Truncate(String(volume, Name)!)} is not one");
    }

    /// <summary>
    /// Within a container, mount paths neither repeat nor lie inside each other. They are compared as written (runs of
    /// '/' as one, none at the end: the CRD's rule reads them so, and the webhook refuses at least what it does), and,
    /// when one has a '.' or '..' segment, once more as the file system resolves them. Exact repeats are the
    /// volumeMounts list map's Duplicate already, so only '/data' against '/data/', '//data' or '/tmp/../data' is added.
    /// </summary>
    public static void PathsUniqueAndNotNested(TreeElement container, ValidationContext context)
    {
        if (!TryGetArray(container, "volumeMounts"u8, out var mounts) || mounts.GetArrayLength() < 2) return;
        context.Push("volumeMounts");
        var reported = Compare(mounts, resolve: false, null, context);
        if (AnyDotSegment(mounts, context)) Compare(mounts, resolve: true, reported ?? [], context);
        context.Pop();
    }

    /// <summary>Reports repeats and nesting among the paths read one way; the indexes reported (null: none), skipping <paramref name="done"/>.</summary>
    private static HashSet<int>? Compare(TreeElement mounts, bool resolve, HashSet<int>? done, ValidationContext context)
    {
        var seen = context.RentKeys(mounts.GetArrayLength());
        HashSet<int>? reported = null;
        var i = 0;
        foreach (var mount in mounts.EnumerateArray())
        {
            if (PathOf(mount) is { } path && Normalized(context.Text(path), resolve) is var normalized && !normalized.IsEmpty &&
                !seen.TryAdd(normalized, i, out var first) && !PathOf(mounts[first])!.Value.ValueEquals(context.Text(path))
                && done?.Contains(i) != true)
            {
                Report(i, ViolationKind.Duplicate, path.GetString()!, "mount paths must be unique within the container (repeated and trailing '/' ignored, '.' and '..' resolved)", context);
                (reported ??= []).Add(i);
            }
            i++;
        }
        ReportNested(mounts, seen, done, ref reported, context);
        context.ReturnKeys(seen);
        return reported;
    }

    private static bool AnyDotSegment(TreeElement mounts, ValidationContext context)
    {
        foreach (var mount in mounts.EnumerateArray())
        {
            if (PathOf(mount) is { } path && MayHaveDotSegment(path) && HasDotSegment(context.Text(path))) return true;
        }
        return false;
    }

    /// <summary>A path with an ancestor among the others is nested; each ancestor is looked up, not each pair.</summary>
    private static void ReportNested(TreeElement mounts, TextKeys paths, HashSet<int>? done, ref HashSet<int>? reported, ValidationContext context)
    {
        foreach (var (key, index) in paths)
        {
            if (done?.Contains(index) == true || reported?.Contains(index) == true) continue;
            var path = paths.Text(key);
            for (var slash = path.Slice(1).IndexOf('/') + 1; slash > 0; slash = NextSlash(path, slash))
            {
                if (!paths.TryGetValue(path[..slash], out var outer)) continue;
                Report(index, ViolationKind.Invalid, PathOf(mounts[index])!.Value.GetString()!,
                    $"must not be nested inside another mount of the container (volumeMounts[{outer}].mountPath \"{FieldViolation.Truncate(PathOf(mounts[outer])!.Value.GetString()!)}\")", context);
                (reported ??= []).Add(index);
                break;
            }
        }
    }

    private static int NextSlash(ReadOnlySpan<char> path, int slash) => path[(slash + 1)..].IndexOf('/') is var next and >= 0 ? slash + 1 + next : -1;

    private static TreeElement? PathOf(TreeElement mount) => Property(mount, MountPath) is { ValueKind: JsonValueKind.String } path ? path : null;

    /// <summary>
    /// The path with each run of '/' as one and none at the end, and with <paramref name="resolve"/> its '.' and '..'
    /// segments resolved; empty for values the mountPath pattern rejects anyway and for the root
    /// (<see cref="NotAtTheRoot"/> reports it).
    /// </summary>
    private static ReadOnlySpan<char> Normalized(ReadOnlySpan<char> path, bool resolve)
    {
        if (!path.StartsWith('/')) return [];
        if (resolve && path.Contains('.') && HasDotSegment(path)) return Resolved(path);
        path = path.TrimEnd('/');
        return path.Contains("//", StringComparison.Ordinal) ? Collapsed(path) : path;
    }

    // Read on the bytes first, so a path without a '.' is never decoded (every review passes here).
    private static bool MayHaveDotSegment(TreeElement path) => path.ValueIsEscaped || path.ValueSpan.Contains((byte)'.');

    private static bool HasDotSegment(ReadOnlySpan<char> path)
    {
        foreach (var range in path.Split('/'))
        {
            if (path[range] is "." or "..") return true;
        }
        return false;
    }

    // Rare (a '.' or '..' segment written by hand), so a copy is made only then.
    private static string Resolved(ReadOnlySpan<char> path)
    {
        var segments = new List<string>();
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment is "" or ".") continue;
            if (segment is "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else segments.Add(segment.ToString());
        }
        return segments.Count == 0 ? "" : "/" + string.Join('/', segments);
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
