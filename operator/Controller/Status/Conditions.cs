using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

namespace JdCloudPodOperator.Controller.Status;

/// <summary>
/// kstatus-style conditions: Ready (all desired pods run), Reconciling (converging), Stalled (needs someone to act).
/// A condition keeps its lastTransitionTime while its status stays the same, as metav1.Condition requires.
/// </summary>
public static partial class Conditions
{
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";
    public const string CmdbRegistered = "CmdbRegistered";

    /// <summary>metav1.Condition limits the message to 32768 characters.</summary>
    public const int MaxMessageLength = 32768;

    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>The condition as it should now read, keeping the previous transition time if the status is unchanged.</summary>
    public static V1Condition Next(
        V1Condition? previous, string type, bool status, string reason, string message, long? generation, DateTime now)
    {
        var statusText = status ? "True" : "False";
        return new V1Condition
        {
            Type = type,
            Status = statusText,
            Reason = SafeReason(reason),
            Message = message.Length <= MaxMessageLength ? message : message[..MaxMessageLength],
            ObservedGeneration = generation,
            LastTransitionTime = previous?.Status == statusText ? previous.LastTransitionTime : Truncate(now),
        };
    }

    /// <summary>
    /// A reason the API server accepts (<c>^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$</c>, at most 1024 characters) in
    /// the CamelCase convention: cloud statuses such as INVALID_ARGUMENT become InvalidArgument; anything with no
    /// usable letters becomes CloudRejected.
    /// </summary>
    public static string SafeReason(string? raw)
    {
        var camel = new StringBuilder();
        foreach (var word in WordPattern().Matches(raw ?? "").Select(m => m.Value))
            camel.Append(char.ToUpperInvariant(word[0])).Append(word.Length > 1 && word.ToUpperInvariant() == word ? word[1..].ToLowerInvariant() : word[1..]);
        var text = camel.ToString().TrimStart("0123456789".ToCharArray());
        return text.Length is > 0 and <= 1024 ? text : "CloudRejected";
    }

    // The API server stores second precision; a finer time would look like a change on every comparison.
    private static DateTime Truncate(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex WordPattern();
}
