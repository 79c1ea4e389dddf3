using JdCloudSimulator.Faults;
using JdCloudSimulator.World;

namespace JdCloudSimulator;

/// <summary>How a simulator starts. The demo defaults are documented in the README and in <c>--help</c>.</summary>
public sealed record SimulatorOptions
{
    public const string DefaultAccessKey = "JDSIM-ACCESS-KEY";
    public const string DefaultSecretKey = "JDSIM-SECRET-KEY";
    public const int DefaultPort = 18780;

    /// <summary>Address to listen on. Port 0 picks a free port (what tests use).</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>The one access key the simulator knows, and its secret key.</summary>
    public string AccessKey { get; init; } = DefaultAccessKey;
    public string SecretKey { get; init; } = DefaultSecretKey;

    /// <summary>
    /// Largest accepted distance between <c>x-jdcloud-date</c> and the simulator's clock, in strict signing only (the
    /// real gateway's window is not published). Null: no check.
    /// </summary>
    public TimeSpan? ClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Strict signing: date and nonce must be signed, the date within <see cref="ClockSkew"/>, and a nonce seen
    /// within the skew window is a replay.</summary>
    public bool StrictSigning { get; init; }

    /// <summary>Strict world: subnets and security groups must be declared; otherwise any <c>subnet-*</c> or <c>sg-*</c>
    /// is created on first use in the region's default VPC.</summary>
    public bool StrictWorld { get; init; }

    /// <summary>The world at startup (and after reset). Changing it later goes through <see cref="SimulatorState.EditWorld"/>.</summary>
    public Func<SimulatedWorld> World { get; init; } = SeedWorld.Create;

    public SimulatorSettings Settings { get; init; } = new();

    /// <summary>Faults for every operation ("*") or for one (for example "createPods") at startup.</summary>
    public IReadOnlyDictionary<string, OperationFaults> Faults { get; init; } = new Dictionary<string, OperationFaults>();

    /// <summary>Seed of the random choices (IDs, fault draws, boot failures). Null: different every run.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Oldest calls are dropped beyond this many, so long benchmarks stay bounded in memory.</summary>
    public int MaxRecordedCalls { get; init; } = 200_000;

    /// <summary>The clock for dates, skew and the pod lifecycle. Tests can pass a clock they move by hand.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Options for tests: no delays, a free port.</summary>
    public static SimulatorOptions Instant => new() { Settings = SimulatorSettings.Instant };
}
