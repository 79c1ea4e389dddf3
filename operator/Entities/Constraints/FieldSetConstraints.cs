namespace JdCloudPodOperator.Entities.Constraints;

// Rules about which fields of one object are present together. OpenAPI states each with `required` inside a
// junctor (oneOf, anyOf, not), so every API server enforces it, 1.20 included, without CEL; the validator reads the
// same attribute for its kubectl-style messages.

/// <summary>Exactly one of <see cref="Fields"/> is set (`oneOf` of `required`); <see cref="Noun"/> names them in messages.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ExactlyOneOfAttribute(string noun, params string[] fields) : Attribute
{
    public string Noun { get; } = noun;
    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>At least one of <see cref="Fields"/> is set (`anyOf` of `required`), e.g. an image or an image cache.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AtLeastOneOfAttribute(params string[] fields) : Attribute
{
    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>The two fields are never set together (`not` of `required`).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotTogetherAttribute(string first, string second) : Attribute
{
    public string First { get; } = first;
    public string Second { get; } = second;
}
