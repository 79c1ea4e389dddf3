using System.Globalization;

namespace JdCloudPodOperator.JdCloud;

/// <summary>
/// getContainerLogs parameters, all optional (docs/jdcloud-pod-lifecycle.md, "getContainerLogs"). The answer holds
/// at most 4 KB; without <see cref="TailLines"/> it starts at the container's start or at <see cref="SinceSeconds"/>.
/// </summary>
public sealed record ContainerLogsQuery
{
    /// <summary>The documented ceiling of one answer, and of <see cref="LimitBytes"/> (read as bytes: 1-4096).</summary>
    public const int MaxBytes = 4096;

    /// <summary>Only the last N lines.</summary>
    public int? TailLines { get; init; }

    /// <summary>Only lines of the last N seconds.</summary>
    public int? SinceSeconds { get; init; }

    /// <summary>At most this many bytes, 1-4096.</summary>
    public int? LimitBytes { get; init; }

    /// <summary>The documents call <c>startTime</c> the UPPER bound of the log time and <c>endTime</c> the lower one
    /// (both languages); the format is not stated, RFC 3339 UTC is sent. Prefer <see cref="SinceSeconds"/>.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The lower bound of the log time, as documented (see <see cref="StartTime"/>).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The decoded name/value pairs of the query; throws for values outside the documented ranges.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToParameters()
    {
        Positive(TailLines, "tailLines", int.MaxValue);
        Positive(SinceSeconds, "sinceSeconds", int.MaxValue);
        Positive(LimitBytes, "limitBytes", MaxBytes);
        var parameters = new List<KeyValuePair<string, string>>();
        Add(parameters, "tailLines", TailLines?.ToString(CultureInfo.InvariantCulture));
        Add(parameters, "sinceSeconds", SinceSeconds?.ToString(CultureInfo.InvariantCulture));
        Add(parameters, "limitBytes", LimitBytes?.ToString(CultureInfo.InvariantCulture));
        Add(parameters, "startTime", Format(StartTime));
        Add(parameters, "endTime", Format(EndTime));
        return parameters;
    }

    private static void Positive(int? value, string name, int max)
    {
        if (value is < 1 || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be 1-{max}.");
    }

    private static void Add(List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        if (value is not null) parameters.Add(new(name, value));
    }

    private static string? Format(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
