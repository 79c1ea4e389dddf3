using JdCloudSimulator.Faults;
using JdCloudSimulator.Inspection;
using JdCloudSimulator.Pods;
using JdCloudSimulator.World;

namespace JdCloudSimulator;

/// <summary>
/// The simulator's state and the test API over it: every pod ever created, the calls received, settings, faults,
/// the world, per-pod instructions and reset. Thread-safe: one lock guards the simulation, and the clock is
/// advanced (due phase changes applied) before anything is read or done.
/// </summary>
public sealed class SimulatorState
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private SimulatorSettings _settings;
    private Simulation _simulation;

    public SimulatorState(SimulatorOptions options)
    {
        Options = options;
        _random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        _settings = options.Settings;
        _simulation = NewSimulation();
        Calls = new CallLog(options.MaxRecordedCalls);
        Faults = new FaultInjector(options.Faults, new Random(_random.Next()));
    }

    public SimulatorOptions Options { get; }
    public CallLog Calls { get; }
    public FaultInjector Faults { get; }
    public DateTimeOffset Now => Options.Clock.GetUtcNow();

    public SimulatorSettings Settings
    {
        get { lock (_gate) return _settings; }
    }

    /// <summary>Changes behaviour from now on (pods already scheduled keep their due times).</summary>
    public void Configure(Func<SimulatorSettings, SimulatorSettings> change)
    {
        lock (_gate) _settings = change(_settings);
    }

    /// <summary>Declares networks or disks, or changes stock, in the running world.</summary>
    public void EditWorld(Action<SimulatedWorld> edit) => Run((simulation, _) =>
    {
        edit(simulation.World);
        return 0;
    });

    /// <summary>Every pod ever created, in creation order, with its current phase (<see cref="PodPhase.Gone"/> once deleted).</summary>
    public IReadOnlyList<PodRecord> Pods() => Run((simulation, _) => simulation.AllPods.Select(PodRecord.Of).ToList());

    public PodRecord? Pod(string podId) => Pods().FirstOrDefault(p => p.PodId == podId);

    /// <summary>Every phase change of every pod (or of one), oldest first; only those after sequence <paramref name="after"/>.</summary>
    public IReadOnlyList<PhaseChangeRecord> PhaseChanges(string? podId = null, long after = 0) => Run((simulation, _) =>
        simulation.AllPods.Where(p => podId is null || p.PodId == podId)
            .SelectMany(p => p.History.Where(h => h.Sequence > after)
                .Select(h => new PhaseChangeRecord(h.Sequence, h.At, p.PodId, p.Name, p.RegionId, h.Phase, h.Previous, h.Reason, h.Message)))
            .OrderBy(c => c.Sequence)
            .ToList());

    /// <summary>Sends a live pod to <c>error</c> now.</summary>
    public void FailPod(string podId, string message = "the pod failed (simulator instruction)") =>
        Run((simulation, now) => { simulation.FailPod(podId, message, now); return 0; });

    /// <summary>Makes a live pod disappear now, as if deleted outside the operator.</summary>
    public void RemovePod(string podId) => Run((simulation, now) => { simulation.RemovePod(podId, now); return 0; });

    /// <summary>Forgets every clientToken seen: a createPods that repeats one is then judged as a new call.</summary>
    public void ExpireClientTokens() => Run((simulation, _) => { simulation.ExpireClientTokens(); return 0; });

    /// <summary>Back to the startup state: no pods, tokens or calls; startup settings, faults and world.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _settings = Options.Settings;
            _simulation = NewSimulation();
        }
        Calls.Clear();
        Faults.Reset();
        ResetHappened?.Invoke();
    }

    internal event Action? ResetHappened;

    /// <summary>Runs one operation under the lock, after applying every phase change due by now.</summary>
    internal T Run<T>(Func<Simulation, DateTimeOffset, T> operation)
    {
        lock (_gate)
        {
            var now = Now;
            _simulation.Advance(now);
            return operation(_simulation, now);
        }
    }

    private Simulation NewSimulation() =>
        new(Options.World(), () => _settings, new Random(_random.Next()), Options.StrictWorld);
}
