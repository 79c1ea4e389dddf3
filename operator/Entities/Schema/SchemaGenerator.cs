using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities.Constraints;
using k8s.Models;

namespace JdCloudPodOperator.Entities.Schema;

/// <summary>
/// Turns an entity type into a structural OpenAPI v3 schema by reflection: every property typed and described,
/// constraints taken from the attributes (see <see cref="ConstraintKeywords"/>). Properties are sorted by JSON name,
/// as the API server returns them, so the output is stable.
/// </summary>
internal static class SchemaGenerator
{
    public static V1JSONSchemaProps ForObject(Type type)
    {
        var properties = SerializedProperties(type).ToList();
        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Description = DescriptionOf(type),
            Properties = new SortedDictionary<string, V1JSONSchemaProps>(
                properties.ToDictionary(JsonName, ForProperty), StringComparer.Ordinal),
            XKubernetesValidations = ConstraintKeywords.CelRules(type),
        };
        var required = properties.Where(p => p.IsDefined(typeof(RequiredAttribute))).Select(JsonName)
            .Order(StringComparer.Ordinal).ToList();
        if (required.Count > 0) schema.Required = required;
        ConstraintKeywords.ApplyToObject(type, schema);
        return schema;
    }

    private static V1JSONSchemaProps ForProperty(PropertyInfo property)
    {
        var type = Unwrap(property.PropertyType);
        // The API server owns metadata's schema and refuses a CRD that says more than its type.
        if (type == typeof(V1ObjectMeta)) return new V1JSONSchemaProps { Type = "object" };
        var shape = property.GetCustomAttribute<EmbeddedKubernetesTypeAttribute>()?.Shape;
        var mapValueType = MapValueTypeOf(type);
        var itemType = mapValueType is null ? ItemTypeOf(type) : null;
        var value = ForValue(shape ?? Unwrap(mapValueType ?? itemType ?? type));
        // Value rules (length, pattern, range...) bind to each item of a list or map, list rules to the list itself.
        ConstraintKeywords.ApplyToValue(property, value);
        var schema = mapValueType is not null ? new V1JSONSchemaProps { Type = "object", AdditionalProperties = value }
            : itemType is not null ? new V1JSONSchemaProps { Type = "array", Items = value }
            : value;
        if (itemType is not null) ConstraintKeywords.ApplyToList(property, schema, value);
        schema.Description = DescriptionOf(property);
        ConstraintKeywords.ApplyToProperty(property, schema);
        return schema;
    }

    private static V1JSONSchemaProps ForValue(Type type) => type switch
    {
        _ when type == typeof(string) => new V1JSONSchemaProps { Type = "string" },
        _ when type == typeof(bool) => new V1JSONSchemaProps { Type = "boolean" },
        _ when type == typeof(int) => new V1JSONSchemaProps { Type = "integer", Format = "int32" },
        _ when type == typeof(long) => new V1JSONSchemaProps { Type = "integer", Format = "int64" },
        // As a Deployment's maxSurge: an integer or a string; the structural form the API server requires.
        _ when type == typeof(IntOrString) => new V1JSONSchemaProps
        {
            XKubernetesIntOrString = true,
            AnyOf = [new V1JSONSchemaProps { Type = "integer" }, new V1JSONSchemaProps { Type = "string" }],
        },
        // Our entity types are the described ones; a foreign class (V1Condition) needs a shape to be described by.
        _ when type.IsClass && type.IsDefined(typeof(DescriptionAttribute)) => ForObject(type),
        _ => throw new NotSupportedException(
            $"{type.FullName} has no schema mapping; describe the class with [Description], or mark the property [EmbeddedKubernetesType(typeof(Shape))].")
    };

    private static IEnumerable<PropertyInfo> SerializedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && !p.IsDefined(typeof(JsonIgnoreAttribute)));

    /// <summary>The element type of a list property, or null for anything else (a string is not a list).</summary>
    private static Type? ItemTypeOf(Type type) =>
        type != typeof(string) && type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>The value type of a string-keyed map (labels, for example), or null.</summary>
    private static Type? MapValueTypeOf(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var key, var value] && key == typeof(string)
        && typeof(IDictionary<,>).MakeGenericType(key, value).IsAssignableFrom(type)
            ? value
            : null;

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    // "description on everything": a missing one fails generation, so a new field cannot slip in undocumented.
    private static string DescriptionOf(MemberInfo member) =>
        member.GetCustomAttribute<DescriptionAttribute>()?.Description is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"{member.DeclaringType?.Name}.{member.Name} has no [Description]".TrimStart('.'));
}
