using JdCloudPodOperator.Controller.Planning;
using JdCloudPodOperator.Entities;

namespace JdCloudPodOperator.Tests.Controller.Planning;

/// <summary>
/// A small model of the cloud (phases that settle after a random number of ticks, the documented preconditions, the
/// fields each call changes) driven by the controller's decisions: <see cref="ConvergencePlanner"/> for the count and
/// error pods, then <see cref="RolloutPlanner"/>, one pass per tick. It records the fewest pods running and the most
/// pods existing at any tick, so tests can check the bounds over a whole rollout. <see cref="CrashRate"/> loses, at
/// random, the status write after a call (the call happened, the record says it did not) or the call itself (the
/// checkpoint landed, the call never went out), as a killed operator would.
/// </summary>
internal sealed class RolloutModel(int seed, int desired, UpdateBounds bounds, PodSpecRevision initial)
{
    private readonly Random random = new(seed);
    private readonly Dictionary<string, CloudPod> cloud = [];
    private readonly Dictionary<string, PodSpecRevision> revisions = new() { [initial.Name!] = initial };
    private int nextId;
    private bool counting;
    private long generation = 1;
    private int clock;
    private int desiredCount = desired;
    private bool run = true;

    public int Desired { get => desiredCount; set { desiredCount = value; generation++; } }
    public UpdateBounds Bounds { get; set; } = bounds;
    public bool InPlace { get; set; } = true;
    public bool Run { get => run; set { run = value; generation++; } }
    public int DeadlineSeconds { get; set; } = 100_000;
    public RolloutStatus? Rollout { get; private set; }
    public bool UpdatesAllowed { get; set; } = true;
    public double CrashRate { get; set; }
    public int MaxDelay { get; set; } = 2;
    public PodSpecRevision Target { get; private set; } = initial;

    /// <summary>Container fingerprints whose pods go to error when they start.</summary>
    public HashSet<string> Failing { get; } = [];

    public List<string> PodIds { get; private set; } = [];
    public Dictionary<string, RolloutPod> Records { get; } = [];
    public Dictionary<string, int> Calls { get; } = [];
    public int MinRunning { get; private set; } = int.MaxValue;
    public int MaxPods { get; private set; }
    public List<string> Deleted { get; } = [];
    public int Created { get; private set; }

    public IEnumerable<string> Live => cloud.Values.Where(p => p.Phase != "deleting").Select(p => p.Id);

    /// <summary>Creates the pods at the initial revision and lets them come up; the bounds are measured from here on.</summary>
    public RolloutModel Start()
    {
        Create(Desired);
        for (var i = 0; i <= MaxDelay; i++) Tick();
        counting = true;
        return this;
    }

    public void Retarget(PodSpecRevision target)
    {
        revisions.TryAdd(target.Name!, target);
        Target = target;
        generation++;
    }

    /// <summary>Passes until everything runs the target or <paramref name="limit"/> passes have gone.</summary>
    public int Converge(int limit = 400)
    {
        for (var pass = 1; pass <= limit; pass++)
        {
            Pass();
            Tick();
            if (Converged) return pass;
        }
        return -1;
    }

    public bool Converged =>
        PodIds.Count == Desired && PodIds.All(id => Records[id] is { Operation: null } r && r.Revision == Target.Name
            && cloud.TryGetValue(id, out var pod) && pod.Phase == (Run ? "running" : "stopped") && pod.Content == Content.Of(Target));

    public void Pass()
    {
        var observed = PodIds.Where(cloud.ContainsKey).ToDictionary(id => id, id => new ObservedPod(id, id, cloud[id].Phase));
        var pods = PodIds.Where(observed.ContainsKey).Select(id => Records[id] with { State = observed[id].State }).ToList();
        var stalled = Rollout is { DeadlineExceeded: true } && Rollout.Generation == generation;
        var allowance = RolloutPlanner.Allowance(pods, Target.Name!, Bounds, Rollout is not null);
        var plan = ConvergencePlanner.Plan(new ConvergenceInput(Desired, PodIds, observed, [], new HashSet<string>(), true, allowance));
        PodIds = [.. plan.PodIds];
        IReadOnlyList<RolloutPod> after = [.. pods.Where(p => PodIds.Contains(p.PodId))];
        if (stalled) { }
        else if (plan.Next is DeletePods delete) Delete(delete.PodIds);
        else if (plan.Next is CreateMissing create) Create(create.Count);
        else if (plan.Next is Steady) after = Roll(after);
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(++clock);
        Rollout = RolloutProgress.Next(Rollout, after, new RolloutGoal(Target.Name!, Run, Desired, generation, DeadlineSeconds), now);
    }

