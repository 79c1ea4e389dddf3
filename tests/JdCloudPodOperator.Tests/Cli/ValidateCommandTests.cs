using System.CommandLine;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Tests.Validation;
using JdCloudPodOperator.Validation.Manifests;

namespace JdCloudPodOperator.Tests.Cli;

/// <summary>`jdcloud-pod-operator validate` on files written to a temporary directory.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("validate-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string[] Lines) Run(params string[] args) => RunWithInput("", args);

    private static (int Exit, string[] Lines) RunWithInput(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand { ValidateCommand.Create() };
        var parsed = root.Parse(["validate", .. args]);
        var exit = parsed.Errors.Count > 0
            ? parsed.Invoke(new InvocationConfiguration { Output = output, Error = output })
            : ValidateCommandRunner(parsed, output, stdin);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    // The action reads Console.In for '-'; tests pass their own reader through the same entry point.
    private static int ValidateCommandRunner(ParseResult parsed, TextWriter output, string stdin) =>
        ValidateCommand.Run(parsed.GetValue<string[]>("--filename")!, parsed.GetValue<bool>("--recursive"), output, new StringReader(stdin));

    [Fact]
    public void Valid_files_exit_zero_with_only_a_summary()
    {
        var file = Write("web.yaml", Manifests.Documents(Manifests.Secret, Manifests.Pod()));

        var (exit, lines) = Run("-f", file);

        exit.Should().Be(0);
        lines.Should().Equal("OK: 1 JdCloudPod in 1 file: 1 valid, 0 invalid; 0 violations, 0 warnings, 0 errors; 1 other document skipped");
    }

    [Fact]
    public void Violations_are_printed_with_file_document_and_name_and_exit_one()
    {
        var file = Write("pods.yaml", Manifests.Documents(Manifests.Secret, Manifests.Pod(), Manifests.Pod("api", containerExtra: "        tty: 1")
            .Replace("name: web\n        image", "name: Web_1\n        image")));

        var (exit, lines) = Run("-f", file);

        exit.Should().Be(1);
        lines.Should().Equal(
            $"{file}#3 team-a/api: spec.podSpec.containers[0].tty: Invalid value: 1: must be of type boolean",
            $"{file}#3 team-a/api: spec.podSpec.containers[0].name: Invalid value: \"Web_1\": must be a DNS-1123 label (lowercase letters, digits and '-', " +
            "starting and ending with a letter or digit, 1-63 characters)",
            "FAIL: 2 JdCloudPods in 1 file: 1 valid, 1 invalid; 2 violations, 0 warnings, 0 errors; 1 other document skipped");
    }

    [Fact]
    public void Violations_past_the_first_100_are_counted_on_one_line()
    {
        var env = string.Concat(Enumerable.Range(0, 150).Select(i => $"          - name: \"bad name {i}\"\n"));
        var file = Write("many.yaml", Manifests.Pod(containerExtra: "        env:\n" + env));

        var (exit, lines) = Run("-f", file);

        exit.Should().Be(1);
        lines.Should().HaveCount(100 + 2);
        lines[^2].Should().Be($"{file} team-a/web: and 51 more violations");
        lines[^1].Should().StartWith("FAIL: 1 JdCloudPod in 1 file: 0 valid, 1 invalid; 151 violations,");
    }

    [Fact]
    public void Warnings_are_marked_and_do_not_fail()
    {
        var file = Write("web.yaml", Manifests.Pod().Replace("sizeGB: 20", "sizeGB: 20\n          iops: 100"));

        var (exit, lines) = Run("-f", file);

        exit.Should().Be(0);
        lines[0].Should().Be($"{file} team-a/web: warning: spec.podSpec.containers[0].systemDisk.iops: has an effect only for diskType ssd.io1 (diskType is not set)");
        lines[1].Should().StartWith("OK: 1 JdCloudPod in 1 file: 1 valid, 0 invalid; 0 violations, 1 warning,");
    }

    [Fact]
    public void Parse_errors_name_the_file_and_document_and_fail()
    {
        var file = Write("broken.yaml", Manifests.Documents(Manifests.Pod(), "spec: [unclosed\n"));

        var (exit, lines) = Run("-f", file);

        exit.Should().Be(1);
        lines[0].Should().StartWith($"{file}#2: error: line ");
        lines[^1].Should().Be("FAIL: 1 JdCloudPod in 1 file: 1 valid, 0 invalid; 0 violations, 0 warnings, 1 error; 0 other documents skipped");
    }

    // go-yaml keeps a float past double's range as a string, which the API server refuses by type; before, the reader
    // made it infinity and the command crashed writing it as JSON.
    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void A_number_json_cannot_carry_is_a_field_error_not_a_crash(string value)
    {
        var file = Write("huge.yaml", Manifests.Pod(specExtra: "  maxCount: " + value));

        var (exit, lines) = Run("-f", file);

        exit.Should().Be(1);
        lines.Should().Equal(
            $"{file} team-a/web: spec.maxCount: Invalid value: \"{value}\": must be of type integer",
            "FAIL: 1 JdCloudPod in 1 file: 0 valid, 1 invalid; 1 violation, 0 warnings, 0 errors; 0 other documents skipped");
    }

    // go-yaml reads these as infinity and NaN, which kubectl cannot write as JSON: it refuses the file, and so does this.
    [Theory]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".nan")]
    public void Infinity_or_nan_is_an_error_at_its_line(string value)
    {
        var file = Write("huge.yaml", Manifests.Pod(specExtra: "  maxCount: " + value));

        var (exit, lines) = Run("-f", file);

        exit.Should().Be(1);
        lines[0].Should().MatchRegex($@"^{System.Text.RegularExpressions.Regex.Escape(file)}: error: line \d+, column 13: {System.Text.RegularExpressions.Regex.Escape(value)} is no number JSON can hold \(kubectl refuses it too\)$");
        lines[^1].Should().EndWith("; 0 violations, 0 warnings, 1 error; 0 other documents skipped");
    }

    [Fact]
    public void Numbers_at_the_edge_of_the_range_are_still_numbers()
    {
        var edge = Write("edge.yaml", Manifests.Pod(specExtra: "  maxCount: 1e308"));
        var one = Write("one.yaml", Manifests.Pod(specExtra: "  maxCount: 1e0"));

        Run("-f", edge).Lines[0].Should().Be($"{edge} team-a/web: spec.maxCount: Invalid value: 1E+308: must be an integer from -2147483648 to 2147483647");
        Run("-f", one).Should().BeEquivalentTo((0, new[] { "OK: 1 JdCloudPod in 1 file: 1 valid, 0 invalid; 0 violations, 0 warnings, 0 errors; 0 other documents skipped" }));
    }

    [Fact]
    public void A_bracket_left_open_is_a_parse_error_of_its_document_not_a_crash()
    {
        var open = Manifests.Pod("b").Replace("    containers:\n      - name: web\n        image: nginx:latest\n        systemDisk:\n          sizeGB: 20\n", "    containers: [\n");
        var text = Manifests.Documents(Manifests.Pod(), open);
        var file = Write("open.yaml", text);
        // The file's line of the first value under the bracket, as YAML errors count them.
        var line = Array.FindLastIndex(text.Split('\n'), l => l.StartsWith("    primaryNetworkInterface:")) + 1;

        var (exit, lines) = Run("-f", file);

        exit.Should().Be(1);
        lines.Should().Equal(
            $"{file}#2: error: line {line}, column 5: a plain value inside [...] or {{...}} must be indented deeper than the block around it (is a '[' or '{{' left open?)",
            "FAIL: 1 JdCloudPod in 1 file: 1 valid, 0 invalid; 0 violations, 0 warnings, 1 error; 0 other documents skipped");
    }

    [Fact]
    public void A_lone_surrogate_in_a_json_manifest_is_an_error_at_its_string_not_a_crash()
    {
        var json = YamlJson.ReadAll(Manifests.Pod()).Single().Root!.ToJsonString().Replace("nginx:latest", "nginx:\\ud800");
        var column = json.IndexOf("\"nginx:", StringComparison.Ordinal) + 1;

        var (exit, lines) = RunWithInput(json, "-f", "-");

        exit.Should().Be(1);
        lines.Should().Equal(
            $"stdin: error: line 1, column {column}: invalid JSON: the string \"nginx:\\ud800\" is not valid Unicode text (a lone UTF-16 surrogate)",
            "FAIL: 0 JdCloudPods in 1 file: 0 valid, 0 invalid; 0 violations, 0 warnings, 1 error; 0 other documents skipped");
    }

    [Fact]
    public void Surrogate_pairs_written_raw_or_escaped_are_valid_text()
    {
        var yaml = Manifests.Pod(containerExtra: "        env:\n          - {name: GREETING, value: \"😀\"}");
        var json = YamlJson.ReadAll(yaml).Single().Root!.ToJsonString();

        json.Should().Contain("\\uD83D\\uDE00");
        RunWithInput(yaml, "-f", "-").Exit.Should().Be(0);
        RunWithInput(json, "-f", "-").Should().BeEquivalentTo((0, new[] { "OK: 1 JdCloudPod in 1 file: 1 valid, 0 invalid; 0 violations, 0 warnings, 0 errors; 0 other documents skipped" }));
    }

    [Fact]
    public void Directories_give_their_manifests_and_recursive_their_subdirectories()
    {
        Write("a.yaml", Manifests.Pod("a"));
        Write("b.yml", Manifests.Pod("b"));
        Write("c.json", """{"apiVersion": "jdcloudpod.io/v1alpha1", "kind": "JdCloudPod", "metadata": {"name": "c"}, "spec": {"maxCount": "two"}}""");
        Write("notes.txt", "not: [yaml");
        Write("sub/d.yaml", Manifests.Pod("D"));

        var (exit, lines) = Run("-f", dir);

        exit.Should().Be(1);
        lines.Should().Contain($"{Path.Combine(dir, "c.json")} c: spec.maxCount: Invalid value: \"two\": must be of type integer");
        lines[^1].Should().StartWith("FAIL: 3 JdCloudPods in 3 files: 2 valid, 1 invalid;");

        var (_, recursive) = Run("-R", "-f", dir);

        recursive.Should().Contain(line => line.StartsWith($"{Path.Combine(dir, "sub", "d.yaml")} team-a/D: spec.podSpec.name: Invalid value: \"D\""));
        recursive[^1].Should().StartWith("FAIL: 4 JdCloudPods in 4 files: 2 valid, 2 invalid;");
    }

    [Fact]
    public void Several_files_and_standard_input_are_read()
    {
        var file = Write("a.yaml", Manifests.Pod("a"));

        var (exit, lines) = RunWithInput(Manifests.Pod("Bad"), "-f", file, "-f", "-");

        exit.Should().Be(1);
        lines[0].Should().StartWith("stdin team-a/Bad: spec.podSpec.name: Invalid value: \"Bad\"");
        lines[^1].Should().StartWith("FAIL: 2 JdCloudPods in 2 files: 1 valid, 1 invalid;");
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var missing = Path.Combine(dir, "missing.yaml");

        var (exit, lines) = Run("-f", missing);

        exit.Should().Be(1);
        lines[0].Should().Be($"{missing}: error: no such file or directory");
    }

    [Fact]
    public void Without_files_the_command_line_is_refused()
    {
        Run().Exit.Should().NotBe(0);
    }

    [Fact]
    public void Help_explains_the_command_for_pipelines()
    {
        var output = new StringWriter();
        var root = new RootCommand { ValidateCommand.Create() };

        var exit = root.Parse(["validate", "--help"]).Invoke(new InvocationConfiguration { Output = output });

        exit.Should().Be(0);
        output.ToString().Should().Contain("GitOps").And.Contain("Exit status").And.Contain("-f, --filename").And.Contain("-R, --recursive");
    }

    [Fact]
    public void The_operator_command_line_registers_validate()
    {
        var file = Write("web.yaml", Manifests.Pod());
        var bad = Write("bad.yaml", Manifests.Pod("Bad"));

        OperatorCommand.Run(["validate", "-f", file]).Should().Be(0);
        OperatorCommand.Run(["validate", "-f", bad]).Should().Be(1);
    }

    [Fact]
    public void The_valid_samples_pass_as_a_directory()
    {
        var (exit, lines) = Run("-f", Schema.Samples.PathOf("valid", ""));

        exit.Should().Be(0, string.Join('\n', lines));
        lines.SkipLast(1).Should().OnlyContain(l => l.Contains(": warning: "));
        lines[^1].Should().StartWith("OK: ").And.Contain("0 invalid; 0 violations");
    }

    public static TheoryData<string> InvalidSamples => new(Schema.Samples.Files("invalid"));

    // The header of each invalid sample is its promise to readers: the CLI reports exactly those field paths.
    [Theory]
    [MemberData(nameof(InvalidSamples))]
    public void Each_invalid_sample_fails_with_the_violations_its_header_lists(string file)
    {
        var (exit, lines) = Run("-f", Schema.Samples.PathOf("invalid", file));

        exit.Should().Be(1);
        var reported = lines.SkipLast(1).Select(l => l.Split(": ")[1]).Distinct();
        reported.Should().BeEquivalentTo(Schema.Samples.ExpectedViolationPaths(file));
        lines[^1].Should().StartWith("FAIL: 1 JdCloudPod in 1 file: 0 valid, 1 invalid");
    }
}
