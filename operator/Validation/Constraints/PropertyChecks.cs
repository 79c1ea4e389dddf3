using System.Reflection;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>Turns a type's properties and their constraint attributes into compiled checks (once per type).</summary>
internal static class PropertyChecks
{
    /// <summary>Only the entity types are walked; Kubernetes' own types (metadata) are the API server's business.</summary>
    public static bool IsEntity(Type type) => type.IsClass && type.Namespace == typeof(JdCloudPod).Namespace;

    public static PropertyCheck[] For(Type owner)
    {
        var checks = new List<PropertyCheck>();
        foreach (var property in owner.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } json) continue;
            var use = new AttributeUse();
            checks.Add(Build(property, json.Name, use));
            use.EnsureAllTaken(property);
        }
        return [.. checks];
    }

    private static PropertyCheck Build(PropertyInfo property, string name, AttributeUse use)
    {
        var required = use.Has<RequiredAttribute>(property);
        var type = property.PropertyType;
        if (type == typeof(string)) return new StringCheck(name, required, StringRules.From(property, use));
        if (type == typeof(int?) || type == typeof(long?)) return new IntegerCheck(name, required, IntegerRules.From(property, use));
        if (type == typeof(bool?) && use.Take<OneOfAttribute>(property) is { } allowed)
        {
            return new BooleanCheck(name, required, [.. allowed.Values.Cast<bool>()]);
        }
        if (type == typeof(k8s.Models.IntOrString))
        {
            return new IntOrStringCheck(name, required, IntegerRules.From(property, use), StringRules.From(property, use));
        }
        if (type == typeof(List<string>))
        {
            return new StringListCheck(name, required, new ListRules(use.Take<ItemsAttribute>(property)),
                use.Take<TotalLengthAttribute>(property), use.Has<ListSetAttribute>(property), StringRules.From(property, use));
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && IsEntity(type.GenericTypeArguments[0]))
        {
            return ObjectList(property, name, required, type.GenericTypeArguments[0], use);
        }
        if (IsEntity(type)) return new ObjectCheck(name, required, type);
        // A value type that is not nullable (a plain bool) always has a value in the entity, so it is never missing.
        return new PresenceCheck(name, required && !(type.IsValueType && Nullable.GetUnderlyingType(type) is null));
    }

    private static PropertyCheck ObjectList(PropertyInfo property, string name, bool required, Type item, AttributeUse use)
    {
        var listRules = new ListRules(use.Take<ItemsAttribute>(property));
        var keyName = use.Take<ListMapAttribute>(property)?.Keys switch
        {
            null => null,
            [var single] => single,
            _ => throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: the validator supports single-key list maps only"),
        };
        var warned = use.Take<WarnRepeatsAttribute>(property);
        if (keyName is not null && warned is not null)
        {
            throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: a list map's keys are unique, so none repeats to warn about");
        }
        var key = keyName is not null ? new ListKey(keyName, null) : warned is not null ? new ListKey(warned.Key, warned.Consequence) : null;
        if (key is not null) KeyProperty(item, key.Name);
        return new ObjectListCheck(name, required, listRules, key, item);
    }

    private static PropertyInfo KeyProperty(Type item, string jsonName) =>
        item.GetProperties().SingleOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == jsonName && p.PropertyType == typeof(string))
        ?? throw new InvalidOperationException($"{item.Name} has no string property '{jsonName}' to key a list map by");
}
