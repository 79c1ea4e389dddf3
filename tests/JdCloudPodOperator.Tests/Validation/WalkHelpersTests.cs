using System.Text.Json;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>The walk's helpers: property names by raw UTF-8 name, and strings read on their bytes when ASCII as written.</summary>
public class WalkHelpersTests
{
    private static TreeProperty[] Fields(string json) => [.. JsonTree.Parse(json).Root.EnumerateObject()];

    [Fact]
    public void Every_declared_name_is_found_at_its_index_and_no_other_name_is()
    {
        string[] declared = ["name", "value", "mountPath", "readOnly", "subPath", "image", "imageCacheId", "env", "args", "command"];
        var names = new PropertyNames(declared);
        var fields = Fields("{" + string.Join(",", declared.Select(n => $"\"{n}\":1")) + ",\"nam\":1,\"names\":1,\"Name\":1,\"\":1}");
        fields.Take(declared.Length).Select(names.IndexOf).Should().Equal(Enumerable.Range(0, declared.Length));
        fields.Skip(declared.Length).Select(names.IndexOf).Should().AllBeEquivalentTo(-1);
    }

    [Fact]
    public void Names_alike_in_length_and_ends_are_still_told_apart()
    {
        // Same length, first and last byte: no table gives them slots of their own.
        var names = new PropertyNames(["name", "nxme", "nabe"]);
        Fields("""{"name":1,"nxme":1,"nabe":1,"nope":1}""").Select(names.IndexOf).Should().Equal(0, 1, 2, -1);
    }

    [Fact]
    public void Every_byte_of_a_name_counts_at_every_length()
    {
        // Names compare as words read from their ends (up to 16 bytes) or as spans (longer): a name that differs from
        // a declared one in any single byte, at any length around those edges, is not found.
        for (var length = 1; length <= 20; length++)
        {
            var declared = new string('a', length);
            var names = new PropertyNames([declared]);
            Fields($"{{\"{declared}\":1}}").Select(names.IndexOf).Should().Equal([0], $"length {length}");
            for (var at = 0; at < length; at++)
            {
                var other = declared[..at] + 'b' + declared[(at + 1)..];
                Fields($"{{\"{other}\":1}}").Select(names.IndexOf).Should().Equal([-1], $"{other}");
                names.IndexOf(System.Text.Encoding.ASCII.GetBytes(other)).Should().Be(-1, other);
            }
        }
    }

    [Fact]
    public void An_escaped_name_is_found_by_its_meaning()
    {
        var names = new PropertyNames(["name", "value"]);
        Fields("""{"n\u0061me":1,"v\u0061lue":1,"n\u0061m":1}""").Select(names.IndexOf).Should().Equal(0, 1, -1);
    }

    [Theory]
    [InlineData("\"plain text 0-9 ~!\"", true)]
    [InlineData("\"\"", true)]
    [InlineData("\"\u007f\"", true)]
    [InlineData("\"a\\\"b\"", false)]
    [InlineData("\"a\\nb\"", false)]
    [InlineData("\"\\u0041\"", false)]
    [InlineData("\"é\"", false)]
    [InlineData("\"名字\"", false)]
    public void Ascii_as_written_is_any_ascii_string_without_an_escape(string json, bool ascii)
    {
        using var document = JsonTree.Parse(json);
        ValidationContext.TryAscii(document.Root, out var bytes).Should().Be(ascii);
        if (ascii) bytes.ToArray().Should().Equal(System.Text.Encoding.ASCII.GetBytes(document.Root.GetString()!));
    }
}
