using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities.Constraints;
using k8s.Models;

namespace JdCloudPodOperator.Tests.Schema;

/// <summary>
/// Walks an entity type and its generated schema side by side. Each constraint attribute must show up as its
/// keyword, and no keyword may show up without its attribute: the generator states no limit of its own.
/// </summary>
internal sealed class EntityWalk
{
    private int _properties;

    /// <summary>Checks the whole tree; returns how many properties it compared.</summary>
    public int Check(Type type, V1JSONSchemaProps node, string path)
    {
        CheckObject(type, node, path);
        return _properties;
    }

    private void CheckObject(Type type, V1JSONSchemaProps node, string path)
    {
        var properties = type.GetProperties().ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);
        node.Properties.Keys.Should().BeEquivalentTo(properties.Keys, path);
        (node.Required ?? []).Should().BeEquivalentTo(
            properties.Where(p => p.Value.IsDefined(typeof(RequiredAttribute))).Select(p => p.Key), $"{path} required");
        foreach (var (name, property) in properties) CheckProperty(property, node.Properties[name], $"{path}.{name}");
        CheckFieldSets(type, node, path);
    }

    /// <summary>ExactlyOneOf, AtLeastOneOf and NotTogether as oneOf, anyOf and not of `required`, nothing else.</summary>
    private static void CheckFieldSets(Type type, V1JSONSchemaProps node, string path)
    {
        static List<string>? Each(IList<V1JSONSchemaProps>? junctor) => junctor?.Select(j => j.Required.Single()).ToList();
        Each(node.OneOf).Should().BeEquivalentTo(type.GetCustomAttribute<ExactlyOneOfAttribute>()?.Fields, $"{path} oneOf");
        Each(node.AnyOf).Should().BeEquivalentTo(type.GetCustomAttribute<AtLeastOneOfAttribute>()?.Fields, $"{path} anyOf");
        var notTogether = type.GetCustomAttribute<NotTogetherAttribute>();
        node.Not?.Required.Should().Equal(notTogether!.First, notTogether.Second);
        if (node.Not is null) notTogether.Should().BeNull($"{path} not");
        node.AllOf.Should().BeNull($"{path} allOf");
    }

    private void CheckProperty(PropertyInfo property, V1JSONSchemaProps schema, string path)
    {
        _properties++;
        if (property.PropertyType == typeof(V1ObjectMeta))
        {
            schema.Type.Should().Be("object", path);
            return;
        }
        schema.Description.Should().Be(property.GetCustomAttribute<DescriptionAttribute>()!.Description, path);
        var mapValueType = MapValueType(property.PropertyType);
        var itemType = ItemType(property.PropertyType) ?? mapValueType;
        var value = itemType is null ? schema : (V1JSONSchemaProps)(mapValueType is null ? schema.Items : schema.AdditionalProperties);
        var valueType = property.GetCustomAttribute<EmbeddedKubernetesTypeAttribute>()?.Shape ?? itemType ?? Unwrap(property.PropertyType);
        CheckValueKeywords(property, value, valueType, path);
        CheckListKeywords(property, schema, path);
        schema.DefaultProperty.Should().Be(property.GetCustomAttribute<DefaultAttribute>()?.Value, path);
        CheckCelRules(property, schema, value, valueType, path);
        if (!valueType.IsDefined(typeof(DescriptionAttribute))) return;
        if (itemType is not null) value.Description.Should().Be(valueType.GetCustomAttribute<DescriptionAttribute>()!.Description, path);
        CheckObject(valueType, value, itemType is null ? path : path + "[]");
    }

    private static void CheckValueKeywords(PropertyInfo property, V1JSONSchemaProps value, Type valueType, string path)
    {
        var range = property.GetCustomAttribute<RangeAttribute>();
        value.Minimum.Should().Be(range?.Min, $"{path} minimum");
        value.Maximum.Should().Be(range is null || range.Max == long.MaxValue ? null : range.Max, $"{path} maximum");
        value.MultipleOf.Should().Be(property.GetCustomAttribute<MultipleOfAttribute>()?.Step, $"{path} multipleOf");
        var length = property.GetCustomAttribute<LengthAttribute>();
        value.MinLength.Should().Be(length?.Min, $"{path} minLength");
        value.MaxLength.Should().Be(length?.Max, $"{path} maxLength");
        value.Pattern.Should().Be(property.GetCustomAttribute<PatternAttribute>()?.Regex, $"{path} pattern");
        value.EnumProperty?.Should().Equal(property.GetCustomAttribute<OneOfAttribute>()!.Values, $"{path} enum");
        if (value.EnumProperty is null) property.IsDefined(typeof(OneOfAttribute)).Should().BeFalse($"{path} enum");
        var typeFormat = valueType == typeof(int) ? "int32" : valueType == typeof(long) ? "int64" : null;
        value.Format.Should().Be(property.GetCustomAttribute<FormatAttribute>()?.Format ?? typeFormat, $"{path} format");
    }

    private static void CheckListKeywords(PropertyInfo property, V1JSONSchemaProps schema, string path)
    {
        var items = property.GetCustomAttribute<ItemsAttribute>();
        schema.MinItems.Should().Be(items?.Min, $"{path} minItems");
        schema.MaxItems.Should().Be(items?.Max, $"{path} maxItems");
        var listMap = property.GetCustomAttribute<ListMapAttribute>();
        var listType = listMap is not null ? "map" : property.IsDefined(typeof(ListSetAttribute)) ? "set" : null;
        schema.XKubernetesListType.Should().Be(listType, $"{path} list type");
        schema.XKubernetesListMapKeys?.Should().Equal(listMap!.Keys, $"{path} list-map keys");
    }

    // Class rules sit on the object (each item of a list); property rules on the property; TotalLength only in CEL.
    private static void CheckCelRules(PropertyInfo property, V1JSONSchemaProps schema, V1JSONSchemaProps value, Type valueType, string path)
    {
        var own = Rules(property);
        var ofValue = Rules(valueType).Concat(PrefixRules(property)).ToList();
        var onProperty = ReferenceEquals(schema, value) ? ofValue.Concat(own).ToList() : own;
        Rules(schema).Should().Equal(onProperty, $"{path} x-kubernetes-validations");
        if (!ReferenceEquals(schema, value)) Rules(value).Should().Equal(ofValue, $"{path}[] x-kubernetes-validations");
        if (property.GetCustomAttribute<TotalLengthAttribute>() is { } total)
            own.Should().Contain(r => r.Rule.Contains(".join('')") && r.Rule.EndsWith($"<= {total.Max}"), $"{path} total length");
    }

    private static List<(string Rule, string Message)> Rules(MemberInfo member) =>
        member.GetCustomAttributes<CelRuleAttribute>().Select(r => (r.Rule, r.Message)).ToList();

    private static IEnumerable<(string Rule, string Message)> PrefixRules(PropertyInfo property) =>
        property.GetCustomAttribute<ForbiddenPrefixAttribute>() is { } prefix ? [(prefix.CelRule, prefix.Meaning)] : [];

    private static List<(string Rule, string Message)> Rules(V1JSONSchemaProps schema) =>
        (schema.XKubernetesValidations ?? []).Select(r => (r.Rule, r.Message)).ToList();

    private static Type? ItemType(Type type) =>
        type != typeof(string) && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    private static Type? MapValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;
}
