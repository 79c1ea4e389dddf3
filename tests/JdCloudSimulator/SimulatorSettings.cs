namespace JdCloudSimulator;

/// <summary>
/// Behaviour that tests and the demo may change while the simulator runs (through
/// <see cref="SimulatorState.Configure"/> or <c>PUT /_sim/settings</c>). Reset restores the startup values.
/// </summary>
public sealed record SimulatorSettings
{
    /// <summary>How long a new pod stays <c>pending</c> before it is <c>running</c> (or <c>error</c>).</summary>
    public TimeSpan BootDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a deleted pod stays <c>deleting</c> before it is gone (404).</summary>
    public TimeSpan DeleteDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of new pods (0-1) that end in <c>error</c> instead of <c>running</c>.</summary>
    public double BootFailureRate { get; init; }

    /// <summary>When set, a pod in <c>error</c> is removed after this long, as the product page says the cloud does.</summary>
    public TimeSpan? ErroredPodLifetime { get; init; }

    /// <summary>Live pods the cloud can host in all; createPods creates fewer than maxCount beyond it. Null: unlimited.</summary>
    public int? Capacity { get; init; }

    /// <summary>The <c>pod</c> quota of every region: live pods per region.</summary>
    public int PodQuota { get; init; } = 10_000;

    /// <summary>No delays at all: pods are running as soon as createPods returns, and gone as soon as deletePod does.</summary>
    public static SimulatorSettings Instant { get; } = new() { BootDelay = TimeSpan.Zero, DeleteDelay = TimeSpan.Zero };
}
