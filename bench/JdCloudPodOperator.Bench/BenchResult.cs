using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JdCloudPodOperator.Bench;

/// <summary>One figure of bench/results.json. <see cref="Ratio"/> is value / floor, both measured in the same run.</summary>
public sealed record BenchResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("floor")] double? Floor,
    [property: JsonPropertyName("ratio")] double? Ratio)
{
    public static BenchResult Of(string name, double value, string unit, double? floor = null) =>
        new(name, Round(value), unit, floor is { } f ? Round(f) : null, floor is > 0 ? Math.Round(value / floor.Value, 3) : null);

    private static double Round(double value) => Math.Round(value, value >= 100 ? 1 : 4);
}

/// <summary>The results of a run: written to bench/results.json after every section (so a crash keeps what was measured) and printed as a table.</summary>
public sealed class BenchResults(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly List<BenchResult> _all = [];

    public void Add(BenchResult result)
    {
        _all.Add(result);
        Console.WriteLine($"  {result.Name} = {Format(result.Value)} {result.Unit}" +
            (result.Floor is { } floor ? $" (floor {Format(floor)}, ratio {result.Ratio})" : ""));
    }

    public IReadOnlyList<BenchResult> All => _all;

    /// <summary>Replaces the figure of the same name (a floor measured after the figure itself).</summary>
    public void Replace(BenchResult result)
    {
        _all[_all.FindIndex(r => r.Name == result.Name)] = result;
        Console.WriteLine($"  {result.Name}: floor {Format(result.Floor ?? 0)} {result.Unit}, ratio {result.Ratio}");
    }

    /// <summary>The figures of an earlier run (BENCH_ARGS=report prints its tables again without measuring).</summary>
    public static BenchResults Load(string path)
    {
        var results = new BenchResults(path);
        results._all.AddRange(JsonSerializer.Deserialize<List<BenchResult>>(File.ReadAllText(path)) ?? []);
        return results;
    }

    public void Save() => File.WriteAllText(path, JsonSerializer.Serialize(_all, Json) + "\n");

    public void PrintTable() =>
        Table.Print(["name", "value", "unit", "floor", "ratio"],
            _all.Select(r => new[] { r.Name, Format(r.Value), r.Unit, r.Floor is { } f ? Format(f) : "-", r.Ratio?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-" }),
            rightAligned: [1, 3, 4]);

    private static string Format(double value) => value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.###", CultureInfo.InvariantCulture);
}
