using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>The fast paths (character classes, <see cref="PatternScan"/>) answer exactly as the regex would, for every pattern the entities name.</summary>
public class CompiledPatternTests
{
    private static readonly string[] Values =
    [
        "", "a", "A", "0", "_", "-", "VARIABLE_1", "X-Custom-Header", "bad name", "web\n", "\n", "a.b", "é", "名字",
        "!#$%&'*+.^_`|~", "tab\there", "/", "/data", "trailing-", "-leading", "x\u0000y", new string('a', 300),
        // DNS names: label ends, label lengths 63 and 64, dots, case.
        "a-b", "a--b", "0", "9z", "a.b.c", "a..b", ".a", "a.", "a-.b", "a.-b", "A", "Web", "web.Local", "a_b", "a b", "xn--bcher-kva",
        new string('a', 63), new string('a', 64), "x." + new string('a', 63), "x." + new string('a', 64), "-", ".", "a.b-",
        // Mount paths: '/' alone or repeated, line feeds in each place, non-ASCII.
        "//", "///", "/a/", "/a//", "/\n", "/a\n", "/\n\n", "/a\nb", "//\n", "/\na\n", "\n/a", "/\u00e9", "/\r", "a/", " /a",
        // Resolver option names: a letter or digit first, then letters, digits, '-' and '_'.
        "ndots", "ndots-2", "use_vc", "_ndots", "-ndots", "9", "a:b", "a.b", "a-", "a_",
        // Chinese classes (tags, network interface names): the range's ends and the characters just outside them,
        // mixed with ASCII, the class's punctuation, and '?' (what an ASCII encoding makes of a character it lacks).
        "\u4e00", "\u9fa5", "\u4dff", "\u9fa6", "商城-eni_1", "成本中心", "研发/01", "a\u9fa6", "\u3000", "?", "a?b",
        "k=v+w@x:y,z.", "\u00e9\u4e00", "\ud83d\ude00",
        // Region IDs: a label's shape of any length.
        "cn-north-1", "cn-", "-cn", new string('a', 64) + "-1",
    ];

