namespace JdCloudPodOperator.Validation;

/// <summary>
/// Everything one validation found: the violations (the request must be refused) and the warnings (legal, but
/// probably not what the author meant; the webhook returns them as admission warnings, kubectl prints them).
/// </summary>
public sealed class ValidationResult
{
    /// <summary>
    /// Violations (and warnings) kept per run; the rest are only counted (<see cref="Omitted"/>). A hostile object
    /// with a million wrong entries must cost a bounded answer, log line and memory, and a person reads 100 at most.
    /// </summary>
    public const int MaxReported = 100;

    /// <summary>Nothing wrong, nothing to warn about; shared, so a valid pod costs no allocation.</summary>
    public static ValidationResult Valid { get; } = new([], []);

    public ValidationResult(IReadOnlyList<FieldViolation> violations, IReadOnlyList<string> warnings, int omitted = 0)
    {
        Violations = violations;
        Warnings = warnings;
        Omitted = omitted;
    }

    /// <summary>Each broken rule, in the order of the fields; at most <see cref="MaxReported"/>.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; }

    /// <summary>Violations found past the first <see cref="MaxReported"/>: counted, not kept.</summary>
    public int Omitted { get; }

    /// <summary>`field.path: what is probably not meant`.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public bool IsValid => Violations.Count == 0;

    /// <summary>"and K more", for whoever lists <see cref="Violations"/>; null when nothing was omitted.</summary>
    public string? OmittedText => Omitted == 0 ? null : $"and {Omitted} more";

    /// <summary>One violation per line, as kubectl prints them.</summary>
    public override string ToString() =>
        string.Join('\n', OmittedText is { } more ? [.. Violations.Select(v => v.ToString()), more] : Violations.Select(v => v.ToString()));
}
