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
/// The property's value is a Kubernetes type from KubernetesClient's models (metav1.Condition), not one of ours.
/// The CRD describes it with <see cref="Shape"/>: a mirror of that type written with our attributes, so its
/// standard limits also live in Entities and the schema stays structural (no preserve-unknown-fields).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmbeddedKubernetesTypeAttribute(Type shape) : Attribute
{
    public Type Shape { get; } = shape;
}
