using JdCloudPodOperator.Bench;

// `make bench` (BENCH_QUICK=1 for the quick mode). Arguments pick sections: webhook, validator, reconcile, rollout, memory
// (default: all; the quick mode leaves memory out, as applying its 10,000 resources takes minutes); `report` alone
// prints the tables of the last bench/results.json again.
var quick = Environment.GetEnvironmentVariable("BENCH_QUICK") == "1";
var root = RepoRoot();
string[] sections = args.Length > 0 ? args : quick ? ["webhook", "validator", "reconcile", "rollout"] : ["webhook", "validator", "reconcile", "rollout", "memory"];
var resultsPath = Path.Combine(root, "bench", "results.json");
if (sections is ["report"])
{
    var earlier = BenchResults.Load(resultsPath);
    earlier.PrintTable();
    Targets.Print(earlier.All, Path.Combine(root, "bench", "targets.json"));
    return;
}
var results = new BenchResults(resultsPath);
Console.WriteLine($"jdcloud-pod-operator benchmarks ({(quick ? "quick" : "full")} mode, {Environment.ProcessorCount} cores)");
var clock = System.Diagnostics.Stopwatch.StartNew();
// Other work on the machine shows in every figure; the load is recorded with them.
results.Add(BenchResult.Of("machine.load_average_1m.start", Processes.LoadAverage(), "runnable"));
// Which build ran as the operator process (the reconcile, rollout and memory sections), so results.json says so.
if (sections.Any(s => s is "reconcile" or "rollout" or "memory"))
{
    var binary = Cluster.OperatorBinary(root);
    Console.WriteLine($"operator process: {binary}");
    results.Add(BenchResult.Of(Targets.NativeBuild, Cluster.IsNative(binary) ? 1 : 0, "flag (1 = native AOT)"));
}
try
{
    if (sections.Contains("webhook")) await WebhookBench.RunAsync(root, quick, results);
    results.Save();
    if (sections.Contains("validator")) ValidatorBench.Run(root, quick, results);
    results.Save();
    if (sections.Contains("reconcile")) await ReconcileBench.RunAsync(root, quick, results);
    results.Save();
    if (sections.Contains("rollout")) await RolloutBench.RunAsync(root, results);
    results.Save();
    if (sections.Contains("memory")) await MemoryBench.RunAsync(root, results);
}
finally
{
    results.Add(BenchResult.Of("machine.load_average_1m.end", Processes.LoadAverage(), "runnable"));
    results.Save();
    results.PrintTable();
    Targets.Print(results.All, Path.Combine(root, "bench", "targets.json"));
    Console.WriteLine($"\n{results.All.Count} figures in {clock.Elapsed.TotalMinutes:0.0} min; written to bench/results.json, the targets to bench/targets.json");
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) return dir.FullName;
    throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
}

