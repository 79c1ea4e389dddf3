using System.CommandLine;
using JdCloudPodOperator.Entities.Schema;

namespace JdCloudPodOperator.Cli;

/// <summary>`generate crds --output DIR`: writes the CustomResourceDefinition built from the entity types.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Folder to write the CRD YAML into (created if missing).",
            DefaultValueFactory = _ => new DirectoryInfo("crds"),
        };
        var crds = new Command("crds",
            $"Write the JdCloudPod CustomResourceDefinition, generated from the C# entity types and their constraint " +
            $"attributes, to <output>/{CrdGenerator.FileName}. Deterministic: regenerating an unchanged model changes nothing.")
        {
            output,
        };
        crds.SetAction(parse => WriteCrds(parse.GetRequiredValue(output), parse.InvocationConfiguration.Output));
        return new Command("generate", "Generate files derived from the code (run by `make generate`).") { crds };
    }

    private static int WriteCrds(DirectoryInfo output, TextWriter log)
    {
        output.Create();
        var path = Path.Combine(output.FullName, CrdGenerator.FileName);
        File.WriteAllText(path, CrdGenerator.ToYaml(CrdGenerator.Build()));
        log.WriteLine($"wrote {path}");
        return 0;
    }
}
