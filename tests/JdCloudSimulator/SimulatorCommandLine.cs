using System.Globalization;
using JdCloudSimulator.Faults;

namespace JdCloudSimulator;

/// <summary>Options of the standalone simulator. Durations are written <c>500ms</c>, <c>3s</c>, <c>2m</c> or plain seconds.</summary>
public static class SimulatorCommandLine
{
    public static readonly string Help = $"""
        JD Cloud Pod service simulator (test double; never a real cloud).

        Usage: JdCloudSimulator [options]      (or: make simulator ARGS="...")

          --port N                   listen on http://127.0.0.1:N (default {SimulatorOptions.DefaultPort}; 0 = any free port)
          --urls URL                 listen on URL instead, e.g. http://0.0.0.0:18780
          --access-key AK            the one accepted access key (default {SimulatorOptions.DefaultAccessKey})
          --secret-key SK            its secret key (default {SimulatorOptions.DefaultSecretKey})
          --boot-delay D             pending -> running (default 3s)
          --delete-delay D           deleting -> gone (default 2s)
          --stop-delay D             stopping -> stopped (default 2s)
          --start-delay D            starting -> running (default 3s)
          --rebuild-delay D          rebuilding -> stopped (default 3s)
          --resize-delay D           resizing -> stopped (default 2s)
          --instant                  no delays: every phase delay 0 (intermediate phases are entered and left at once)
          --failing-image IMAGE      pods with a container using IMAGE end in error at boot or start (repeatable)
          --wrong-phase-status S     error.status of a call in a stable phase it does not accept (default INVALID_ARGUMENT)
          --boot-failure-rate R      share of new pods (0-1) that end in error instead of running
          --errored-pod-lifetime D   remove pods in error after D, as the cloud does (default: keep them)
          --capacity N               live pods the cloud can host in all; createPods creates fewer beyond (default unlimited)
          --quota N                  pod quota per region (default 10000)
          --clock-skew D             with --strict-signing, reject x-jdcloud-date further than D from now (default 15m; 0 = no check)
          --strict-signing           require signed x-jdcloud-date and x-jdcloud-nonce, and reject replayed nonces
          --strict-world             accept only declared subnets and security groups (default: any subnet-*/sg-* is created)
          --rate-limit-rate R        share of calls answered 429 RATE_LIMIT (all operations)
          --error-rate R             share of calls answered 500 INTERNAL
          --unavailable-rate R       share of calls answered 503 UNAVAILABLE
          --timeout-rate R           share of calls never answered
          --lost-response-rate R     share of calls carried out whose answer is lost (connection dropped)
          --latency D                added to every call
          --seed N                   seed of random choices (IDs, faults), for reproducible runs
          --help                     this text

        The Pod API is under /v1 (signed, JDCLOUD2 or JDCLOUD3); the test API is under /_sim (GET /_sim lists it).
        """;

    public sealed record Result(SimulatorOptions? Options, string? Error);

    /// <summary>Options, or null options for --help, or an error naming the bad argument.</summary>
    public static Result Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions { Url = $"http://127.0.0.1:{SimulatorOptions.DefaultPort}" };
        var faults = new OperationFaults();
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                string Value() => ++i < args.Count ? args[i] : throw new FormatException($"{name} needs a value");
                switch (name)
                {
                    case "--help" or "-h": return new Result(null, null);
                    case "--port": options = options with { Url = $"http://127.0.0.1:{Int(Value(), name)}" }; break;
                    case "--urls": options = options with { Url = Value().Split(';')[0] }; break;
                    case "--access-key": options = options with { AccessKey = Value() }; break;
                    case "--secret-key": options = options with { SecretKey = Value() }; break;
                    case "--boot-delay": options = With(options, s => s with { BootDelay = Duration(Value(), name) }); break;
                    case "--delete-delay": options = With(options, s => s with { DeleteDelay = Duration(Value(), name) }); break;
                    case "--stop-delay": options = With(options, s => s with { StopDelay = Duration(Value(), name) }); break;
                    case "--start-delay": options = With(options, s => s with { StartDelay = Duration(Value(), name) }); break;
                    case "--rebuild-delay": options = With(options, s => s with { RebuildDelay = Duration(Value(), name) }); break;
                    case "--resize-delay": options = With(options, s => s with { ResizeDelay = Duration(Value(), name) }); break;
                    case "--instant": options = With(options, s => s.WithoutDelays()); break;
                    case "--failing-image": options = With(options, s => s with { FailingImages = [.. s.FailingImages, Value()] }); break;
                    case "--wrong-phase-status": options = With(options, s => s with { WrongPhaseStatus = Value() }); break;
                    case "--boot-failure-rate": options = With(options, s => s with { BootFailureRate = Rate(Value(), name) }); break;
                    case "--errored-pod-lifetime": options = With(options, s => s with { ErroredPodLifetime = Duration(Value(), name) }); break;
                    case "--capacity": options = With(options, s => s with { Capacity = Int(Value(), name) }); break;
                    case "--quota": options = With(options, s => s with { PodQuota = Int(Value(), name) }); break;
                    case "--clock-skew": options = options with { ClockSkew = Duration(Value(), name) is var d && d > TimeSpan.Zero ? d : null }; break;
                    case "--strict-signing": options = options with { StrictSigning = true }; break;
                    case "--strict-world": options = options with { StrictWorld = true }; break;
                    case "--rate-limit-rate": faults = faults with { RateLimitRate = Rate(Value(), name) }; break;
                    case "--error-rate": faults = faults with { InternalErrorRate = Rate(Value(), name) }; break;
                    case "--unavailable-rate": faults = faults with { UnavailableRate = Rate(Value(), name) }; break;
                    case "--timeout-rate": faults = faults with { TimeoutRate = Rate(Value(), name) }; break;
                    case "--lost-response-rate": faults = faults with { LostResponseRate = Rate(Value(), name) }; break;
                    case "--latency": faults = faults with { Latency = Duration(Value(), name) }; break;
                    case "--seed": options = options with { RandomSeed = Int(Value(), name) }; break;
                    default: throw new FormatException($"unknown option {name}");
                }
            }
        }
        catch (FormatException e)
        {
            return new Result(null, e.Message);
        }
        return new Result(options with { Faults = new Dictionary<string, OperationFaults> { [FaultInjector.AllOperations] = faults } }, null);
    }

    private static SimulatorOptions With(SimulatorOptions options, Func<SimulatorSettings, SimulatorSettings> change) =>
        options with { Settings = change(options.Settings) };

    private static int Int(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name}: \"{text}\" is not a non-negative integer");

    private static double Rate(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new FormatException($"{name}: \"{text}\" is not a rate from 0 to 1");

    public static TimeSpan Duration(string text, string name)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? TimeSpan.FromSeconds(value * unit)
            : throw new FormatException($"{name}: \"{text}\" is not a duration such as 500ms, 3s or 2m");
    }
}
