using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using JdCloudPodOperator.Tests.Schema;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Manifests;
using k8s;
using Row = JdCloudPodOperator.Validation.JsonTree.Row;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// JsonTree's own scanner (JsonScan) fills exactly the rows the reader's build fills, field by field, and accepts only
/// what the reader accepts: generated documents of every shape, one-byte mutations of them, of the samples and of the
/// largest pod, and the edges of each rule of the grammar. What it refuses goes to the reader, so refusing is always
/// safe; accepting what the reader refuses, or building other rows, is the failure looked for.
/// </summary>
public class JsonScanTests
{
    public enum Outcome
    {
        /// <summary>Both refuse.</summary>
        Refused,

        /// <summary>The scanner leaves it to the reader, which accepts it.</summary>
        Read,

        /// <summary>Both accept it, with the same rows.</summary>
        Scanned,
    }

    // Bytes a mutation inserts or writes over another: the grammar's, controls, and bytes of multi-byte characters.
    private static readonly byte[] Interesting =
    [
        .. "\"{}[],:\\e-.0159+EaZtux "u8, 0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0xC3, 0xA9, 0xE5, 0x90, 0x8D,
        0xF0, 0x9F, 0x98, 0x80, 0xEF, 0xBB, 0xBF,
    ];

    [Fact]
    public void Generated_documents_are_scanned_as_the_reader_reads_them()
    {
        for (var seed = 1; seed <= 2000; seed++)
        {
            var generator = new JsonGenerator(seed);
            var json = generator.Document();

            // An escape in the surrogate range is left to the reader, which checks that it spells text.
            Compare(json).Should().Be(generator.WroteSurrogate ? Outcome.Read : Outcome.Scanned, Show(json));
        }
    }

    [Fact]
    public void Mutated_documents_are_refused_or_scanned_as_the_reader_reads_them()
    {
        var outcomes = new Dictionary<Outcome, int>();
        for (var seed = 1; seed <= 400; seed++)
        {
            var json = new JsonGenerator(seed).Document();
            var random = new Random(seed);
            for (var i = 0; i < 15; i++) Count(outcomes, Compare(Mutated(json, random)));
        }

        // Each outcome often enough to say the mutations reached both sides of the grammar's rules.
        outcomes.Should().ContainKeys(Outcome.Refused, Outcome.Read, Outcome.Scanned);
        outcomes.Values.Should().OnlyContain(n => n >= 100);
    }

    [Fact]
    public void The_samples_and_the_largest_pod_are_scanned_and_so_are_the_pods_mutations()
    {
        var pod = Encoding.UTF8.GetBytes(KubernetesJson.Serialize(TestPods.Largest()));
        var documents = new[] { "valid", "invalid" }
            .SelectMany(kind => Samples.Files(kind).Select(file => Samples.PathOf(kind, file)))
            .SelectMany(path => YamlJson.ReadAll(File.ReadAllText(path)))
            .Where(document => document.Root is not null)
            .Select(document => Encoding.UTF8.GetBytes(document.Root!.ToJsonString()))
            .Append(pod);
        foreach (var json in documents) Compare(json).Should().Be(Outcome.Scanned, Show(json));

        var random = new Random(20251207);
        var outcomes = new Dictionary<Outcome, int>();
        for (var i = 0; i < 300; i++) Count(outcomes, Compare(Mutated(pod, random)));
        outcomes.Should().ContainKeys(Outcome.Refused, Outcome.Scanned);
    }

