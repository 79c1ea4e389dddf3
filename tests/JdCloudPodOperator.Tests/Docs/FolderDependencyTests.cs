using System.Text.RegularExpressions;
using JdCloudPodOperator.Tests.Infrastructure;

namespace JdCloudPodOperator.Tests.Docs;

/// <summary>
/// The folders of operator/ (the README's layout) depend on each other one way only, so each can be read, and
/// changed, knowing only what is below it. A loop is found from the namespaces each folder's files use.
/// </summary>
public partial class FolderDependencyTests
{
    [Fact]
    public void No_two_folders_of_the_operator_depend_on_each_other_even_through_others()
    {
        var uses = FolderUses();

        uses.Keys.Should().Contain(["Controller", "Validation", "JdCloud", "Cmdb", "Telemetry"], "the layout was read");
        var loops = uses.SelectMany(u => u.Value.Where(other => Reaches(uses, other, u.Key)).Select(other => $"{u.Key} <-> {other}"));
        loops.Should().BeEmpty();
    }

    [Fact]
    public void A_loop_is_found_through_a_third_folder()
    {
        var uses = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        Reaches(uses, "B", "A").Should().BeTrue();
        Reaches(uses, "A", "D").Should().BeFalse();
    }

    private static Dictionary<string, HashSet<string>> FolderUses()
    {
        var root = RepoPaths.Of("operator");
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (parts.Length < 2 || parts[0] is "bin" or "obj") continue;
            var folder = parts[0];
            var set = uses.TryGetValue(folder, out var s) ? s : uses[folder] = [];
            foreach (Match m in NamespaceUse().Matches(File.ReadAllText(file)))
                if (m.Groups["folder"].Value != folder) set.Add(m.Groups["folder"].Value);
        }
        return uses;
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> uses, string from, string to)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>([from]);
        while (next.TryPop(out var folder))
        {
            if (folder == to) return true;
            if (seen.Add(folder) && uses.TryGetValue(folder, out var more)) foreach (var m in more) next.Push(m);
        }
        return false;
    }

    // A file's own namespace names its own folder, so it needs no exception.
    [GeneratedRegex(@"\bJdCloudPodOperator\.(?<folder>[A-Z]\w*)")]
    private static partial Regex NamespaceUse();
}
