using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// The one-pass proof that an object of plain values breaks no rule (an env variable, a tag) stands in for the full
/// walk only when that walk would find nothing: on thousands of generated objects near every edge (lengths at and
/// past the limits, bad characters, escapes, nulls, other JSON types, unknown and repeated names, missing required
/// ones), whenever the pass says yes, the walk finds no violation, no warning and nothing for the type check.
/// </summary>
public class PlainPassTests
{
    // Plain types without cross-field rules: the pass is taken for their objects with no path pushed. (A tag is not
    // plain: its key's forbidden prefixes need its characters, so its objects go to the walk without a pass.)
    public static TheoryData<Type> PlainTypes => new(typeof(EnvSpec), typeof(HhSpec), typeof(ConfigFileToPathSpec), typeof(RequestSpec));

    [Theory]
    [MemberData(nameof(PlainTypes))]
    public void Passing_objects_break_no_rule_and_failing_ones_are_left_to_the_walk(Type type)
    {
        var rules = TypeRules.For(type);
        var random = new Random(type.Name.Length * 7919);
        var names = type.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>().ToArray();
        int passed = 0, found = 0;
        foreach (var checkTypes in new[] { true, false })
        {
            for (var i = 0; i < 3000; i++)
            {
                using var tree = JsonTree.Parse(Object(names, random));
                var pass = Judge(tree, checkTypes, context => rules.PassesWithoutPath(tree.Root, context));
                var walk = Walk(rules, tree, checkTypes, out var types);
                if (pass)
                {
                    walk.Violations.Should().BeEmpty(tree.Root.GetRawText());
                    walk.Warnings.Should().BeEmpty(tree.Root.GetRawText());
                    types.Should().Be(checkTypes ? TypeWalk.Clean : TypeWalk.Off, tree.Root.GetRawText());
                    passed++;
                }
                else if (walk.Violations.Count > 0) found++;
            }
        }
        // Both sides are reached: the generator makes objects that pass and objects the walk finds something in.
        passed.Should().BeGreaterThan(100);
        found.Should().BeGreaterThan(100);
    }

    [Fact]
    public void An_env_variable_passes_at_its_edges_and_not_past_them()
    {
        var rules = TypeRules.For(typeof(EnvSpec));
        bool Passes(string json)
        {
            using var tree = JsonTree.Parse(json);
            return Judge(tree, true, context => rules.PassesWithoutPath(tree.Root, context));
        }
        Passes($$"""{"name":"{{new string('A', 64)}}","value":"{{new string('v', 1024)}}"}""").Should().BeTrue();
        Passes("""{"name":"A"}""").Should().BeTrue();
        Passes($$"""{"name":"{{new string('A', 65)}}"}""").Should().BeFalse();
        Passes($$"""{"name":"A","value":"{{new string('v', 1025)}}"}""").Should().BeFalse();
        Passes("""{"name":""}""").Should().BeFalse();
        Passes("""{"name":"A-B"}""").Should().BeFalse();
        Passes("""{"value":"v"}""").Should().BeFalse();
        Passes("""{"name":"A","value":null}""").Should().BeFalse();
        Passes("""{"name":"A","name":"B"}""").Should().BeFalse();
        Passes("""{"name":"A","other":1}""").Should().BeFalse();
        Passes("""{"name":"\u0041"}""").Should().BeFalse();
    }

    [Fact]
    public void A_list_of_strings_passes_exactly_when_its_count_and_total_length_allow()
    {
        // A probe's command: 1-256 items, at most 256 characters together; each item a string of any length.
        var command = PropertyChecks.For(typeof(ExecSpec)).Single();
        var rules = TypeRules.For(typeof(ExecSpec));
        var random = new Random(256);
        int passed = 0, refused = 0;
        for (var i = 0; i < 2000; i++)
        {
            var count = random.Next(8) == 0 ? random.Next(250, 262) : random.Next(0, 12);
            var items = Enumerable.Range(0, count).Select(_ => Item(random)).ToList();
            var total = items.Sum(item => item.Length);
            var valid = items.Count is >= 1 and <= 256 && total <= 256;
            using var tree = JsonTree.Parse("{\"command\":[" + string.Join(",", items.Select(item => "\"" + item.Json + "\"")) + "]}");
            var list = tree.Root.GetProperty("command"u8);
            var ascii = items.All(item => item.Json is not ("\\u0041" or "é"));

            command.Passes(list, list.ValueKind).Should().Be(valid && ascii, $"{items.Count} items, {total} characters");
            var wrongCount = items.Count is 0 or > 256;
            Walk(rules, tree, true, out _).Violations.Should().HaveCount((wrongCount ? 1 : 0) + (total > 256 ? 1 : 0));
            if (valid) passed++;
            else refused++;
        }
        passed.Should().BeGreaterThan(200);
        refused.Should().BeGreaterThan(200);
    }

    // An item as JSON, and its length in characters: escaped, non-ASCII, empty, or ASCII near the edges.
    private static (string Json, int Length) Item(Random random) => random.Next(10) switch
    {
        0 => ("\\u0041", 1),
        1 => ("é", 1),
        2 or 3 => ("", 0),
        _ => new string('x', Edge(random) % 130) is var text ? (text, text.Length) : default,
    };

    private static bool Judge(JsonTree tree, bool checkTypes, Func<ValidationContext, bool> judge)
    {
        var context = ValidationContext.Rent(1, tree.Root, checkTypes);
        try
        {
            return judge(context);
        }
        finally
        {
            context.Finish();
        }
    }

    private static ValidationResult Walk(TypeRules rules, JsonTree tree, bool checkTypes, out TypeWalk types)
    {
        var context = ValidationContext.Rent(1, tree.Root, checkTypes);
        rules.Walk(tree.Root, context);
        types = context.Types;
        return context.Finish();
    }

    private static string Object(string[] names, Random random)
    {
        var json = new StringBuilder("{");
        var count = random.Next(0, names.Length + 2);
        for (var i = 0; i < count; i++)
        {
            var name = random.Next(12) switch
            {
                0 => "unknown",
                1 => names[0].Replace(names[0][0].ToString(), "\\u00" + ((int)names[0][0]).ToString("x2"), StringComparison.Ordinal),
                _ => names[random.Next(names.Length)],
            };
            json.Append(i == 0 ? "" : ",").Append('"').Append(name).Append("\":").Append(Value(random));
        }
        return json.Append('}').ToString();
    }

    private static string Value(Random random) => random.Next(16) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-3, 300000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => "1.5",
        4 => "[]",
        5 => "{}",
        6 => "\"" + Text(random, "abc-_.:/=+@ ", random.Next(0, 8)) + "\"",
        7 => "\"" + Text(random, "AZaz09_", Edge(random)) + "\"",
        8 => "\"\\u0041" + Text(random, "AZ", random.Next(0, 3)) + "\"",
        9 => "\"名字\"",
        10 => "\"a\\nb\"",
        11 => "\"" + Text(random, "0123456789", random.Next(1, 4)) + "Gi\"",
        _ => "\"" + Text(random, "abcdefghijklmnopqrstuvwxyzAZ0123456789_", random.Next(1, 20)) + "\"",
    };

    // Lengths around the limits the plain types have (1, 63, 64, 128, 255, 256, 1024).
    private static int Edge(Random random)
    {
        int[] edges = [0, 1, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1023, 1024, 1025];
        return edges[random.Next(edges.Length)];
    }

    private static string Text(Random random, string alphabet, int length)
    {
        var text = new char[length];
        for (var i = 0; i < length; i++) text[i] = alphabet[random.Next(alphabet.Length)];
        return new string(text);
    }
}
