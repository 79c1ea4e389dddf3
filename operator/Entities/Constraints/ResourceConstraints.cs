namespace JdCloudPodOperator.Entities.Constraints;

/// <summary>
/// A cross-field rule emitted as an `x-kubernetes-validations` CEL rule on the type's schema (Kubernetes >= 1.25).
/// The validator implements the same rule in C# for every cluster version; this text is only the schema's copy.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;
    public string Message { get; } = message;
}

/// <summary>Short names for kubectl (`kubectl get jdpod`).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>A column of `kubectl get` (additionalPrinterColumns).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath, string description) : Attribute
{
    public string Name { get; } = name;
    public string Type { get; } = type;
    public string JsonPath { get; } = jsonPath;
    public string Description { get; } = description;
    /// <summary>0: always shown; 1: only with `-o wide`.</summary>
    public int Priority { get; init; }
}

/// <summary>Categories the resource belongs to (`kubectl get jdcloud`).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CategoriesAttribute(params string[] categories) : Attribute
{
    public IReadOnlyList<string> Categories { get; } = categories;
}

/// <summary>
/// The property's value is kept as arbitrary JSON (`x-kubernetes-preserve-unknown-fields`), for types the
/// generator cannot describe field by field (metav1.Condition comes from the Kubernetes model, not ours).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmbeddedKubernetesTypeAttribute : Attribute;