    [Theory]
    [InlineData("1 ", Outcome.Scanned)]
    [InlineData(" \t\r\n[ 1 , {} , [ ] ] \n", Outcome.Scanned)]
    [InlineData("1x", Outcome.Refused)]
    [InlineData("-", Outcome.Refused)]
    [InlineData("-0", Outcome.Scanned)]
    [InlineData("-01", Outcome.Refused)]
    [InlineData("01", Outcome.Refused)]
    [InlineData("1.", Outcome.Refused)]
    [InlineData("1.e5", Outcome.Refused)]
    [InlineData("1e", Outcome.Refused)]
    [InlineData("1e+", Outcome.Refused)]
    [InlineData("-1.50E-07", Outcome.Scanned)]
    [InlineData("[1e5,2]", Outcome.Scanned)]
    [InlineData("+1", Outcome.Refused)]
    [InlineData("true", Outcome.Scanned)]
    [InlineData("truex", Outcome.Refused)]
    [InlineData("tru", Outcome.Refused)]
    [InlineData("nul", Outcome.Refused)]
    [InlineData("[true,]", Outcome.Refused)]
    [InlineData("[true false]", Outcome.Refused)]
    [InlineData("{\"a\":1,}", Outcome.Refused)]
    [InlineData("{\"a\"}", Outcome.Refused)]
    [InlineData("{\"a\":}", Outcome.Refused)]
    [InlineData("{\"a\" 1}", Outcome.Refused)]
    [InlineData("{1:1}", Outcome.Refused)]
    [InlineData("{,}", Outcome.Refused)]
    [InlineData("[,1]", Outcome.Refused)]
    [InlineData("[1]]", Outcome.Refused)]
    [InlineData("[1}", Outcome.Refused)]
    [InlineData("{\"a\":[}", Outcome.Refused)]
    [InlineData("[", Outcome.Refused)]
    [InlineData("", Outcome.Refused)]
    [InlineData("1 2", Outcome.Refused)]
    [InlineData("\"\\u00e9\"", Outcome.Scanned)]
    [InlineData("\"\\uD7FF\\uE000\"", Outcome.Scanned)]
    [InlineData("\"\\uD83D\\uDE00\"", Outcome.Read)]
    [InlineData("{\"\\udbff\\udfff\": 1}", Outcome.Read)]
    [InlineData("\"\\ud800\"", Outcome.Refused)]
    [InlineData("\"\\x\"", Outcome.Refused)]
    [InlineData("\"\\u12\"", Outcome.Refused)]
    [InlineData("\"\\u12g4\"", Outcome.Refused)]
    [InlineData("\"a\tb\"", Outcome.Refused)]
    [InlineData("\"a\u001fb\"", Outcome.Refused)]
    [InlineData("\"a\u007fb\"", Outcome.Scanned)]
    [InlineData("\"open", Outcome.Refused)]
    [InlineData("\"0123456789abcdef0123\"", Outcome.Scanned)]
    [InlineData("[\"0123456789abcdef\\n\\/\", \"x\"]", Outcome.Scanned)]
    [InlineData("[\"0123456789abcdef\\q\", \"x\"]", Outcome.Refused)]
    [InlineData("[\"0123456789abcdef\u0001\", \"x\"]", Outcome.Refused)]
    [InlineData("[\"0123456789abcdef\", \"x\"]", Outcome.Scanned)]
    [InlineData("\ufeff{}", Outcome.Refused)]
    [InlineData("// c\n{}", Outcome.Refused)]
    public void Each_rule_of_the_grammar_is_kept_on_both_sides_of_its_edge(string json, Outcome expected)
    {
        Compare(Encoding.UTF8.GetBytes(json)).Should().Be(expected);
    }

    [Theory]
    [InlineData(64, 63, Outcome.Scanned)]
    [InlineData(64, 64, Outcome.Read)]
    [InlineData(64, 65, Outcome.Refused)]
    [InlineData(3, 2, Outcome.Scanned)]
    [InlineData(3, 3, Outcome.Read)]
    [InlineData(1000, 999, Outcome.Scanned)]
    [InlineData(1000, 1000, Outcome.Read)]
    [InlineData(1000, 1001, Outcome.Refused)]
    [InlineData(0, 1, Outcome.Read)]
    [InlineData(-1, 0, Outcome.Refused)]
    public void Depth_is_left_to_the_reader_from_one_level_below_its_limit(int limit, int depth, Outcome expected)
    {
        // Depth 0 is a document of no container.
        var json = depth == 0 ? "1" : new string('[', depth - 1) + "{\"a\":1}" + new string(']', depth - 1);

        Compare(Encoding.UTF8.GetBytes(json), limit).Should().Be(expected);
    }

