using System.CommandLine;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Manifests;

namespace JdCloudPodOperator.Cli;

/// <summary>
/// `validate -f FILE...`: the admission webhook's checks, offline, for CI and GitOps pipelines. Output is one line
/// per finding (`file[#doc] namespace/name: field: problem`) and a summary; exit 1 on any violation or error.
/// </summary>
public static class ValidateCommand
{
    private const string Description = """
        Validate JdCloudPod manifests offline with the same rules as the admission webhook, so a GitOps pipeline
        fails before anything reaches the cluster. No cluster or credentials are needed.

        Reads YAML (multi-document, '---') or JSON files, whole directories (*.yaml, *.yml, *.json) and '-' for
        standard input. Every JdCloudPod document is checked; other kinds (a Secret in the same file, a
        Kustomization) are skipped. Besides every createPods rule it reports what the API server would refuse or
        silently drop: unknown fields (typos), and values of the wrong type, read the way kubectl reads YAML
        (unquoted yes/no/on/off are booleans, so quote such strings).

        Output, one line per finding, grep- and CI-friendly:
          FILE[#DOC] NAMESPACE/NAME: FIELD: PROBLEM           a violation (#DOC when the file has several documents)
          FILE[#DOC] NAMESPACE/NAME: warning: FIELD: ...      legal, but probably not meant
          FILE[#DOC]: error: ...                              unreadable file or document
        then one summary line.

        Exit status: 0 when every JdCloudPod is valid (warnings allowed), 1 on any violation or error.

        spec.cmdb fields left out are required unless the operator supplies defaults: pass the same --cmdb-*
        defaults (or CMDB_* environment variables) the operator runs with.

        Examples:
          jdcloud-pod-operator validate -f deploy/pods.yaml
          jdcloud-pod-operator validate -R -f clusters/prod/
          kustomize build overlays/prod | jdcloud-pod-operator validate -f -
        """;

    public static Command Create()
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "A manifest file, a directory of manifests, or '-' for standard input. Repeat for more.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            HelpName = "FILE",
        };
        var recursive = new Option<bool>("--recursive", "-R")
        {
            Description = "Also read the subdirectories of directories given with -f.",
        };
        var command = new Command("validate", Description) { files, recursive };
        foreach (var option in CmdbCommandLine.Defaults) command.Options.Add(option);
        command.SetAction(result =>
        {
            try
            {
                var defaults = CmdbCommandLine.DefaultsOf(result);
                return Run(result.GetValue(files) ?? [], result.GetValue(recursive), result.InvocationConfiguration.Output, Console.In, defaults);
            }
            catch (InvalidOperationException e)
            {
                result.InvocationConfiguration.Error.WriteLine("validate: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>Validates every source and prints the findings and a summary; the exit status.</summary>
    internal static int Run(IReadOnlyList<string> paths, bool recursive, TextWriter output, TextReader stdin, CmdbSpec? cmdbDefaults = null)
    {
        var summary = new Summary();
        foreach (var path in paths)
        {
            foreach (var source in ManifestSources.Expand(path, recursive))
            {
                summary.Files++;
                if (ReadText(source, stdin, out var error) is { } text) Report(source.Name, ManifestValidator.Validate(text, cmdbDefaults), output, summary);
                else
                {
                    output.WriteLine($"{source.Name}: error: {error}");
                    summary.Errors++;
                }
            }
        }
        output.WriteLine(summary);
        return summary.Failed ? 1 : 0;
    }

    private static string? ReadText(ManifestSource source, TextReader stdin, out string? error)
    {
        error = source.Error;
        if (error is not null) return null;
        try
        {
            return source.Read(stdin);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return null;
        }
    }

    private static void Report(string file, List<DocumentReport> documents, TextWriter output, Summary summary)
    {
        var several = documents.Count > 0 && documents[^1].Index > 1;
        foreach (var document in documents)
        {
            var where = several ? $"{file}#{document.Index}" : file;
            if (document.ParseError is not null)
            {
                output.WriteLine($"{where}: error: {document.ParseError}");
                summary.Errors++;
                continue;
            }
            if (!document.IsJdCloudPod)
            {
                summary.Skipped++;
                continue;
            }
            summary.Add(document);
            foreach (var violation in document.Violations) output.WriteLine($"{where} {document.Object}: {violation}");
            if (document.Omitted > 0) output.WriteLine($"{where} {document.Object}: and {document.Omitted} more violations");
            foreach (var warning in document.Warnings) output.WriteLine($"{where} {document.Object}: warning: {warning}");
        }
    }

    private sealed class Summary
    {
        public int Files { get; set; }
        public int Errors { get; set; }
        public int Skipped { get; set; }
        private int pods, invalid, violations, warnings;

        public bool Failed => Errors > 0 || violations > 0;

        public void Add(DocumentReport document)
        {
            pods++;
            if (document.Violations.Count > 0) invalid++;
            violations += document.Violations.Count + document.Omitted;
            warnings += document.Warnings.Count;
        }

        public override string ToString() =>
            $"{(Failed ? "FAIL" : "OK")}: {Count(pods, "JdCloudPod")} in {Count(Files, "file")}: {pods - invalid} valid, {invalid} invalid; " +
            $"{Count(violations, "violation")}, {Count(warnings, "warning")}, {Count(Errors, "error")}; {Count(Skipped, "other document")} skipped";

        private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
    }
}
