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

    public static PropertyCheck<T>[] For<T>() where T : class
    {
        var checks = new List<PropertyCheck<T>>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } json) continue;
            var use = new AttributeUse();
            checks.Add(Build<T>(property, json.Name, use));
            use.EnsureAllTaken(property);
        }
        return [.. checks];
    }

    private static PropertyCheck<T> Build<T>(PropertyInfo property, string name, AttributeUse use) where T : class
    {
        var required = use.Has<RequiredAttribute>(property);
        var type = property.PropertyType;
        if (type == typeof(string))
        {
            return new StringCheck<T>(name, required, Getter<T, string?>(property), StringRules.From(property, use));
        }
        if (type == typeof(int?))
        {
            var get = Getter<T, int?>(property);
            return new IntegerCheck<T>(name, required, owner => get(owner), IntegerRules.From(property, use));
        }
        if (type == typeof(bool?) && use.Take<OneOfAttribute>(property) is { } allowed)
        {
            return new BooleanCheck<T>(name, required, Getter<T, bool?>(property), [.. allowed.Values.Cast<bool>()]);
        }
        if (type == typeof(long?))
        {
            return new IntegerCheck<T>(name, required, Getter<T, long?>(property), IntegerRules.From(property, use));
        }
        if (type == typeof(k8s.Models.IntOrString))
        {
            return new IntOrStringCheck<T>(name, required, Getter<T, k8s.Models.IntOrString?>(property),
                IntegerRules.From(property, use), StringRules.From(property, use));
        }
        if (type == typeof(List<string>))
        {
            return new StringListCheck<T>(name, required, Getter<T, List<string>?>(property),
                new ListRules(use.Take<ItemsAttribute>(property)), use.Take<TotalLengthAttribute>(property),
                use.Has<ListSetAttribute>(property), StringRules.From(property, use));
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && IsEntity(type.GenericTypeArguments[0]))
        {
            return ObjectList<T>(property, name, required, type.GenericTypeArguments[0], use);
        }
        var check = IsEntity(type)
            ? typeof(ObjectCheck<,>).MakeGenericType(typeof(T), type)
            : typeof(PresenceCheck<,>).MakeGenericType(typeof(T), type);
        return (PropertyCheck<T>)Activator.CreateInstance(check, name, required, Getter(property, typeof(T), type))!;
    }

    private static PropertyCheck<T> ObjectList<T>(PropertyInfo property, string name, bool required, Type item, AttributeUse use)
    {
        var listRules = new ListRules(use.Take<ItemsAttribute>(property));
        var keyName = use.Take<ListMapAttribute>(property)?.Keys switch
        {
            null => null,
            [var single] => single,
            _ => throw new InvalidOperationException($"{typeof(T).Name}.{property.Name}: the validator supports single-key list maps only"),
        };
        var key = keyName is null ? null : Getter(KeyProperty(item, keyName), item, typeof(string));
        var check = typeof(ObjectListCheck<,>).MakeGenericType(typeof(T), item);
        return (PropertyCheck<T>)Activator.CreateInstance(check, name, required, Getter(property, typeof(T), property.PropertyType), listRules, keyName, key)!;
    }

    private static PropertyInfo KeyProperty(Type item, string jsonName) =>
        item.GetProperties().SingleOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == jsonName && p.PropertyType == typeof(string))
        ?? throw new InvalidOperationException($"{item.Name} has no string property '{jsonName}' to key a list map by");

    private static Func<TOwner, TValue> Getter<TOwner, TValue>(PropertyInfo property) =>
        (Func<TOwner, TValue>)Getter(property, typeof(TOwner), typeof(TValue));

    /// <summary>An open-instance delegate to the getter: a direct call, no reflection and no boxing per use.</summary>
    private static Delegate Getter(PropertyInfo property, Type owner, Type value) =>
        property.GetMethod!.CreateDelegate(typeof(Func<,>).MakeGenericType(owner, value));
}
