using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Entities.Schema;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Schema;

/// <summary>The generated schema against the entity types: structural, fully described, and every attribute in it.</summary>
public class CrdSchemaTests
{
    private static readonly V1JSONSchemaProps Root = CrdGenerator.Build().Spec.Versions.Single().Schema.OpenAPIV3Schema;

    [Fact]
    public void Schema_is_structural_every_node_has_a_type_and_no_untyped_combinator()
    {
        var nodes = Nodes(Root, "").ToList();
        nodes.Should().HaveCountGreaterThan(150);
        foreach (var (path, node) in nodes)
        {
            if (node.XKubernetesIntOrString == true)
            {
                // The one combinator a structural schema allows, and exactly in this form.
                node.Type.Should().BeNull(path);
                node.AnyOf.Select(a => a.Type).Should().Equal(["integer", "string"], path);
                continue;
            }
            (node.Type is not null || node.XKubernetesPreserveUnknownFields == true).Should().BeTrue($"{path} needs a type");
            new object?[] { node.RefProperty, node.AllOf }.Should().AllSatisfy(k => k.Should().BeNull(), $"{path} must stay structural");
            // Junctors carry only `required` lists of the node's own fields (field-set rules), as structural schemas allow.
            foreach (var junctor in (node.OneOf ?? []).Concat(node.AnyOf ?? []).Concat(node.Not is null ? [] : [node.Not]))
            {
                junctor.Type.Should().BeNull(path);
                junctor.Properties.Should().BeNull(path);
                junctor.Required.Should().NotBeEmpty().And.OnlyContain(field => node.Properties.ContainsKey(field), path);
            }
            if (node.AdditionalProperties is not null)
            {
                node.AdditionalProperties.Should().BeOfType<V1JSONSchemaProps>($"{path}: a map's values need a schema");
                node.Properties.Should().BeNull($"{path}: properties and additionalProperties exclude each other");
            }
            if (node.Type == "array") node.Items.Should().BeOfType<V1JSONSchemaProps>($"{path} is a list");
            if (node.Type == "object" && path != ".metadata" && node.AdditionalProperties is null) node.Properties.Should().NotBeEmpty($"{path} is one of our objects");
        }
        nodes.Should().NotContain(n => n.Node.XKubernetesPreserveUnknownFields == true, "conditions are described field by field");
    }

    [Fact]
    public void Every_field_and_object_has_a_description_except_metadata_which_the_api_server_owns()
    {
        foreach (var (path, node) in Nodes(Root, ""))
        {
            var scalarItem = (path.EndsWith("[]", StringComparison.Ordinal) || path.EndsWith("{}", StringComparison.Ordinal)) && node.Type != "object";
            if (path == ".metadata") node.Description.Should().BeNull("a CRD may say nothing about metadata but its type");
            else if (!scalarItem) node.Description.Should().NotBeNullOrWhiteSpace(path);
        }
    }

    [Fact]
    public void Every_constraint_attribute_on_the_entities_appears_in_the_schema_and_nothing_else_does()
    {
        var checkedProperties = new EntityWalk().Check(typeof(JdCloudPod), Root, "");
        checkedProperties.Should().BeGreaterThan(100, "the walk must reach every nested createPods type");
    }

    [Fact]
    public void List_map_keys_are_required_in_their_item_schema()
    {
        var lists = Nodes(Root, "").Where(n => n.Node.XKubernetesListType == "map").ToList();
        lists.Select(l => l.Path).Should().Contain([".spec.podSpec.containers", ".spec.podSpec.volumes",
            ".spec.podSpec.userTags", ".spec.podSpec.containers[].volumeMounts", ".status.conditions", ".status.pods"]);
        foreach (var (path, node) in lists)
        {
            var items = (V1JSONSchemaProps)node.Items;
            items.Required.Should().Contain(node.XKubernetesListMapKeys, path);
        }
    }

    [Fact]
    public void Generator_refuses_a_list_map_whose_key_may_be_absent()
    {
        var act = () => SchemaGenerator.ForObject(typeof(ListOfOptionalKeys));
        act.Should().Throw<InvalidOperationException>().WithMessage("*map key 'key' must be [Required] or have a [Default]*");
    }

