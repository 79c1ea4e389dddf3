using System.Reflection;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// Tracks which constraint attributes of a property the validator has turned into checks, so that an attribute
/// it does not understand (or one on a property type it cannot check) fails loudly at start-up instead of being
/// silently ignored.
/// </summary>
internal sealed class AttributeUse
{
    // Read by others only: the CRD generator (Default, CelRule: the C# rules are the validator's copy) and kubectl.
    private static readonly HashSet<Type> NotForTheValidator =
    [
        typeof(DefaultAttribute), typeof(CelRuleAttribute), typeof(EmbeddedKubernetesTypeAttribute),
    ];

    private readonly HashSet<Type> taken = [];

    public T? Take<T>(PropertyInfo property) where T : Attribute
    {
        var attribute = property.GetCustomAttribute<T>();
        if (attribute is not null) taken.Add(typeof(T));
        return attribute;
    }

    public bool Has<T>(PropertyInfo property) where T : Attribute => Take<T>(property) is not null;

    /// <summary>Throws when the property carries a constraint the checks built for it do not cover.</summary>
    public void EnsureAllTaken(PropertyInfo property)
    {
        foreach (var attribute in property.GetCustomAttributes())
        {
            var type = attribute.GetType();
            if (type.Namespace != typeof(RequiredAttribute).Namespace || NotForTheValidator.Contains(type)) continue;
            if (!taken.Contains(type))
            {
                throw new InvalidOperationException(
                    $"{property.DeclaringType?.Name}.{property.Name}: [{type.Name}] is not supported on a {property.PropertyType.Name} property by the validator");
            }
        }
    }
}
