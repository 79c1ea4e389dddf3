using System.Reflection;
using JdCloudPodOperator.Entities.Constraints;
using k8s.Models;

namespace JdCloudPodOperator.Entities.Schema;

/// <summary>
/// Maps the constraint attributes onto OpenAPI keywords. The limits themselves live only on the entities;
/// [TotalLength] has no OpenAPI keyword and reaches the schema through its [CelRule] twin.
/// </summary>
internal static class ConstraintKeywords
{
    /// <summary>Rules about one value: the property's own schema, or each item's for a list.</summary>
    public static void ApplyToValue(PropertyInfo property, V1JSONSchemaProps schema)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema.Minimum = range.Min;
            if (range.Max != long.MaxValue) schema.Maximum = range.Max;
        }
        if (property.GetCustomAttribute<MultipleOfAttribute>() is { } multipleOf) schema.MultipleOf = multipleOf.Step;
        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            schema.MinLength = length.Min;
            schema.MaxLength = length.Max;
        }
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern) schema.Pattern = pattern.Regex;
        if (property.GetCustomAttribute<OneOfAttribute>() is { } oneOf) schema.EnumProperty = oneOf.Values.ToList();
        if (property.GetCustomAttribute<FormatAttribute>() is { } format) schema.Format = format.Format;
        if (property.GetCustomAttribute<ForbiddenPrefixAttribute>() is { } prefix)
            schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], new V1ValidationRule { Rule = prefix.CelRule, Message = prefix.Meaning }];
    }

    /// <summary>Which fields of an object go together, as `required` inside oneOf, anyOf and not (see FieldSetConstraints).</summary>
    public static void ApplyToObject(Type type, V1JSONSchemaProps schema)
    {
        if (type.GetCustomAttribute<ExactlyOneOfAttribute>() is { } exactlyOne) schema.OneOf = RequiredEach(type, schema, exactlyOne.Fields);
        if (type.GetCustomAttribute<AtLeastOneOfAttribute>() is { } atLeastOne) schema.AnyOf = RequiredEach(type, schema, atLeastOne.Fields);
        if (type.GetCustomAttribute<NotTogetherAttribute>() is { } notTogether)
            schema.Not = new V1JSONSchemaProps { Required = Known(type, schema, [notTogether.First, notTogether.Second]) };
    }

    private static List<V1JSONSchemaProps> RequiredEach(Type type, V1JSONSchemaProps schema, IReadOnlyList<string> fields) =>
        [.. Known(type, schema, fields).Select(field => new V1JSONSchemaProps { Required = [field] })];

    private static List<string> Known(Type type, V1JSONSchemaProps schema, IReadOnlyList<string> fields) =>
        fields.All(schema.Properties.ContainsKey) ? [.. fields]
            : throw new InvalidOperationException($"{type.Name}: a field set names a field the type does not have: {string.Join(", ", fields)}");

    /// <summary>Rules about a list as a whole: its size and how items are identified.</summary>
    public static void ApplyToList(PropertyInfo property, V1JSONSchemaProps schema, V1JSONSchemaProps items)
    {
        if (property.GetCustomAttribute<ItemsAttribute>() is { } size)
        {
            schema.MinItems = size.Min;
            schema.MaxItems = size.Max;
        }
        if (property.GetCustomAttribute<ListMapAttribute>() is { } listMap)
        {
            RequireMapKeys(property, items, listMap.Keys);
            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = listMap.Keys.ToList();
        }
        if (property.IsDefined(typeof(ListSetAttribute)))
        {
            if (items.Type == "object") throw Invalid(property, "[ListSet] needs scalar items; use [ListMap] for objects");
            schema.XKubernetesListType = "set";
        }
    }

    /// <summary>Rules that stay on the property wherever its value's rules went: default and CEL.</summary>
    public static void ApplyToProperty(PropertyInfo property, V1JSONSchemaProps schema)
    {
        if (property.GetCustomAttribute<DefaultAttribute>() is { } @default) schema.DefaultProperty = @default.Value;
        var rules = (schema.XKubernetesValidations ?? []).Concat(CelRules(property) ?? []).ToList();
        schema.XKubernetesValidations = rules.Count > 0 ? rules : null;
    }

    public static IList<V1ValidationRule>? CelRules(MemberInfo member)
    {
        var rules = member.GetCustomAttributes<CelRuleAttribute>()
            .Select(r => new V1ValidationRule { Rule = r.Rule, Message = r.Message }).ToList();
        return rules.Count > 0 ? rules : null;
    }

    // The API server refuses a list-map whose keys may be absent: each key must be required or defaulted.
    private static void RequireMapKeys(PropertyInfo property, V1JSONSchemaProps items, IEnumerable<string> keys)
    {
        if (items.Type != "object") throw Invalid(property, "[ListMap] needs object items");
        foreach (var key in keys)
        {
            var keySchema = items.Properties.TryGetValue(key, out var found) ? found : throw Invalid(property, $"map key '{key}' is not a field of the items");
            if (items.Required?.Contains(key) != true && keySchema.DefaultProperty is null)
                throw Invalid(property, $"map key '{key}' must be [Required] or have a [Default]");
        }
    }

    private static InvalidOperationException Invalid(PropertyInfo property, string problem) =>
        new($"{property.DeclaringType?.Name}.{property.Name}: {problem}");
}
