using System.CommandLine;
using JdCloudPodOperator.Cli;
using JdCloudPodOperator.Entities.Schema;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Cli;

public class GenerateCommandTests
{
    [Fact]
    public void Checked_in_crd_matches_a_fresh_generation()
    {
        var checkedIn = File.ReadAllText(RepoPaths.Of("crds", CrdGenerator.FileName)).Split('\n');
        var fresh = CrdGenerator.ToYaml(CrdGenerator.Build()).Split('\n');
        var line = Enumerable.Range(0, Math.Max(checkedIn.Length, fresh.Length))
            .FirstOrDefault(i => i >= checkedIn.Length || i >= fresh.Length || checkedIn[i] != fresh[i], -1);
        if (line >= 0)
        {
            Assert.Fail($"crds/{CrdGenerator.FileName} is out of date with the entity types: run `make generate` and commit crds/. " +
                $"First difference at line {line + 1}: checked in `{checkedIn.ElementAtOrDefault(line)}`, generated `{fresh.ElementAtOrDefault(line)}`.");
        }
    }

    [Fact]
    public void Generate_crds_writes_the_generated_crd_into_the_output_folder()
    {
        var output = Path.Combine(Path.GetTempPath(), "jdpod-crds-" + Guid.NewGuid().ToString("N"));
        try
        {
            OperatorCommand.Run(["generate", "crds", "--output", output]).Should().Be(0);
            File.ReadAllText(Path.Combine(output, "jdcloudpods.jdcloudpod.io.yaml"))
                .Should().Be(CrdGenerator.ToYaml(CrdGenerator.Build()));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Help_explains_what_is_generated_and_where()
    {
        var help = Invoke("generate", "crds", "--help");
        help.Should().Contain("--output").And.Contain("CustomResourceDefinition").And.Contain(CrdGenerator.FileName)
            .And.Contain("[default: crds]");
    }

    private static string Invoke(params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand { GenerateCommand.Create() };
        root.Parse(args).Invoke(new InvocationConfiguration { Output = output }).Should().Be(0);
        return output.ToString();
    }
}