    [Fact]
    public void Generator_refuses_an_undescribed_field()
    {
        var act = () => SchemaGenerator.ForObject(typeof(Undescribed));
        act.Should().Throw<InvalidOperationException>().WithMessage("*Undescribed.Field has no [Description]*");
    }

    [Fact]
    public void A_string_keyed_map_becomes_an_object_with_typed_values()
    {
        var labels = SchemaGenerator.ForObject(typeof(WithLabels)).Properties["labels"];
        labels.Type.Should().Be("object");
        var values = labels.AdditionalProperties.Should().BeOfType<V1JSONSchemaProps>().Subject;
        (values.Type, values.MaxLength).Should().Be(("string", 63L));
    }

    [Fact]
    public void Condition_shape_mirrors_every_field_of_metav1_Condition()
    {
        JsonNames(typeof(ConditionShape)).Should().BeEquivalentTo(JsonNames(typeof(V1Condition)));
        var conditions = (V1JSONSchemaProps)Root.Properties["status"].Properties["conditions"].Items;
        conditions.Required.Should().BeEquivalentTo(["type", "status", "lastTransitionTime", "reason", "message"]);
        conditions.Properties["status"].EnumProperty.Should().Equal("True", "False", "Unknown");
        conditions.Properties["lastTransitionTime"].Format.Should().Be("date-time");
    }

    [Fact]
    public void Crd_names_version_status_subresource_and_columns_come_from_the_entity_attributes()
    {
        var crd = CrdGenerator.Build();
        crd.Metadata.Name.Should().Be("jdcloudpods.jdcloudpod.io");
        crd.Spec.Scope.Should().Be("Namespaced");
        crd.Spec.Names.ShortNames.Should().Equal(typeof(JdCloudPod).GetCustomAttribute<ShortNamesAttribute>()!.Names);
        crd.Spec.Names.Categories.Should().Equal(typeof(JdCloudPod).GetCustomAttribute<CategoriesAttribute>()!.Categories);
        var version = crd.Spec.Versions.Single();
        (version.Name, version.Served, version.Storage).Should().Be((JdCloudPod.Version, true, true));
        version.Subresources.Status.Should().NotBeNull();
        var columns = typeof(JdCloudPod).GetCustomAttributes<PrinterColumnAttribute>().ToList();
        version.AdditionalPrinterColumns.Select(c => (c.Name, c.Type, c.JsonPath, c.Description, c.Priority ?? 0))
            .Should().Equal(columns.Select(c => (c.Name, c.Type, c.JsonPath, c.Description, c.Priority)));
    }

    [Fact]
    public void Yaml_is_deterministic_and_has_no_timestamps()
    {
        var first = CrdGenerator.ToYaml(CrdGenerator.Build());
        CrdGenerator.ToYaml(CrdGenerator.Build()).Should().Be(first);
        first.Should().NotMatchRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:", "a timestamp would change the file on every run");
    }

    internal static IEnumerable<(string Path, V1JSONSchemaProps Node)> Nodes(V1JSONSchemaProps node, string path)
    {
        yield return (path, node);
        foreach (var (name, child) in node.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            foreach (var n in Nodes(child, $"{path}.{name}")) yield return n;
        }
        if (node.Items is V1JSONSchemaProps items)
        {
            foreach (var n in Nodes(items, path + "[]")) yield return n;
        }
        if (node.AdditionalProperties is V1JSONSchemaProps values)
        {
            foreach (var n in Nodes(values, path + "{}")) yield return n;
        }
    }

    private static IEnumerable<string> JsonNames(Type type) =>
        type.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>();

    [Description("An item whose map key is optional.")]
    private sealed class OptionalKeyItem
    {
        [Description("Key.")] [JsonPropertyName("key")] public string? Key { get; set; }
    }

    [Description("A list-map over an optional key.")]
    private sealed class ListOfOptionalKeys
    {
        [ListMap("key"), Description("Items.")] [JsonPropertyName("items")] public List<OptionalKeyItem>? Items { get; set; }
    }

    [Description("A type with a map.")]
    private sealed class WithLabels
    {
        [Length(0, 63), Description("Labels.")] [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
    }

    [Description("A type with an undocumented field.")]
    private sealed class Undescribed
    {
        [JsonPropertyName("field")] public string? Field { get; set; }
    }
}
