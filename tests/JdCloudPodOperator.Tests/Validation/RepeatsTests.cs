using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using k8s;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// Repeated strings in a list (env names, list-map keys) are found on their bytes while every one is ASCII as
/// written, and on their characters once one is not: a repeat is a repeat however it is written, and only then.
/// </summary>
public class RepeatsTests
{
    private const string Container = "spec.podSpec.containers[0]";

    // The full pod with the first container's env names or mount paths as written here (raw JSON string literals).
    private static ValidationResult Validate(string list, params string[] literals)
    {
        var pod = JsonNode.Parse(KubernetesJson.Serialize(TestPods.Full()))!;
        var container = pod["spec"]!["podSpec"]!["containers"]![0]!.AsObject();
        container[list] = list == "env"
            ? new JsonArray([.. literals.Select(_ => new JsonObject { ["name"] = "__NAME__", ["value"] = "v" })])
            : new JsonArray([.. literals.Select(_ => new JsonObject { ["name"] = "data", ["mountPath"] = "__NAME__" })]);
        var text = pod.ToJsonString();
        foreach (var literal in literals)
        {
            var at = text.IndexOf("\"__NAME__\"", StringComparison.Ordinal);
            text = text[..at] + literal + text[(at + "\"__NAME__\"".Length)..];
        }
        using var document = JsonTree.Parse(text);
        return JdCloudPodValidator.Validate(document.Root, "team-a");
    }

    private static string EnvRepeat(int index, int first, string name) =>
        $"{Container}.env[{index}].name: repeats env[{first}].name \"{name}\"; JD Cloud receives both entries";

    [Fact]
    public void Ascii_names_repeat_on_equal_bytes_only()
    {
        var result = Validate("env", "\"MODE\"", "\"mode\"", "\"MODE_\"", "\"MODE\"", "\"mode\"");

        result.IsValid.Should().BeTrue(result.ToString());
        result.Warnings.Should().Equal(EnvRepeat(3, 0, "MODE"), EnvRepeat(4, 1, "mode"));
    }

    [Fact]
    public void An_escaped_name_repeats_the_same_name_written_plainly()
    {
        var result = Validate("env", "\"AB\"", "\"\\u0041B\"", "\"\\u0041C\"");

        result.IsValid.Should().BeTrue(result.ToString());
        result.Warnings.Should().Equal(EnvRepeat(1, 0, "AB"));
    }

    [Fact]
    public void A_non_ascii_name_late_in_the_list_keeps_the_repeats_found_before_it_and_their_order()
    {
        var result = Validate("env", "\"A\"", "\"B\"", "\"A\"", "\"É\"", "\"\\u00c9\"", "\"B\"", "\"E\"");

        result.Warnings.Should().Equal(EnvRepeat(2, 0, "A"), EnvRepeat(4, 3, "É"), EnvRepeat(5, 1, "B"));
    }

    [Fact]
    public void List_map_keys_repeat_however_they_are_written()
    {
        var repeated = Validate("volumeMounts", "\"/data/é\"", "\"/data/x\"", "\"/data/\\u00e9\"");
        var distinct = Validate("volumeMounts", "\"/data/é\"", "\"/data/x\"", "\"/data/e\"");

        repeated.Violations.Select(v => v.ToString()).Should().Equal(
            $"{Container}.volumeMounts[2].mountPath: Duplicate value: \"/data/é\"");
        distinct.Violations.Should().BeEmpty();
    }

    [Fact]
    public void Of_a_name_repeated_in_an_item_the_last_one_is_its_name()
    {
        var result = Validate("env", "\"A\"", "\"Z\", \"name\": \"A\"", "\"A\", \"name\": \"Y\"");

        result.Warnings.Where(w => w.StartsWith($"{Container}.env", StringComparison.Ordinal)).Should().Equal(EnvRepeat(1, 0, "A"));
    }

    // Lists of up to 128 items hash short strings one way and the rest another; both must find what a dictionary of
    // the texts finds, at every length around the hash's word sizes, plain and as a field of each item.
    [Theory]
    [InlineData(2, false)]
    [InlineData(100, false)]
    [InlineData(128, false)]
    [InlineData(129, false)]
    [InlineData(1000, false)]
    [InlineData(100, true)]
    [InlineData(300, true)]
    public void Repeats_are_the_ones_a_dictionary_of_the_texts_finds(int items, bool withNonAscii)
    {
        var random = new Random(items);
        var values = new List<string>();
        for (var i = 0; i < items; i++)
        {
            // Few letters, so strings of one length often differ in one place only; some are earlier ones again.
            values.Add(i > 0 && random.Next(4) == 0
                ? values[random.Next(i)]
                : new string([.. Enumerable.Range(0, random.Next(41)).Select(_ => "ab/"[random.Next(3)])]));
        }
        if (withNonAscii) values[items / 2] = "é";

        Found(JsonSerializer.Serialize(values), "").Should().Equal(Expected(values));
        Found(JsonSerializer.Serialize(values.Select(v => new { value = "x", name = v })), "name").Should().Equal(Expected(values));
    }

    [Fact]
    public void Items_without_the_string_are_passed_over_but_keep_their_index()
    {
        const string list = """[{"name":"a"},{"name":1},"a",{"other":"a"},{"name":null},{"name":"a"},{"\u006eame":"a"}]""";

        Found(list, "name").Should().Equal((5, 0), (6, 0));
        Found("""["a",1,null,{"name":"a"},"a","\u0061"]""", "").Should().Equal((4, 0), (5, 0));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(200)]
    public void Mount_paths_repeat_and_nest_the_same_in_a_long_list(int mounts)
    {
        var paths = Enumerable.Range(0, mounts).Select(i => $"\"/m/{i}\"").ToArray();
        paths[3] = "\"/m/1/\"";
        paths[5] = "\"/m/2/x\"";
        paths[^1] = "\"/m/0//\"";

        var result = Validate("volumeMounts", paths);

        result.Violations.Where(v => v.Field.EndsWith(".mountPath", StringComparison.Ordinal)).Select(v => v.ToString()).Should().Equal(
            $"{Container}.volumeMounts[3].mountPath: Duplicate value: \"/m/1/\"",
            $"{Container}.volumeMounts[{mounts - 1}].mountPath: Duplicate value: \"/m/0//\"",
            $"{Container}.volumeMounts[5].mountPath: Invalid value: \"/m/2/x\": must not be nested inside another mount of the container (volumeMounts[2].mountPath \"/m/2\")");
    }

    private static List<(int Index, int First)> Found(string json, string key)
    {
        using var tree = JsonTree.Parse(json);
        var context = ValidationContext.Rent(1, default);
        var found = context.FindRepeats(tree.Root, Encoding.UTF8.GetBytes(key)).Select(r => (r.Index, r.First)).ToList();
        context.Finish();
        return found;
    }

    private static List<(int Index, int First)> Expected(List<string> values)
    {
        var first = new Dictionary<string, int>();
        var repeats = new List<(int, int)>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!first.TryAdd(values[i], i)) repeats.Add((i, first[values[i]]));
        }
        return repeats;
    }
}
