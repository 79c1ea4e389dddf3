using JdCloudPodOperator.Validation.Rules;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// All rules of one entity type, built once from its attributes (and its cross-field rules), then run without
/// reflection: typed getter delegates, compiled regexes, precomputed messages.
/// </summary>
internal static class TypeRules<T> where T : class
{
    private static readonly PropertyCheck<T>[] Properties = PropertyChecks.For<T>();
    private static readonly Action<T, ValidationContext>? FieldSets = FieldSetRules.For<T>();
    private static readonly Action<T, ValidationContext>? CrossField = CrossFieldRules.For<T>();

    /// <summary>Checks every rule of <paramref name="value"/>; the context points at it.</summary>
    public static void Check(T value, ValidationContext context)
    {
        foreach (var property in Properties) property.Check(value, context);
        FieldSets?.Invoke(value, context);
        CrossField?.Invoke(value, context);
    }

    /// <summary>
    /// Checks one property only, by JSON name: createPods' maxCount, which lives outside PodSpec (the JD Cloud
    /// simulator judges createPods bodies with the operator's rules).
    /// </summary>
    public static void CheckProperty(string name, T value, ValidationContext context)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name) property.Check(value, context);
        }
    }
}

/// <summary>A nested entity: Required, then its own rules.</summary>
internal sealed class ObjectCheck<TOwner, TChild>(string name, bool required, Func<TOwner, TChild?> get)
    : ReferenceCheck<TOwner, TChild>(name, required, get) where TChild : class
{
    protected override void CheckValue(TChild value, ValidationContext context) => TypeRules<TChild>.Check(value, context);
}