    public static TheoryData<string> AllPatterns()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(Patterns).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (!field.Name.EndsWith("Meaning", StringComparison.Ordinal) && field.GetValue(null) is string pattern) data.Add(pattern);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPatterns))]
    public void Matches_exactly_what_the_regex_matches(string pattern)
    {
        var regex = new Regex(pattern.EndsWith('$') ? pattern[..^1] + "\\z" : pattern, RegexOptions.CultureInvariant);
        var compiled = CompiledPattern.Of(pattern);
        foreach (var value in Values.Concat(Values.Select(v => v + "\n")))
        {
            compiled.IsMatch(value).Should().Be(regex.IsMatch(value), $"pattern {pattern}, value {value}");
            if (compiled.MatchesBytes && Ascii.IsValid(value))
                compiled.IsMatchAscii(Encoding.ASCII.GetBytes(value)).Should().Be(regex.IsMatch(value), $"pattern {pattern}, ASCII value {value}");
        }
    }

    [Theory]
    [InlineData(Patterns.Dns1123Label)]
    [InlineData(Patterns.Dns1123Subdomain)]
    [InlineData(Patterns.Hostname)]
    [InlineData(Patterns.MountPath)]
    [InlineData(Patterns.AbsolutePath)]
    [InlineData(Patterns.ResolverOptionName)]
    [InlineData(Patterns.RegionId)]
    public void The_common_name_and_path_patterns_are_scans(string pattern)
    {
        PatternScan.For(pattern).Should().NotBeNull();
        CompiledPattern.Of(pattern).MatchesBytes.Should().BeTrue();
    }

    // Checked on their bytes or characters as a class, not by the regex: the empty value matches only where the
    // class may repeat zero times.
    [Theory]
    [InlineData(Patterns.TagText, false)]
    [InlineData(Patterns.TagValue, true)]
    [InlineData(Patterns.NetworkInterfaceName, false)]
    [InlineData(Patterns.EnvName, false)]
    public void Character_classes_with_Chinese_ranges_or_a_star_are_class_runs(string pattern, bool emptyMatches)
    {
        CompiledPattern.CharacterClassRun(pattern, out var empty).Should().NotBeNull();
        empty.Should().Be(emptyMatches);
        CompiledPattern.Of(pattern).MatchesBytes.Should().BeTrue();
        CompiledPattern.Of(pattern).IsMatch("").Should().Be(emptyMatches);
        CompiledPattern.Of(pattern).IsMatchAscii(""u8).Should().Be(emptyMatches);
        CompiledPattern.CharacterClassRun("^[a-z\u0001]+$", out _).Should().BeNull("a control character is no class run");
        CompiledPattern.CharacterClassRun("^[a-z]?$", out _).Should().BeNull();
    }

    [Fact]
    public void Other_patterns_are_no_scans()
    {
        PatternScan.For(Patterns.Date).Should().BeNull();
        PatternScan.For(Patterns.Base64).Should().BeNull();
        PatternScan.For(Patterns.Dns1123Label + " ").Should().BeNull("a scan is chosen by the exact pattern text");
        PatternScan.For("^[a-z][0-9]+$").Should().BeNull("only a run of the second class that may be empty is a leading-class scan");
        PatternScan.For("^[a-z]x[0-9]*$").Should().BeNull();
    }

    // Each edge of the DNS scans, both sides (the theory above compares every value with the regex too).
    [Theory]
    [InlineData(Patterns.Dns1123Label, "a", true)]
    [InlineData(Patterns.Dns1123Label, "a-", false)]
    [InlineData(Patterns.Dns1123Label, "-a", false)]
    [InlineData(Patterns.Dns1123Label, "a.b", false)]
    [InlineData(Patterns.Dns1123Label, "A", false)]
    [InlineData(Patterns.Dns1123Subdomain, "a.b", true)]
    [InlineData(Patterns.Dns1123Subdomain, "a.", false)]
    [InlineData(Patterns.Hostname, "Web.Local", true)]
    [InlineData(Patterns.Hostname, "web..local", false)]
    [InlineData(Patterns.MountPath, "/a", true)]
    [InlineData(Patterns.MountPath, "/a\nb", true)]
    [InlineData(Patterns.MountPath, "//", false)]
    [InlineData(Patterns.MountPath, "/\n\n", false)]
    [InlineData(Patterns.AbsolutePath, "", true)]
    [InlineData(Patterns.AbsolutePath, "/", true)]
    [InlineData(Patterns.AbsolutePath, "/a b", true)]
    [InlineData(Patterns.AbsolutePath, "a/", false)]
    [InlineData(Patterns.AbsolutePath, "/a\n", false)]
    [InlineData(Patterns.ResolverOptionName, "a", true)]
    [InlineData(Patterns.ResolverOptionName, "a-_9", true)]
    [InlineData(Patterns.ResolverOptionName, "", false)]
    [InlineData(Patterns.ResolverOptionName, "_a", false)]
    [InlineData(Patterns.ResolverOptionName, "a:1", false)]
    public void Scans_judge_each_edge_as_the_regex(string pattern, string value, bool expected)
    {
        PatternScan.For(pattern)!.IsMatch(value).Should().Be(expected);
        PatternScan.For(pattern)!.IsMatchAscii(Encoding.ASCII.GetBytes(value)).Should().Be(expected);
        new Regex(pattern[..^1] + "\\z", RegexOptions.CultureInvariant).IsMatch(value).Should().Be(expected);
    }

    [Theory]
    [InlineData(Patterns.Dns1123Label, 63, true)]
    [InlineData(Patterns.Dns1123Label, 64, false)]
    [InlineData(Patterns.Hostname, 63, true)]
    [InlineData(Patterns.Hostname, 64, false)]
    [InlineData(Patterns.Dns1123Subdomain, 300, true)]
    public void Dns_scans_limit_a_label_as_the_regex(string pattern, int length, bool expected)
    {
        // The last label of a name (the only one of a DNS-1123 label).
        var value = (pattern == Patterns.Dns1123Label ? "" : "x.") + new string('a', length);
        PatternScan.For(pattern)!.IsMatch(value).Should().Be(expected);
        new Regex(pattern[..^1] + "\\z", RegexOptions.CultureInvariant).IsMatch(value).Should().Be(expected);
    }
}
