using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// What the Native AOT build (make publish-aot) must be told to keep, checked against the code so the lists cannot
/// fall behind: of KubernetesClient only the model types operator/AotRoots.xml lists are kept (every one the
/// operator's code names, the ones the client reads or writes on its behalf, and every type their properties reach,
/// or the reflection-based JSON of the trimmed binary would miss their members).
/// </summary>
public class AotRootsTests
{
    /// <summary>Used by the client for the operator: the leader Lease, error answers, delete options, watch events (and
    /// the object each event carries, read as a KubernetesObject first).</summary>
    private static readonly Type[] ThroughTheClient =
        [typeof(k8s.Models.V1Lease), typeof(k8s.Models.V1Status), typeof(k8s.Models.V1DeleteOptions), typeof(k8s.Watcher<>.WatchEvent), typeof(k8s.KubernetesObject)];

    [Fact]
    public void Every_model_type_the_operator_uses_is_rooted()
    {
        var rooted = XDocument.Load(RepoPaths.Of("operator", "AotRoots.xml")).Descendants("type")
            .Select(t => t.Attribute("fullname")!.Value.Replace('/', '+')).ToHashSet();
        var used = Closure(ReferencedModelTypes().Concat(ThroughTheClient));

        used.Should().HaveCountGreaterThan(ThroughTheClient.Length);
        used.Select(t => t.FullName).Except(rooted).Should().BeEmpty("operator/AotRoots.xml must list them");
    }

    private static IEnumerable<Type> ReferencedModelTypes()
    {
        using var pe = new PEReader(File.OpenRead(typeof(JdCloudPod).Assembly.Location));
        var metadata = pe.GetMetadataReader();
        var models = typeof(k8s.Models.V1Pod).Assembly;
        return metadata.TypeReferences.Select(metadata.GetTypeReference)
            .Where(r => metadata.GetString(r.Namespace) == "k8s.Models")
            .Select(r => models.GetType("k8s.Models." + metadata.GetString(r.Name))!)
            .ToList();
    }

    private static HashSet<Type> Closure(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        void Walk(Type type)
        {
            if (type.IsGenericType) { foreach (var argument in type.GetGenericArguments()) Walk(argument); return; }
            if (type.IsArray) { Walk(type.GetElementType()!); return; }
            if (type.IsGenericParameter || type.Assembly != typeof(k8s.Models.V1Pod).Assembly || type.IsSubclassOf(typeof(Attribute)) || !seen.Add(type)) return;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)) Walk(property.PropertyType);
        }
        foreach (var root in roots) Walk(root);
        return seen;
    }
}
