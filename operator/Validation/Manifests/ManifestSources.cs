namespace JdCloudPodOperator.Validation.Manifests;

/// <summary>A file to read (or standard input, "-"), or why it cannot be.</summary>
internal sealed record ManifestSource(string Name, string? Path, string? Error)
{
    public const string StandardInput = "-";

    public string Read(TextReader stdin) => Path is null ? stdin.ReadToEnd() : File.ReadAllText(Path);
}

/// <summary>What `-f` names: a file, a directory of manifests (like kubectl: *.yaml, *.yml, *.json), or "-".</summary>
internal static class ManifestSources
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IEnumerable<ManifestSource> Expand(string path, bool recursive)
    {
        if (path == ManifestSource.StandardInput) return [new ManifestSource("stdin", null, null)];
        if (File.Exists(path)) return [new ManifestSource(path, path, null)];
        if (!Directory.Exists(path)) return [new ManifestSource(path, null, "no such file or directory")];
        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        return Directory.EnumerateFiles(path, "*", option)
            .Where(file => Extensions.Contains(System.IO.Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(file => new ManifestSource(file, file, null));
    }
}
