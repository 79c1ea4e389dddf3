using System.Reflection;
using System.Text.RegularExpressions;
using JdCloudPodOperator.Entities;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>The character-class fast path answers exactly as the regex would, for every pattern the entities name.</summary>
public class CompiledPatternTests
{
    private static readonly string[] Values =
    [
        "", "a", "A", "0", "_", "-", "VARIABLE_1", "X-Custom-Header", "bad name", "web\n", "\n", "a.b", "é", "名字",
        "!#$%&'*+.^_`|~", "tab\there", "/", "/data", "trailing-", "-leading", "x\u0000y", new string('a', 300),
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
            compiled.IsMatch(value).Should().Be(regex.IsMatch(value), $"pattern {pattern}, value {value}");
    }

    [Fact]
    public void The_fast_path_takes_simple_character_classes_only()
    {
        CompiledPattern.CharacterClassRun(Patterns.EnvName).Should().HaveLength(26 + 26 + 10 + 1);
        CompiledPattern.CharacterClassRun(Patterns.HttpHeaderName).Should().Contain("-").And.Contain("^").And.HaveLength(14 + 62 + 1);
        CompiledPattern.CharacterClassRun(Patterns.NetworkInterfaceName).Should().BeNull("non-ASCII ranges go to the regex");
        CompiledPattern.CharacterClassRun("^[^a]+$").Should().BeNull();
        CompiledPattern.CharacterClassRun("^[a\\d]+$").Should().BeNull();
        CompiledPattern.CharacterClassRun(Patterns.Dns1123Label).Should().BeNull();
    }
}
