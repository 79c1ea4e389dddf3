using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;

namespace JdCloudPodOperator.KubernetesApi;

/// <summary>
/// Reads a kubeconfig file with a plain YamlDotNet deserializer of KubernetesClient's kubeconfig model. The client's
/// own loader goes through KubernetesYaml, whose first use maps every Kubernetes model type the library has (about
/// 0.4 s of start-up, measured on the bench machine) to read a file of three lists.
/// </summary>
public static class Kubeconfig
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    /// <summary>
    /// The client configuration to use, in the client's default order: the file at <paramref name="path"/> when one is
    /// given (--kubeconfig), else the file KUBECONFIG names, else ~/.kube/config when it exists, else the pod's service
    /// account in a cluster. Single files go through <see cref="Load"/>; a KUBECONFIG of several files (merged) and the
    /// in-cluster case through the client's own default (the service account is read without YAML).
    /// </summary>
    public static KubernetesClientConfiguration Resolve(string? path) =>
        Resolve(path, Environment.GetEnvironmentVariable("KUBECONFIG"), KubernetesClientConfiguration.KubeConfigDefaultLocation);

    internal static KubernetesClientConfiguration Resolve(string? path, string? variable, string homeFile) =>
        DefaultFile(path, variable, homeFile) is { } file ? Load(file) : KubernetesClientConfiguration.BuildDefaultConfig();

    /// <summary>The one file to read, or null when the client's default decides (several files, or none: in-cluster).</summary>
    internal static string? DefaultFile(string? path, string? variable, string homeFile) => (path, variable) switch
    {
        ({ } given, _) => given,
        (null, { Length: > 0 }) => variable.Contains(Path.PathSeparator) ? null : variable.Trim('"'),
        _ => File.Exists(homeFile) ? homeFile : null,
    };

    /// <summary>The client configuration of the file's current context; relative file paths in it are relative to the file.</summary>
    public static KubernetesClientConfiguration Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new k8s.Exceptions.KubeConfigException($"kubeconfig file not found at {file.FullName}");
        var config = Yaml.Deserialize<K8SConfiguration>(File.ReadAllText(file.FullName))
            ?? throw new k8s.Exceptions.KubeConfigException($"kubeconfig file {file.FullName} is empty");
        config.FileName = file.FullName;
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(config);
    }
}
