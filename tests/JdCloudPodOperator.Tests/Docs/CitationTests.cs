using System.Text.RegularExpressions;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Docs;

/// <summary>
/// Comments cite the repository's own docs/ (by file and section), never a fact sheet the repository does not contain,
/// so a reader can open every citation.
/// </summary>
public partial class CitationTests
{
    // Spelled so that this file does not cite them itself.
    private static readonly string[] ForeignCitations = ["\u00a7", "checklist" + " item"];

    [Fact]
    public void No_source_file_cites_a_fact_sheet_the_repository_does_not_have()
    {
        var offending = SourceFiles("*.cs")
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => ForeignCitations.Any(c => l.line.Contains(c, StringComparison.Ordinal)))
            .Select(l => $"{Relative(l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        offending.Should().BeEmpty();
    }

    [Fact]
    public void Every_cited_doc_exists_and_every_cited_section_is_one_of_its_headings()
    {
        var citations = SourceFiles("*.cs").Concat(SourceFiles("*.sh"))
            .SelectMany(file => DocCitation().Matches(File.ReadAllText(file)).Select(m => (file, m)))
            .ToList();

        citations.Should().NotBeEmpty();
        foreach (var (file, match) in citations)
        {
            var doc = RepoPaths.Of("docs", match.Groups["name"].Value + ".md");
            File.Exists(doc).Should().BeTrue($"{Relative(file)} cites {match.Value}");
            if (match.Groups["section"].Success)
                IsHeadingOf(doc, match.Groups["section"].Value).Should().BeTrue(
                    $"{Relative(file)} cites the section \"{match.Groups["section"].Value}\" of {Path.GetFileName(doc)}");
        }
    }

    [Fact]
    public void The_checks_see_a_missing_doc_a_wrong_section_and_a_foreign_citation()
    {
        // Built from parts, so that the scan of this file does not find them.
        const string docs = "docs" + "/";
        var missing = DocCitation().Match($"({docs}no-such-page.md, Signing)");
        var wrongSection = DocCitation().Match($"({docs}jdcloud-api.md, Singing, step 6)");
        var right = DocCitation().Match($"({docs}jdcloud-api.md, Signing, Algorithm, step 6)");
        var wrapped = DocCitation().Match($"/// ({docs}bkcmdb-api.md, Rate\n/// limits and retries)");
        var quoted = DocCitation().Match($"({docs}jdcloud-api.md, \"Errors\" and \"Retries\")");
        var api = RepoPaths.Of("docs", "jdcloud-api.md");

        File.Exists(RepoPaths.Of("docs", missing.Groups["name"].Value + ".md")).Should().BeFalse();
        IsHeadingOf(api, wrongSection.Groups["section"].Value).Should().BeFalse();
        IsHeadingOf(api, right.Groups["section"].Value).Should().BeTrue();
        IsHeadingOf(RepoPaths.Of("docs", "bkcmdb-api.md"), wrapped.Groups["section"].Value).Should().BeTrue();
        IsHeadingOf(api, quoted.Groups["section"].Value).Should().BeTrue();
        ForeignCitations.Should().Contain(c => "fact sheet \u00a73.2".Contains(c, StringComparison.Ordinal));
    }

    private static IEnumerable<string> SourceFiles(string pattern) =>
        new[] { "operator", "tests", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(RepoPaths.Of(folder), pattern, SearchOption.AllDirectories))
            .Where(file => !Relative(file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string Relative(string file) => Path.GetRelativePath(RepoPaths.Root, file);

    /// <summary>
    /// Whether the text after a cited page's name and a comma names a heading of the doc, quoted or not: it starts with
    /// one ("Signing, step 6"), or, where the comment breaks the line inside the name, one starts with it ("Rate" for
    /// "Rate limits...").
    /// </summary>
    private static bool IsHeadingOf(string doc, string section)
    {
        var text = section.TrimStart('"');
        return File.ReadLines(doc)
            .Where(l => l.StartsWith("## ", StringComparison.Ordinal) || l.StartsWith("### ", StringComparison.Ordinal))
            .Select(l => l.TrimStart('#').Trim())
            .Any(h => text.StartsWith(h, StringComparison.Ordinal) || h.StartsWith(text.Trim(), StringComparison.Ordinal));
    }

    /// <summary>A cited page of docs/, optionally followed by ", Section" on the same line.</summary>
    [GeneratedRegex(@"(?<![\w/.-])docs/(?<name>[\w-]+)\.md(?:, (?<section>[^\r\n]+))?")]
    private static partial Regex DocCitation();
}
