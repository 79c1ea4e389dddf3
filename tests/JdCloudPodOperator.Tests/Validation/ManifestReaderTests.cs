using System.Text.Json.Nodes;
using JdCloudPodOperator.Validation.Manifests;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>YAML and JSON into JSON trees, the way kubectl reads them for a custom resource.</summary>
public class ManifestReaderTests
{
    private static JsonNode? Value(string yaml) => YamlJson.ReadAll("value: " + yaml).Single().Root!["value"];

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("on", true)]
    [InlineData("y", true)]
    [InlineData("true", true)]
    [InlineData("no", false)]
    [InlineData("OFF", false)]
    [InlineData("n", false)]
    [InlineData("False", false)]
    public void Unquoted_yaml_1_1_booleans_are_booleans(string text, bool expected)
    {
        Value(text)!.GetValue<bool>().Should().Be(expected);
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("0755", 493)]
    [InlineData("0o17", 15)]
    [InlineData("0x1F", 31)]
    [InlineData("0b101", 5)]
    [InlineData("1_000", 1000)]
    public void Unquoted_integers_are_read_as_go_yaml_reads_them(string text, long expected)
    {
        Value(text)!.GetValue<long>().Should().Be(expected);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("1e3", 1000)]
    [InlineData(".5", 0.5)]
    [InlineData("08", 8)] // not octal, so go-yaml reads it as a float
    [InlineData("1e308", 1e308)]
    [InlineData("-1.7976931348623157e308", double.MinValue)]
    public void Unquoted_floats_are_numbers(string text, double expected)
    {
        Value(text)!.GetValue<double>().Should().Be(expected);
    }

    // go-yaml's ParseFloat fails past double's range and the scalar stays a string (.NET would read infinity, which no
    // JSON writer takes). Spellings close to infinity's and NaN's are strings too.
    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("inf")]
    [InlineData(".infinity")]
    [InlineData("..inf")]
    [InlineData(".iNf")]
    [InlineData("nan")]
    [InlineData("+.nan")]
    public void Floats_json_cannot_carry_stay_strings(string text)
    {
        Value(text)!.GetValue<string>().Should().Be(text);
    }

    // go-yaml reads these as infinity and NaN, which kubectl then cannot write as JSON: it refuses the file.
    [Theory]
    [InlineData(".inf")]
    [InlineData("+.Inf")]
    [InlineData("-.INF")]
    [InlineData(".nan")]
    [InlineData(".NaN")]
    [InlineData(".NAN")]
    public void Infinity_and_nan_are_a_parse_error_where_quoted_they_are_strings(string text)
    {
        YamlJson.ReadAll($"a: 1\nvalue: {text}\n").Single().ParseError.Should().Be($"line 2, column 8: {text} is no number JSON can hold (kubectl refuses it too)");
        Value($"\"{text}\"")!.GetValue<string>().Should().Be(text);
    }

    [Fact]
    public void A_float_tag_on_a_value_past_the_range_is_a_parse_error_with_its_line()
    {
        YamlJson.ReadAll("value: !!float 1e400\n").Single().ParseError.Should().Be("line 1, column 8: \"1e400\" is not a valid number");
    }

    [Theory]
    [InlineData("\"yes\"", "yes")]
    [InlineData("'42'", "42")]
    [InlineData("!!str 42", "42")]
    [InlineData("nginx:latest", "nginx:latest")]
    [InlineData("0x", "0x")]
    [InlineData("2024-01-01", "2024-01-01")]
    [InlineData("|\n  two\n  lines", "two\nlines")]
    public void Quoted_tagged_and_other_scalars_are_strings(string text, string expected)
    {
        Value(text)!.GetValue<string>().Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("NULL")]
    public void Null_spellings_are_null(string text)
    {
        Value(text).Should().BeNull();
    }

    [Fact]
    public void Documents_are_numbered_from_one_and_empty_ones_kept_in_the_count()
    {
        var documents = YamlJson.ReadAll("a: 1\n---\n---\nb: 2\n");

        documents.Select(d => d.Index).Should().Equal(1, 2, 3);
        documents[1].Root.Should().BeNull();
        documents[2].Root!["b"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_expanded()
    {
        var root = YamlJson.ReadAll("""
            base: &base {a: 1, b: 2}
            copy: *base
            merged:
              <<: *base
              b: 3
            quoted:
              "<<": literal
            """).Single().Root!;

        root["copy"]!.ToJsonString().Should().Be("""{"a":1,"b":2}""");
        root["merged"]!.ToJsonString().Should().Be("""{"a":1,"b":3}""");
        root["quoted"]!["<<"]!.GetValue<string>().Should().Be("literal");
    }

    [Fact]
    public void A_repeated_key_is_a_parse_error_with_its_path_and_line()
    {
        var document = YamlJson.ReadAll("a: 1\nb: 2\na: 3\n").Single();
        var nested = YamlJson.ReadAll("b:\n  c: 2\n  c: 3\n").Single();
        var inList = YamlJson.ReadAll("l:\n  - x: 1\n  - x: 2\n    x: 3\n").Single();

        document.ParseError.Should().Be("a: line 3, column 1: duplicate key \"a\"");
        nested.ParseError.Should().Be("b.c: line 3, column 3: duplicate key \"c\"");
        inList.ParseError.Should().Be("l[1].x: line 4, column 5: duplicate key \"x\"", "the path a JSON manifest's repeat gets");
    }

    [Fact]
    public void A_repeated_name_in_a_json_manifest_is_a_parse_error_like_a_yaml_duplicate_key()
    {
        var repeated = YamlJson.ReadAll("""{"a": 1, "b": {"c": 2, "c": 3}}""").Single();
        var inList = YamlJson.ReadAll("""{"l": [{"x": 1}, {"x": 2, "x": 3}]}""").Single();
        var distinct = YamlJson.ReadAll("""{"a": 1, "b": {"c": 2, "d": 3}}""").Single();

        repeated.Root.Should().BeNull();
        repeated.ParseError.Should().Be("b.c: invalid JSON: duplicate key \"c\"");
        inList.ParseError.Should().Be("l[1].x: invalid JSON: duplicate key \"x\"");
        distinct.ParseError.Should().BeNull();
        distinct.Root!["b"]!["d"]!.GetValue<long>().Should().Be(3);
    }

    [Fact]
    public void A_repeated_long_name_is_quoted_cut_short_in_its_error()
    {
        var name = new string('k', 1_000); // YAML's implicit keys end at 1,024 characters

        var yaml = YamlJson.ReadAll($"{name}: 1\n{name}: 2\n").Single().ParseError;
        var json = YamlJson.ReadAll("{\"m\": {\"" + name + "\": 1, \"" + name + "\": 2}}").Single().ParseError;
        var edge = YamlJson.ReadAll($"{name[..80]}: 1\n{name[..80]}: 2\n").Single().ParseError;

        yaml.Should().Be($"{name[..80]}...: line 2, column 1: duplicate key \"{name[..80]}...\"");
        json.Should().Be($"m.{name[..80]}...: invalid JSON: duplicate key \"{name[..80]}...\"");
        edge.Should().Be($"{name[..80]}: line 2, column 1: duplicate key \"{name[..80]}\"");
    }

    [Fact]
    public void Syntax_errors_keep_the_documents_before_them()
    {
        var documents = YamlJson.ReadAll("a: 1\n---\nb: [1\n");

        documents.Should().HaveCount(2);
        documents[0].Root!["a"]!.GetValue<long>().Should().Be(1);
        documents[1].ParseError.Should().StartWith("line ");
    }

    [Fact]
    public void A_plain_value_indented_under_an_open_bracket_is_a_parse_error_with_its_position()
    {
        var documents = YamlJson.ReadAll("a: 1\n---\nspec:\n  podSpec:\n    containers: [\n    primaryNetworkInterface:\n      subnetId: s\n");

        documents.Should().HaveCount(2);
        documents[1].ParseError.Should().Be(
            "line 6, column 5: a plain value inside [...] or {...} must be indented deeper than the block around it (is a '[' or '{' left open?)");
    }

    [Fact]
    public void A_lone_surrogate_in_a_json_manifest_is_a_parse_error_at_its_string()
    {
        YamlJson.ReadAll("{\"a\": 1,\n \"image\": \"x\\ud800\"}").Single().ParseError.Should().Be(
            "line 2, column 11: invalid JSON: the string \"x\\ud800\" is not valid Unicode text (a lone UTF-16 surrogate)");
        YamlJson.ReadAll("{\"l\": [\"\\udc00x\"]}").Single().ParseError.Should().Be(
            "line 1, column 8: invalid JSON: the string \"\\udc00x\" is not valid Unicode text (a lone UTF-16 surrogate)");
        YamlJson.ReadAll("{\"a\": {\"\\ud800\": 1}}").Single().ParseError.Should().Be(
            "line 1, column 8: invalid JSON: the name \"\\ud800\" is not valid Unicode text (a lone UTF-16 surrogate)");
        // A repeated name is reported as before, unless finding it meets a name it cannot read.
        YamlJson.ReadAll("{\"m\": {\"a\": 1, \"a\": 2}, \"l\": [{\"\\ud800\": 1}]}").Single().ParseError.Should().Be(
            "line 1, column 32: invalid JSON: the name \"\\ud800\" is not valid Unicode text (a lone UTF-16 surrogate)");
        YamlJson.ReadAll("{\"b\": \"\\ud800\", \"a\": 1, \"a\": 2}").Single().ParseError.Should().Be("a: invalid JSON: duplicate key \"a\"");
        YamlJson.ReadAll("{\"a\": \"\ud800\"}").Single().ParseError.Should().Be(
            "line 1, column 8: invalid JSON: \\ud800 is not valid Unicode text (a lone UTF-16 surrogate)");
    }

    [Fact]
    public void A_lone_surrogate_in_yaml_is_a_parse_error_at_its_scalar()
    {
        // YamlDotNet refuses the escape itself.
        YamlJson.ReadAll("a: 1\nb: \"\\ud800\"\n").Single().ParseError.Should().Be("line 2, column 4: While scanning a quoted scalar, found invalid Unicode surrogates.");
        YamlJson.ReadAll("a: 1\nb: x\udc00\n").Single().ParseError.Should().Be(
            "line 2, column 4: \\udc00 is not valid Unicode text (a lone UTF-16 surrogate)");
        YamlJson.ReadAll("a: 1\n\ud800: x\n").Single().ParseError.Should().Be(
            "line 2, column 1: \\ud800 is not valid Unicode text (a lone UTF-16 surrogate)");
    }

    [Fact]
    public void Surrogate_pairs_are_read_as_their_character()
    {
        var json = YamlJson.ReadAll("{\"a\": \"\\ud83d\\ude00\", \"\\ud83d\\ude00\": 1}").Single();

        json.ParseError.Should().BeNull();
        json.Root!["a"]!.GetValue<string>().Should().Be("😀");
        json.Root!["😀"]!.GetValue<long>().Should().Be(1);
        Value("\"😀\"")!.GetValue<string>().Should().Be("😀");
        Value("x😀")!.GetValue<string>().Should().Be("x😀");
    }

    [Fact]
    public void Deep_nesting_is_refused_without_recursion()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 100_000));

        YamlJson.ReadAll("a: " + deep).Single().ParseError.Should().Contain("nested deeper than 64 levels");
    }

    [Fact]
    public void Alias_bombs_are_refused()
    {
        var bomb = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }

        YamlJson.ReadAll(bomb.ToString()).Single().ParseError.Should().Contain("more than 250000 values once aliases are expanded");
    }

    [Fact]
    public void Json_files_are_read_as_json()
    {
        var document = YamlJson.ReadAll("{\n\t\"kind\": \"JdCloudPod\",\n\t\"spec\": {\"maxCount\": 2}\n}").Single();

        document.Root!["spec"]!["maxCount"]!.GetValue<int>().Should().Be(2);
        YamlJson.ReadAll("{\"a\": 1,}").Single().ParseError.Should().StartWith("line 1, column 9: invalid JSON");
    }
}
