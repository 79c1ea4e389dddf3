using System.Globalization;

namespace JdCloudPodOperator.JdCloud.Models;

/// <summary>Times arrive as strings; read RFC 3339 and never fail on another format (docs/jdcloud-api.md,
/// Models).</summary>
public static class JdCloudTimestamp
{
    public static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
