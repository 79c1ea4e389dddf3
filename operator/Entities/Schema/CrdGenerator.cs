using System.Reflection;
using JdCloudPodOperator.Entities.Constraints;
using k8s;
using k8s.Models;

namespace JdCloudPodOperator.Entities.Schema;

/// <summary>
/// Builds JdCloudPod's CustomResourceDefinition from the entity types and their attributes, so the CRD, the
/// validator and the C# model cannot drift apart. `jdcloud-pod-operator generate crds` writes it to crds/.
/// </summary>
public static class CrdGenerator
{
    private static readonly Type Entity = typeof(JdCloudPod);
    private static readonly KubernetesEntityAttribute Names = Entity.GetCustomAttribute<KubernetesEntityAttribute>()!;

    public static string Name => $"{Names.PluralName}.{Names.Group}";

    public static string FileName => Name + ".yaml";

    public static V1CustomResourceDefinition Build() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = Name },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Names.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames
            {
                Kind = Names.Kind,
                ListKind = Names.Kind + "List",
                Plural = Names.PluralName,
                Singular = Names.Kind.ToLowerInvariant(),
                ShortNames = Entity.GetCustomAttribute<ShortNamesAttribute>()?.Names.ToList(),
                Categories = Entity.GetCustomAttribute<CategoriesAttribute>()?.Categories.ToList(),
            },
            Versions = [Version()],
        },
    };

    /// <summary>The CRD as YAML: no timestamps, fixed order, so regenerating an unchanged model changes nothing.</summary>
    public static string ToYaml(V1CustomResourceDefinition crd) =>
        "# Generated from operator/Entities by `make generate` (jdcloud-pod-operator generate crds). Do not edit.\n"
        + KubernetesYaml.Serialize(crd).TrimEnd('\n') + "\n";

    private static V1CustomResourceDefinitionVersion Version() => new()
    {
        Name = Names.ApiVersion,
        Served = true,
        Storage = true,
        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = SchemaGenerator.ForObject(Entity) },
        Subresources = new V1CustomResourceSubresources { Status = new object() },
        AdditionalPrinterColumns = Entity.GetCustomAttributes<PrinterColumnAttribute>().Select(c => new V1CustomResourceColumnDefinition
        {
            Name = c.Name,
            Type = c.Type,
            JsonPath = c.JsonPath,
            Description = c.Description,
            Priority = c.Priority == 0 ? null : c.Priority,
        }).ToList(),
    };
}