    private IReadOnlyList<RolloutPod> Roll(IReadOnlyList<RolloutPod> pods)
    {
        var plan = RolloutPlanner.Plan(new RolloutInput(Desired, Bounds, InPlace, UpdatesAllowed, Run, Target, revisions, pods));
        foreach (var pod in plan.Pods) Records[pod.PodId] = pod;
        foreach (var call in plan.Calls)
        {
            if (Crashes()) continue;
            Count(call.Step);
            if (Send(cloud[call.PodId], call.Step) && !Crashes())
                Records[call.PodId] = Records[call.PodId] with { Operation = new PodOperationStatus
                {
                    Revision = Records[call.PodId].Operation!.Revision, Steps = Records[call.PodId].Operation!.Steps, Sent = true,
                } };
        }
        Delete(plan.Replace);
        if (plan.Surge > 0) Create(plan.Surge);
        return plan.Pods;
    }

    private bool Crashes() => CrashRate > 0 && random.NextDouble() < CrashRate;

    private void Count(string step) => Calls[step] = Calls.GetValueOrDefault(step) + 1;

    /// <summary>A call as the cloud takes it: false when refused (wrong phase), as the client reports it.</summary>
    private bool Send(CloudPod pod, string step)
    {
        switch (step)
        {
            case PodSteps.Stop when pod.Phase == "running":
                Move(pod, "stopping", "stopped");
                return true;
            case PodSteps.Start when pod.Phase == "stopped":
                Move(pod, "starting", Failing.Contains(pod.Content.Containers ?? "") ? "error" : "running");
                return true;
            case PodSteps.Rebuild when pod.Phase == "stopped":
                pod.Content = pod.Content with { Containers = Target.Containers };
                Move(pod, "rebuilding", "stopped");
                return true;
            // The client reads a refused resize to the type the pod already has as done.
            case PodSteps.Resize when pod.Phase == "stopped":
                if (pod.Content.InstanceType == Target.InstanceType) return true;
                pod.Content = pod.Content with { InstanceType = Target.InstanceType, Resources = Target.Resources };
                Move(pod, "resizing", "stopped");
                return true;
            case PodSteps.Modify when pod.Phase is "running" or "stopped":
                pod.Content = pod.Content with { Description = Target.Description };
                return true;
            default:
                return false;
        }
    }

    private void Create(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var pod = new CloudPod($"pod-{++nextId}", Content.Of(Target));
            cloud[pod.Id] = pod;
            Move(pod, "pending", Failing.Contains(Target.Containers!) ? "error" : "running");
            PodIds.Add(pod.Id);
            Records[pod.Id] = new RolloutPod(pod.Id, PodState.Transient, Target.Name!);
            Created++;
        }
    }

    private void Delete(IEnumerable<string> podIds)
    {
        foreach (var id in podIds.ToList())
        {
            Move(cloud[id], "deleting", "gone");
            Deleted.Add(id);
            // A crash after the call leaves the ID recorded; the next pass finds it deleting and drops it.
            if (!Crashes()) PodIds.Remove(id);
        }
    }

    private void Move(CloudPod pod, string now, string next)
    {
        pod.Phase = now;
        pod.Next = next;
        pod.Due = random.Next(MaxDelay + 1);
        if (pod.Due == 0) Settle(pod);
    }

    private void Settle(CloudPod pod)
    {
        pod.Phase = pod.Next!;
        pod.Next = null;
        if (pod.Phase == "gone") cloud.Remove(pod.Id);
    }

    private void Tick()
    {
        foreach (var pod in cloud.Values.Where(p => p.Next is not null).ToList())
        {
            if (--pod.Due <= 0) Settle(pod);
        }
        if (!counting) return;
        MinRunning = Math.Min(MinRunning, cloud.Values.Count(p => p.Phase == "running"));
        MaxPods = Math.Max(MaxPods, cloud.Values.Count(p => p.Phase != "deleting"));
    }

    /// <summary>What a cloud pod runs, group by group.</summary>
    private sealed record Content(string? Containers, string? InstanceType, string? Resources, string? Description, string? Fixed)
    {
        public static Content Of(PodSpecRevision r) => new(r.Containers, r.InstanceType, r.Resources, r.Description, r.Fixed);
    }

    private sealed class CloudPod(string id, Content content)
    {
        public string Id { get; } = id;
        public Content Content { get; set; } = content;
        public string Phase { get; set; } = "pending";
        public string? Next { get; set; }
        public int Due { get; set; }
    }
}
