using JdCloudPodOperator.Entities;

namespace JdCloudSimulator.Pods;

/// <summary>
/// The Go SDK declares some optional PodSpec fields as plain strings without <c>omitempty</c>, so a Go caller that
/// leaves one unset sends <c>""</c>; the service reads that as unset, and so does createPods here, before the product's
/// validator sees the spec (docs/jdcloud-api.md, Readings, 22). Required fields keep their <c>""</c> and are refused.
/// </summary>
internal static class GoSdkBlanks
{
    public static void Unset(PodSpec? spec)
    {
        if (spec is null) return;
        // Unset, az without agId is then reported as missing, as it would be had the caller left it out.
        spec.Az = Unset(spec.Az);
        foreach (var volume in spec.Volumes ?? [])
        {
            if (volume?.Cfs is { } cfs) cfs.Path = Unset(cfs.Path);
            if (volume?.ConfigFile is { } configFile) Unset(configFile);
        }
    }

    private static void Unset(ConfigFileVolumeSourceSpec configFile)
    {
        configFile.Name = Unset(configFile.Name);
        configFile.DefaultMode = Unset(configFile.DefaultMode);
        foreach (var file in configFile.FileToPath ?? [])
        {
            if (file is null) continue;
            file.Path = Unset(file.Path);
            file.Mode = Unset(file.Mode);
        }
    }

    private static string? Unset(string? value) => value is "" ? null : value;
}
