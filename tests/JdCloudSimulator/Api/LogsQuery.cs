using System.Globalization;
using JdCloudPodOperator.Validation;
using JdCloudSimulator.Pods;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudSimulator.Api;

/// <summary>getContainerLogs' query, every error listed: tailLines (0 or more), sinceSeconds (1 or more), limitBytes
/// (1-4096, read as bytes), startTime and endTime (RFC 3339).</summary>
internal static class LogsQuery
{
    public static LogSelection Parse(IEnumerable<KeyValuePair<string, string>> query)
    {
        var parameters = query.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var violations = new List<FieldViolation>();
        var selection = new LogSelection(
            Integer(parameters, "tailLines", 0, int.MaxValue, violations),
            Integer(parameters, "sinceSeconds", 1, int.MaxValue, violations),
            Integer(parameters, "limitBytes", 1, ContainerLog.MaxBytes, violations),
            Time(parameters, "startTime", violations),
            Time(parameters, "endTime", violations));
        return violations.Count == 0 ? selection : throw ApiException.InvalidArgument(violations);
    }

    private static int? Integer(Dictionary<string, string> parameters, string name, int min, int max, List<FieldViolation> violations)
    {
        if (!parameters.TryGetValue(name, out var text)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        violations.Add(new(name, ViolationKind.Invalid, text, $"must be an integer from {min} to {max}"));
        return null;
    }

    private static DateTimeOffset? Time(Dictionary<string, string> parameters, string name, List<FieldViolation> violations)
    {
        if (!parameters.TryGetValue(name, out var text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        violations.Add(new(name, ViolationKind.Invalid, text, "must be a time such as 2026-01-02T03:04:05Z"));
        return null;
    }
}
