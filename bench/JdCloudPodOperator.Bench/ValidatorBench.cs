using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;

namespace JdCloudPodOperator.Bench;

/// <summary>Figure 2: the validator alone (BenchmarkDotNet, in process: the bench is already a Release build).</summary>
public class ValidatorBenchmarks
{
    /// <summary>Set by <see cref="ValidatorBench.Run"/>: BenchmarkDotNet creates this class itself.</summary>
    public static string Root { get; set; } = "";

    private JdCloudPod _minimal = null!;
    private JdCloudPod _largest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _minimal = BenchPods.Minimal(Root);
        _largest = BenchPods.Largest(Root);
    }

    [Benchmark]
    public int Minimal() => JdCloudPodValidator.Validate(_minimal).Violations.Count;

    [Benchmark]
    public int Largest() => JdCloudPodValidator.Validate(_largest).Violations.Count;
}

public static class ValidatorBench
{
    public static void Run(string root, bool quick, BenchResults results)
    {
        ValidatorBenchmarks.Root = root;
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(quick ? 3 : 6).WithIterationCount(quick ? 8 : 20);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(quick ? NullLogger.Instance : ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "jdpod-bench-artifacts"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        Console.WriteLine("validator (BenchmarkDotNet, in-process toolchain)");
        var summary = BenchmarkRunner.Run<ValidatorBenchmarks>(config);
        foreach (var report in summary.Reports)
        {
            var label = report.BenchmarkCase.Descriptor.WorkloadMethod.Name.ToLowerInvariant();
            if (report.ResultStatistics is not { } stats) throw new InvalidOperationException($"validator benchmark {label} produced no result");
            results.Add(BenchResult.Of($"validator.{label}.throughput", 1e9 / stats.Mean, "validations/s"));
            results.Add(BenchResult.Of($"validator.{label}.allocated", report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0, "bytes/validation"));
        }
    }
}
