using System.Globalization;
using System.Text.Json;

namespace JdCloudPodOperator.Bench;

/// <summary>What a target compares: the figure's value, or its ratio to the floor measured in the same run.</summary>
public enum Measure { Value, Ratio }

/// <summary>
/// One target of issue 14 on one figure of bench/results.json: at most (or at least) <see cref="Limit"/>.
/// <see cref="Before"/> is the figure the issue started from, as text (null: never measured).
/// </summary>
public sealed record Target(string What, string Figure, Measure Measure, bool AtMost, double Limit, string? Before)
{
    public double? Of(IReadOnlyList<BenchResult> results) =>
        results.LastOrDefault(r => r.Name == Figure) is not { } found ? null
        : Measure == Measure.Value ? found.Value
        : found.Ratio;

    public string Verdict(double? figure) =>
        figure is not { } f ? "not measured" : (AtMost ? f <= Limit : f >= Limit) ? "met" : "not met";

    public string Format(double value) =>
        value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture) + (Measure == Measure.Ratio ? "x" : "");

    public string LimitText => (AtMost ? "<= " : ">= ") + Format(Limit);
}

/// <summary>
/// The targets of issue 14 with the figures of this run: printed after the figure table and written to
/// bench/targets.json. A section not run leaves its targets "not measured".
/// </summary>
public static class Targets
{
    public static readonly IReadOnlyList<Target> All =
    [
        new("describePods calls per 100 resources, N = 5,000", "reconcile.n5000.describePods_per_100_resources", Measure.Value, true, 15, "111"),
        new("Kubernetes writes per resource (JdCloudPod and Event), N = 5,000", "reconcile.n5000.object_writes_per_resource", Measure.Value, true, 5.03, "5"),
        new("time to all Ready / floor, N = 1,000", "reconcile.n1000.time_to_all_ready", Measure.Ratio, true, 1.3, "2.37x"),
        new("time to all Ready / floor, N = 5,000", "reconcile.n5000.time_to_all_ready", Measure.Ratio, true, 1.3, "1.72x"),
        new("largest review throughput / floor, c4", "webhook.largest.c4.throughput", Measure.Ratio, false, 0.65, "0.27x"),
        new("largest review throughput / floor, c16", "webhook.largest.c16.throughput", Measure.Ratio, false, 0.65, "0.24x"),
        new("largest review p99 / floor, c1", "webhook.largest.c1.p99", Measure.Ratio, true, 1.5, "6.32x"),
        new("largest review p99 / floor, c4", "webhook.largest.c4.p99", Measure.Ratio, true, 1.5, "4.63x"),
        new("largest review allocation, bytes per review (16 KiB)", "webhook_handler.largest.allocated", Measure.Value, true, 16 * 1024, "183011"),
        new("minimal review p99 / floor, c1", "webhook.minimal.c1.p99", Measure.Ratio, true, 1.2, "1.19x"),
        new("minimal review p99 / floor, c4", "webhook.minimal.c4.p99", Measure.Ratio, true, 1.2, "2.42x"),
        new("minimal review throughput / floor, c4 (1/1.2)", "webhook.minimal.c4.throughput", Measure.Ratio, false, 1 / 1.2, "0.84x"),
        new("minimal review throughput / floor, c16 (1/1.2)", "webhook.minimal.c16.throughput", Measure.Ratio, false, 1 / 1.2, "0.82x"),
        new("RSS with 10,000 resources Ready, MiB", "operator.rss.n10000", Measure.Value, true, 150, null),
        new("idle RSS, MiB", "operator.rss.idle", Measure.Value, true, 60, "125"),
        new("start to /readyz, ms", "operator.startup_to_ready", Measure.Value, true, 500, "1828"),
        new("apply-to-Ready overhead, median ms", "apply_to_ready_minus_boot.median", Measure.Value, true, 150, "361"),
    ];

    /// <summary>The figure saying which build ran as the operator process: 1 the native AOT binary, 0 the JIT build.</summary>
    public const string NativeBuild = "operator.native_aot";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The builds this run measured: the operator process's, and the webhook's and validator's (hosted in the bench, JIT).</summary>
    private static string Build(IReadOnlyList<BenchResult> results) =>
        (results.LastOrDefault(r => r.Name == NativeBuild)?.Value switch
        {
            1 => "operator process (reconcile, rollout, memory): the native AOT build",
            0 => "operator process (reconcile, rollout, memory): the JIT build",
            _ => "operator process: not recorded (no reconcile, rollout or memory section)",
        }) + "; webhook and validator: hosted in the bench process (JIT)";

    public static void Print(IReadOnlyList<BenchResult> results, string jsonPath)
    {
        var rows = All.Select(t => (Target: t, Figure: t.Of(results))).ToList();
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(rows.Select(r => new
        {
            target = r.Target.What,
            figure = r.Target.Figure,
            measure = r.Target.Measure == Measure.Ratio ? "ratio" : "value",
            limit = (r.Target.AtMost ? "<= " : ">= ") + r.Target.Limit.ToString(CultureInfo.InvariantCulture),
            before = r.Target.Before,
            value = r.Figure,
            verdict = r.Target.Verdict(r.Figure),
        }), Json) + "\n");
        Console.WriteLine("\n" + Build(results));
        Table.Print(["target (issue 14)", "figure", "limit", "before", "now", "verdict"],
            rows.Select(r => new[] { r.Target.What, r.Target.Figure, r.Target.LimitText, r.Target.Before ?? "-", r.Figure is { } f ? r.Target.Format(f) : "-", r.Target.Verdict(r.Figure) }),
            rightAligned: [2, 3, 4]);
    }
}
