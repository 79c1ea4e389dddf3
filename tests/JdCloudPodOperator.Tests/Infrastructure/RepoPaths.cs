namespace JdCloudPodOperator.Tests.Infrastructure;

/// <summary>Locates the repository from the test binaries, so tests can use checked-in files (crds/, config/).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
