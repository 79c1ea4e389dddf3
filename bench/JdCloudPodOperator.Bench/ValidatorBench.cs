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
using NullLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger;
using System.Text.Json;
using JdCloudPodOperator.Admission;

namespace JdCloudPodOperator.Bench;

/// <summary>Figure 2: the validator alone (BenchmarkDotNet, in process: the bench is already a Release build).</summary>
public class ValidatorBenchmarks
{
    /// <summary>Set by <see cref="ValidatorBench.Run"/>: BenchmarkDotNet creates this class itself.</summary>
    public static string Root { get; set; } = "";

    private JdCloudPod _minimal = null!;
    private JdCloudPod _largest = null!;
    private byte[] _minimalReview = null!;
    private byte[] _largestReview = null!;

    [GlobalSetup]
    public void Setup()
    {
        _minimal = BenchPods.Minimal(Root);
        _largest = BenchPods.Largest(Root);
        _minimalReview = BenchPods.AdmissionReview(_minimal);
        _largestReview = BenchPods.AdmissionReview(_largest);
    }

    [Benchmark]
    public int Minimal() => JdCloudPodValidator.Validate(_minimal).Violations.Count;

    [Benchmark]
    public int Largest() => JdCloudPodValidator.Validate(_largest).Violations.Count;

    /// <summary>The webhook's handling of a review without HTTP: parse, decode, validate, answer.</summary>
    [Benchmark]
    public int ReviewMinimal() => AdmissionWebhookEndpoint.Review(_minimalReview, NullLogger.Instance).StatusCode;

    [Benchmark]
    public int ReviewLargest() => AdmissionWebhookEndpoint.Review(_largestReview, NullLogger.Instance).StatusCode;

    /// <summary>
    /// References, not targets: reading the largest review's bytes with System.Text.Json's reader and nothing else
    /// (what the tree's own scanner is measured against), parsing it into the JsonTree the handler walks, and into a
    /// JsonDocument (what the handler walked until session 12).
    /// </summary>
    [Benchmark]
    public int ReadLargest()
    {
        var reader = new Utf8JsonReader(_largestReview);
        var tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    [Benchmark]
    public int TreeLargest()
    {
        using var tree = JsonTree.Parse(_largestReview);
        return tree.Count;
    }

    [Benchmark]
    public int ParseLargest()
    {
        using var document = JsonDocument.Parse(_largestReview);
        return (int)document.RootElement.ValueKind;
    }
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
            .AddLogger(quick ? BenchmarkDotNet.Loggers.NullLogger.Instance : ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "jdpod-bench-artifacts"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        Console.WriteLine("validator (BenchmarkDotNet, in-process toolchain)");
        var summary = BenchmarkRunner.Run<ValidatorBenchmarks>(config);
        foreach (var report in summary.Reports)
        {
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            if (report.ResultStatistics is not { } stats) throw new InvalidOperationException($"validator benchmark {method} produced no result");
            var (name, unit) = method switch
            {
                _ when method.StartsWith("Review", StringComparison.Ordinal) => ($"webhook_handler.{method[6..].ToLowerInvariant()}", "reviews"),
                _ when method.StartsWith("Read", StringComparison.Ordinal) => ($"json_reader.{method[4..].ToLowerInvariant()}", "reads"),
                _ when method.StartsWith("Parse", StringComparison.Ordinal) => ($"json_document.{method[5..].ToLowerInvariant()}", "parses"),
                _ when method.StartsWith("Tree", StringComparison.Ordinal) => ($"json_tree.{method[4..].ToLowerInvariant()}", "parses"),
                _ => ($"validator.{method.ToLowerInvariant()}", "validations"),
            };
            results.Add(BenchResult.Of(name + ".throughput", 1e9 / stats.Mean, unit + "/s"));
            results.Add(BenchResult.Of(name + ".allocated", report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0, "bytes/" + unit[..^1]));
        }
    }
}
