using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Install;

/// <summary>
/// What the Native AOT build (make publish-aot) must be told to keep, checked against the code so the lists cannot
/// fall behind: of KubernetesClient only the model types operator/AotRoots.xml lists are kept (every one the
/// operator's code names, the ones the client reads or writes on its behalf, and every type their properties reach,
/// or the reflection-based JSON of the trimmed binary would miss their members); the converters System.Text.Json
/// makes by reflection over a value type need their native code listed in operator/AotRoots.rd.xml.
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

    /// <summary>
    /// System.Text.Json's reflection makes a converter per type with MakeGenericType: for a record (a constructor of 1-4
    /// parameters and no parameterless one) over the record and its parameter types, for an enum over the enum. Listed
    /// for every such type of the operator's and every enum rooted in AotRoots.xml (more than are serialized: a few unused converters cost less than a
    /// missed one, which fails only at run time).
    /// </summary>
    [Fact]
    public void Every_json_converter_made_by_reflection_over_the_operators_types_is_compiled()
    {
        var listed = XDocument.Load(RepoPaths.Of("operator", "AotRoots.rd.xml")).Descendants()
            .Where(e => e.Name.LocalName == "Type").Select(e => e.Attribute("Name")!.Value).ToHashSet();
        var json = typeof(System.Text.Json.JsonSerializer).Assembly;
        Type Converter(string name) => json.GetType("System.Text.Json.Serialization.Converters." + name, throwOnError: true)!;
        var types = typeof(JdCloudPod).Assembly.GetTypes()
            .Where(t => !t.IsGenericTypeDefinition && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) && !t.Name.Contains('<'))
            .ToList();
        var records = types.Where(t => t.IsClass && !t.IsAbstract && !t.IsSubclassOf(typeof(Attribute)) && !t.IsSubclassOf(typeof(Delegate)))
            .Select(t => (Type: t, Constructors: t.GetConstructors()))
            .Where(r => r.Constructors is [{ } only] && only.GetParameters().Length is > 0 and <= 4)
            .Select(r => Converter("SmallObjectWithParameterizedConstructorConverter`5").MakeGenericType(
                [r.Type, .. r.Constructors[0].GetParameters().Select(p => p.ParameterType).Concat(Enumerable.Repeat(typeof(object), 4)).Take(4)]));
        var modelEnums = XDocument.Load(RepoPaths.Of("operator", "AotRoots.xml")).Descendants("type")
            .Select(t => typeof(k8s.Models.V1Pod).Assembly.GetType(t.Attribute("fullname")!.Value.Replace('/', '+'))).OfType<Type>().Where(t => t.IsEnum);
        var enums = types.Where(t => t.IsEnum).Concat(modelEnums).SelectMany(e => new[] { Converter("EnumConverter`1").MakeGenericType(e), Converter("NullableConverter`1").MakeGenericType(e) });
        var needed = records.Concat(enums).Select(RdXmlName).ToList();

        needed.Should().NotBeEmpty();
        string.Join('\n', needed.Except(listed)).Should().BeEmpty("operator/AotRoots.rd.xml must list these (one per line)");
    }

    /// <summary>A type's name as rd.xml spells it: generic arguments in brackets, each with its assembly.</summary>
    private static string RdXmlName(Type type) => type.IsGenericType
        ? type.GetGenericTypeDefinition().FullName + "[" + string.Join(",", type.GetGenericArguments().Select(a => $"[{RdXmlName(a)},{a.Assembly.GetName().Name}]")) + "]"
        : type.FullName!;

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
