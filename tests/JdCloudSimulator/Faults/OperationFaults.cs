
namespace JdCloudSimulator.Faults;

/// <summary>What can go wrong with a call, besides the service's own answers.</summary>
public enum FaultKind
{
    None,
    /// <summary>429 RATE_LIMIT, nothing done.</summary>
    RateLimit,
    /// <summary>500 INTERNAL, nothing done.</summary>
    InternalError,
    /// <summary>503 UNAVAILABLE, nothing done.</summary>
    Unavailable,
    /// <summary>No answer until the client gives up (or <see cref="OperationFaults.TimeoutAfter"/>), nothing done.</summary>
    Timeout,
    /// <summary>The operation is carried out (pods are created), then the connection is dropped without an answer.</summary>
    LostResponse,
}

/// <summary>Fault rates (each 0-1 of the calls) and latency for one operation.</summary>
public sealed record OperationFaults
{
    public double RateLimitRate { get; init; }
    public double InternalErrorRate { get; init; }
    public double UnavailableRate { get; init; }
    public double TimeoutRate { get; init; }
    public double LostResponseRate { get; init; }

    /// <summary>Added before every call is handled.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>How long a timed-out call hangs before the connection is dropped (if the client has not gone first).</summary>
    public TimeSpan TimeoutAfter { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>One draw in [0, 1) picks at most one fault: the rates are stacked, so their sum should stay ≤ 1.</summary>
    public FaultKind Pick(double draw)
    {
        (FaultKind Kind, double Rate)[] rates =
        [
            (FaultKind.RateLimit, RateLimitRate), (FaultKind.InternalError, InternalErrorRate), (FaultKind.Unavailable, UnavailableRate),
            (FaultKind.Timeout, TimeoutRate), (FaultKind.LostResponse, LostResponseRate),
        ];
        foreach (var (kind, rate) in rates)
        {
            if (draw < rate) return kind;
            draw -= rate;
        }
        return FaultKind.None;
    }
}