    [Theory]
    [InlineData("", Outcome.Scanned)]
    [InlineData("a", Outcome.Scanned)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", Outcome.Scanned)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Outcome.Scanned)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", Outcome.Scanned)]
    [InlineData("a\\\"b\\\\", Outcome.Scanned)]
    [InlineData("\\u00e9\\n", Outcome.Scanned)]
    [InlineData("\\", Outcome.Refused)]
    [InlineData("a\u0001b", Outcome.Refused)]
    [InlineData("a\u007fb\u00e9", Outcome.Scanned)]
    // Runs past ASCII (skipped to the next quote, escape or control byte in one search), then each of those.
    [InlineData("名", Outcome.Scanned)]
    [InlineData("成本中心成本中心成本中心成本中心成本中心成本中心成本中心成本中心", Outcome.Scanned)]
    [InlineData("名\\n名a\\\"名", Outcome.Scanned)]
    [InlineData("a名\\u0041", Outcome.Scanned)]
    [InlineData("名\u0001", Outcome.Refused)]
    [InlineData("名\\", Outcome.Refused)]
    public void Strings_are_scanned_across_the_stop_words_edges(string text, Outcome expected)
    {
        // The scanner marks the bytes that stop a string 64 to a word: at each offset, the quotes, the escapes and the
        // document's end fall on every side of a word's edge.
        for (var offset = 0; offset < 130; offset++)
        {
            var pad = new string('x', offset);
            var json = $"[\"{pad}\",\"{text}\",{{\"{text}\":\"{text}\",\"{pad}\":[\"{text}\"]}}]";
            Compare(Encoding.UTF8.GetBytes(json)).Should().Be(expected, json);
            Compare(Encoding.UTF8.GetBytes($"\"{pad}{text}\"")).Should().Be(expected, pad + text);
            Compare(Encoding.UTF8.GetBytes($"[\"{pad}{text}")).Should().Be(Outcome.Refused, pad + text);
        }
    }

    // Both builds on the same bytes: the outcome, and where both accept, the same rows.
    private static Outcome Compare(byte[] json, int maxDepth = 64)
    {
        Row[] scanned = new Row[16], read = new Row[16];
        var count = JsonScan.TryBuild(json, maxDepth, ref scanned, out _);
        var readCount = 0;
        var error = Record.Exception(() => readCount = JsonTree.Build(json, maxDepth, ref read));
        if (count == JsonScan.Refused) return error is null ? Outcome.Read : Outcome.Refused;

        error.Should().BeNull("the scanner accepted {0}", Show(json));
        count.Should().Be(readCount, Show(json));
        Difference(scanned, read, count).Should().BeNull(Show(json));
        return Outcome.Scanned;
    }

    // The first row the two builds fill differently, shown, or null.
    private static string? Difference(Row[] scanned, Row[] read, int count) => Enumerable.Range(0, count)
        .Where(row => Fields(scanned[row]) != Fields(read[row]))
        .Select(row => $"row {row}: {Fields(scanned[row])} scanned, {Fields(read[row])} read")
        .FirstOrDefault();

    private static (int Start, int Length, int Next, int Items, JsonValueKind Kind, bool Escaped, bool NonAscii) Fields(Row row) =>
        (row.Start, row.Length, row.Next, row.Items, row.Kind, row.Escaped, row.NonAscii);

    // One byte deleted, inserted or replaced; a result that is not UTF-8 is mutated again, as the tree refuses it
    // before either build runs.
    private static byte[] Mutated(byte[] json, Random random)
    {
        while (true)
        {
            var bytes = json.ToList();
            var at = random.Next(bytes.Count + 1);
            var interesting = Interesting[random.Next(Interesting.Length)];
            switch (at == bytes.Count ? 1 : random.Next(3))
            {
                case 0: bytes.RemoveAt(at); break;
                case 1: bytes.Insert(at, interesting); break;
                default: bytes[at] = interesting; break;
            }
            var mutated = bytes.ToArray();
            if (Utf8.IsValid(mutated)) return mutated;
        }
    }

    private static void Count(Dictionary<Outcome, int> outcomes, Outcome outcome) =>
        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

    private static string Show(byte[] json) =>
        json.Length > 300 ? $"a document of {json.Length} bytes" : Encoding.UTF8.GetString(json);
}
