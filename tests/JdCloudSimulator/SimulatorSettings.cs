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

    /// <summary>How long a stopped pod stays <c>stopping</c> before it is <c>stopped</c>.</summary>
    public TimeSpan StopDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a started pod stays <c>starting</c> before it is <c>running</c> (or <c>error</c>).</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a rebuilt pod stays <c>rebuilding</c> before it is <c>stopped</c> with its new containers.</summary>
    public TimeSpan RebuildDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a resized pod stays <c>resizing</c> before it is <c>stopped</c> with its new type.</summary>
    public TimeSpan ResizeDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of new pods (0-1) that end in <c>error</c> instead of <c>running</c>.</summary>
    public double BootFailureRate { get; init; }

    /// <summary>Images (exact references, e.g. <c>nginx:broken</c>) that never start: a pod with a container using one
    /// ends in <c>error</c> (reason ErrImagePull) after createPods' boot or a startPod.</summary>
    public IReadOnlyList<string> FailingImages { get; init; } = [];

    /// <summary>
    /// The <c>error.status</c> of a call refused because the pod is in a stable phase the operation does not accept
    /// (stopPod on a stopped pod). Not published: INVALID_ARGUMENT by default (a status other than a busy pod's);
    /// FAILED_PRECONDITION, the other plausible reading, makes clients retry it as busy first
    /// (docs/jdcloud-pod-lifecycle.md, "Errors").
    /// </summary>
    public string WrongPhaseStatus { get; init; } = "INVALID_ARGUMENT";

    /// <summary>When set, a pod in <c>error</c> is removed after this long, as the product page says the cloud does.</summary>
    public TimeSpan? ErroredPodLifetime { get; init; }

    /// <summary>Live pods the cloud can host in all; createPods creates fewer than maxCount beyond it. Null: unlimited.</summary>
    public int? Capacity { get; init; }

    /// <summary>The <c>pod</c> quota of every region: live pods per region.</summary>
    public int PodQuota { get; init; } = 10_000;

    /// <summary>No delays at all: every intermediate phase is entered and left at the instant of the call.</summary>
    public static SimulatorSettings Instant { get; } = new SimulatorSettings().WithoutDelays();

    /// <summary>These settings with every phase delay zero (<c>--instant</c>).</summary>
    public SimulatorSettings WithoutDelays() => this with
    {
        BootDelay = TimeSpan.Zero, DeleteDelay = TimeSpan.Zero, StopDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero,
        RebuildDelay = TimeSpan.Zero, ResizeDelay = TimeSpan.Zero,
    };
}
