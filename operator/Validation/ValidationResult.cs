namespace JdCloudPodOperator.Validation;

/// <summary>
/// Everything one validation found: the violations (the request must be refused) and the warnings (legal, but
/// probably not what the author meant; the webhook returns them as admission warnings, kubectl prints them).
/// </summary>
public sealed class ValidationResult
{
    /// <summary>Nothing wrong, nothing to warn about; shared, so a valid pod costs no allocation.</summary>
    public static ValidationResult Valid { get; } = new([], []);

    public ValidationResult(IReadOnlyList<FieldViolation> violations, IReadOnlyList<string> warnings)
    {
        Violations = violations;
        Warnings = warnings;
    }

    /// <summary>Each broken rule, in the order of the fields.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; }

    /// <summary>`field.path: what is probably not meant`.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public bool IsValid => Violations.Count == 0;

    /// <summary>One violation per line, as kubectl prints them.</summary>
    public override string ToString() => string.Join('\n', Violations);
}
