using System.Text;
using System.Text.Json;
using JdCloudPodOperator.Tests.Schema;
using JdCloudPodOperator.Validation;
using JdCloudPodOperator.Validation.Manifests;
using k8s;

namespace JdCloudPodOperator.Tests.Validation;

/// <summary>
/// The validator's JSON tree answers as JsonDocument does: both parse the same text and are walked side by side,
/// every member the validator uses compared on every value (names and strings escaped or not, repeated names,
/// numbers at and past each type's range), and invalid text fails in both with the same message.
/// </summary>
public class JsonTreeTests
{
    public static TheoryData<string> Documents() =>
    [
        """{}""", """[]""", """ "" """, "0", "-0", "true", "false", "null", """ "x" """,
        """{"a": 1, "a": 2, "b": {"a": 3}, "a": {"c": []}}""",
        """{"n\u0061me": "v\u0061lue", "name": "plain", "\u540d": "\u5b57", "名": "字", "": ""}""",
        """{"s": ["a\"b", "a\\b", "\/", "\b\f\n\r\t", "\u0000", "\ud83d\ude00", "😀", "é", "\u00e9"]}""",
        """[0, -0, 1, -1, 1.0, 1e2, 1E2, 1e-2, 0.1, 2147483647, 2147483648, -2147483648, -2147483649, 9223372036854775807, 9223372036854775808, -9223372036854775808, 1e308, 1e309, 1e400, -1e400, 123456789012345678901234567890]""",
        """[[], [[]], [{}], {"a": [1, [2, [3, {"b": [4]}]]]}, [null, true, false]]""",
        " \t\r\n{ \"a\" :\t[ 1 ,2 ] , \"b\" : { } }\n ",
        """{"metadata": {"name": "x", "annotations": {"k": "{\"spec\": {}}"}}, "spec": {"podSpec": {"containers": [{"env": [{"name": "A"}, {"name": "A"}]}]}}}""",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Answers_as_JsonDocument_does(string json) => Compare(json);

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Answers_as_JsonDocument_does_for_every_sample(string kind, string file)
    {
        foreach (var document in YamlJson.ReadAll(File.ReadAllText(Samples.PathOf(kind, file))))
        {
            if (document.Root is { } root) Compare(root.ToJsonString());
        }
    }

    public static TheoryData<string, string> SampleFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "valid", "invalid" })
        {
            foreach (var file in Samples.Files(kind)) data.Add(kind, file);
        }
        return data;
    }

    [Fact]
    public void Answers_as_JsonDocument_does_for_the_largest_pod()
    {
        Compare(KubernetesJson.Serialize(TestPods.Largest()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("[1,]")]
    [InlineData("""{"a": 1,}""")]
    [InlineData("""{"a" 1}""")]
    [InlineData("tru")]
    [InlineData("1 2")]
    [InlineData("{} {}")]
    [InlineData("\"\\x\"")]
    [InlineData("\"a\u0001b\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("// c\n{}")]
    [InlineData("{\"a\": 01}")]
    [InlineData("{\"a\": NaN}")]
    [InlineData("\"open")]
    public void Refuses_what_JsonDocument_refuses_with_its_message(string json)
    {
        var expected = Record.Exception(() => JsonDocument.Parse(json).Dispose());
        var actual = Record.Exception(() => JsonTree.Parse(json).Dispose());

        expected.Should().BeAssignableTo<JsonException>();
        actual.Should().BeAssignableTo<JsonException>().Which.Message.Should().Be(expected!.Message);
    }

    [Theory]
    [InlineData("\"\\ud800\"", 0)]
    [InlineData("[\"ok\", \"x\\udc00\"]", 7)]
    [InlineData("{\"\\ud800\": 1}", 1)]
    [InlineData("[\"\\ud83d\\u0041\"]", 1)]
    public void An_escaped_lone_surrogate_is_refused_where_it_is_written(string json, int at)
    {
        // JsonDocument parses it and throws only when the string is read: the tree refuses it as invalid JSON.
        JsonDocument.Parse(json).Dispose();
        FluentActions.Invoking(() => JsonTree.Parse(json)).Should().Throw<JsonException>()
            .WithMessage($"the string at byte {at} is not valid text: Cannot read *surrogate*");
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xC3, 0xA9, (byte)'"' }, true)]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xE5, 0x90, 0x8D, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, true)]
    [InlineData(new byte[] { (byte)'"', 0xC3, (byte)'"' }, false)]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, false)]
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' }, false)]
    [InlineData(new byte[] { (byte)'"', (byte)'a', 0xE5, 0x90, (byte)'"' }, false)]
    [InlineData(new byte[] { (byte)'[', (byte)'1', (byte)',', 0xFF, (byte)']' }, false)]
    [InlineData(new byte[] { (byte)'[', (byte)'"', 0xC3, 0xA9, (byte)'"', (byte)',', 0xFF, (byte)']' }, false)]
    public void Bytes_that_are_not_UTF8_are_refused_even_where_the_reader_only_compares_them(byte[] json, bool accepted)
    {
        // The reader decodes values but compares names as bytes: an invalid name would pass it unseen.
        var error = Record.Exception(() => JsonTree.Parse(json).Dispose());

        if (accepted) error.Should().BeNull();
        else error.Should().BeOfType<JsonException>().Which.Message.Should().Be("it is not valid UTF-8");
    }

    [Theory]
    [InlineData(64, 64, true)]
    [InlineData(64, 65, false)]
    [InlineData(3, 3, true)]
    [InlineData(3, 4, false)]
    [InlineData(1000, 300, true)]
    [InlineData(1000, 1000, true)]
    [InlineData(1000, 1001, false)]
    public void Depth_is_limited_as_in_JsonDocument(int limit, int depth, bool accepted)
    {
        var json = new string('[', depth) + new string(']', depth);
        var expected = Record.Exception(() => JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limit }).Dispose());
        var actual = Record.Exception(() => JsonTree.Parse(Encoding.UTF8.GetBytes(json), limit).Dispose());

        (expected is null).Should().Be(accepted);
        actual?.Message.Should().Be(expected?.Message);
        (actual is null).Should().Be(accepted);
        if (accepted)
        {
            using var tree = JsonTree.Parse(Encoding.UTF8.GetBytes(json), limit);
            var value = tree.Root;
            for (var level = 1; level < depth; level++) value = value[0];
            value.GetRawText().Should().Be("[]");
        }
    }

    [Fact]
    public void A_tree_reads_its_own_bytes_after_another_tree_reuses_the_table()
    {
        using var first = JsonTree.Parse("""{"a": [1, 2, 3]}""");
        first.Dispose();
        using var second = JsonTree.Parse("""{"b": "x"}""");
        using var third = JsonTree.Parse("""[true]""");

        second.Root.GetProperty("b"u8).GetString().Should().Be("x");
        third.Root[0].ValueKind.Should().Be(JsonValueKind.True);
    }

    [Fact]
    public void A_slice_of_a_larger_buffer_is_read_in_place()
    {
        var buffer = Encoding.UTF8.GetBytes("xx{\"a\": \"b\"}yy");
        using var tree = JsonTree.Parse(buffer.AsMemory(2, buffer.Length - 4));

        tree.Root.GetProperty("a"u8).GetRawText().Should().Be("\"b\"");
        tree.Root.GetRawText().Should().Be("{\"a\": \"b\"}");
    }

    // A review as the API server writes it carries non-ASCII (a Chinese tag) as UTF-8: the strings beside it are
    // still read on their bytes, each row saying whether it is ASCII as written, whichever build filled it.
    [Fact]
    public void Each_string_says_whether_it_is_ASCII_as_written()
    {
        var json = Encoding.UTF8.GetBytes("""{"plain": "web-1", "chinese": "成本中心", "mixed": "aéb", "escaped": "\u0041", "名": "x", "n": 1}""");
        using var tree = JsonTree.Parse(json);
        var root = tree.Root;

        root.GetProperty("plain"u8).IsAsciiString.Should().BeTrue();
        root.GetProperty("chinese"u8).IsAsciiString.Should().BeFalse();
        root.GetProperty("mixed"u8).IsAsciiString.Should().BeFalse();
        root.GetProperty("escaped"u8).IsAsciiString.Should().BeFalse("an escape is not its characters");
        root.GetProperty("名"u8).IsAsciiString.Should().BeTrue("the name is not ASCII, its value is");
        root.GetProperty("n"u8).IsAsciiString.Should().BeFalse("a number is not a string");
        bool[] nonAscii = [false, false, false, false, true, false, true, false, false, true, false, false, false];
        var scanned = new JsonTree.Row[16];
        JsonScan.TryBuild(json, 64, ref scanned, out _).Should().Be(nonAscii.Length, "the scanner reads it itself");
        scanned.Take(nonAscii.Length).Select(row => row.NonAscii).Should().Equal(nonAscii);
        var read = new JsonTree.Row[16];
        JsonTree.Build(json, 64, ref read);
        read.Take(nonAscii.Length).Select(row => row.NonAscii).Should().Equal(nonAscii);
    }

    [Fact]
    public void The_undefined_value_is_undefined()
    {
        default(TreeElement).ValueKind.Should().Be(JsonValueKind.Undefined);
        FluentActions.Invoking(() => default(TreeElement).GetString()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Members_for_another_kind_throw_as_JsonElement_does()
    {
        using var tree = JsonTree.Parse("""{"n": 1, "s": "x", "o": {}, "a": []}""");
        using var document = JsonDocument.Parse("""{"n": 1, "s": "x", "o": {}, "a": []}""");
        foreach (var name in new[] { "n", "s", "o", "a" })
        {
            var t = tree.Root.GetProperty(Encoding.UTF8.GetBytes(name));
            var e = document.RootElement.GetProperty(name);
            Throws(() => e.GetString()).Should().Be(Throws(() => t.GetString()), name);
            Throws(() => e.TryGetInt32(out _)).Should().Be(Throws(() => t.TryGetInt32(out _)), name);
            Throws(() => e.GetArrayLength()).Should().Be(Throws(() => t.GetArrayLength()), name);
            Throws(() => e.TryGetProperty("x", out _)).Should().Be(Throws(() => t.TryGetProperty("x", out _)), name);
            Throws(() => e.ValueEquals("x")).Should().Be(Throws(() => t.ValueEquals("x")), name);
        }
    }

    private static Type? Throws(Action action) => Record.Exception(action)?.GetType();

    private static void Compare(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var tree = JsonTree.Parse(json);
        Compare(document.RootElement, tree.Root, "$");
    }

    private static void Compare(JsonElement expected, TreeElement actual, string path)
    {
        actual.ValueKind.Should().Be(expected.ValueKind, path);
        actual.GetRawText().Should().Be(expected.GetRawText(), path);
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                CompareObject(expected, actual, path);
                break;
            case JsonValueKind.Array:
                actual.GetArrayLength().Should().Be(expected.GetArrayLength(), path);
                List<TreeElement> items = [.. actual.EnumerateArray()];
                items.Should().HaveCount(expected.GetArrayLength(), path);
                for (var i = 0; i < items.Count; i++)
                {
                    Compare(expected[i], items[i], $"{path}[{i}]");
                    actual[i].GetRawText().Should().Be(expected[i].GetRawText(), path);
                }
                break;
            case JsonValueKind.String:
                CompareString(expected, actual, path);
                break;
            case JsonValueKind.Number:
                (actual.TryGetInt32(out var i32), i32).Should().Be((expected.TryGetInt32(out var e32), e32), path);
                (actual.TryGetInt64(out var i64), i64).Should().Be((expected.TryGetInt64(out var e64), e64), path);
                (actual.TryGetDouble(out var d), d).Should().Be((expected.TryGetDouble(out var ed), ed), path);
                break;
            case JsonValueKind.Null:
                actual.GetString().Should().BeNull(path);
                actual.ValueEquals((string?)null).Should().Be(expected.ValueEquals((string?)null), path);
                actual.ValueEquals("").Should().Be(expected.ValueEquals(""), path);
                actual.ValueEquals(""u8).Should().Be(expected.ValueEquals(""u8), path);
                actual.ValueEquals(default(ReadOnlySpan<byte>)).Should().Be(expected.ValueEquals(default(ReadOnlySpan<byte>)), path);
                break;
        }
    }

    private static void CompareObject(JsonElement expected, TreeElement actual, string path)
    {
        var expectedFields = expected.EnumerateObject().ToList();
        List<TreeProperty> actualFields = [.. actual.EnumerateObject()];
        actualFields.Select(f => f.Name).Should().Equal(expectedFields.Select(f => f.Name), path);
        var probes = expectedFields.Select(f => f.Name).Concat(["", "a", "name", "nam", "names", "名"]).Distinct();
        foreach (var name in probes)
        {
            var utf8 = Encoding.UTF8.GetBytes(name);
            var found = expected.TryGetProperty(utf8, out var e);
            actual.TryGetProperty(utf8, out var t).Should().Be(found, $"{path}.{name}");
            actual.TryGetProperty(name, out var t2).Should().Be(found, $"{path}.{name}");
            if (!found) continue;
            t.GetRawText().Should().Be(e.GetRawText(), $"{path}.{name}: the last of a repeated name");
            t2.GetRawText().Should().Be(e.GetRawText(), $"{path}.{name}");
            for (var i = 0; i < expectedFields.Count; i++)
            {
                actualFields[i].NameEquals(utf8).Should().Be(expectedFields[i].NameEquals(utf8), $"{path}.{name} at {i}");
                actualFields[i].NameEquals(name).Should().Be(expectedFields[i].NameEquals(name), $"{path}.{name} at {i}");
            }
        }
        for (var i = 0; i < expectedFields.Count; i++)
        {
            actualFields[i].NameSpan.SequenceEqual(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(expectedFields[i]))
                .Should().BeTrue(path);
            Compare(expectedFields[i].Value, actualFields[i].Value, $"{path}.{expectedFields[i].Name}");
        }
    }

    private static void CompareString(JsonElement expected, TreeElement actual, string path)
    {
        var error = Record.Exception(() => expected.GetString());
        var text = error is null ? expected.GetString() : null;
        if (text is null)
        {
            // An escaped lone surrogate: not text in either.
            Throws(() => actual.GetString()).Should().Be(error!.GetType(), path);
            return;
        }
        actual.GetString().Should().Be(text, path);
        actual.ValueIsEscaped.Should().Be(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(expected).IndexOf((byte)'\\') >= 0, path);
        actual.ValueEquals((string?)null).Should().Be(expected.ValueEquals((string?)null), $"{path} = null");
        foreach (var probe in new[] { text, "", "x", text + "x", text.Length > 0 ? text[..^1] : "y", text.ToUpperInvariant(), "\ud800" })
        {
            actual.ValueEquals(probe).Should().Be(expected.ValueEquals(probe), $"{path} = {probe}");
            actual.ValueEquals(probe.AsSpan()).Should().Be(expected.ValueEquals(probe.AsSpan()), $"{path} = {probe}");
            var utf8 = Encoding.UTF8.GetBytes(probe);
            actual.ValueEquals(utf8).Should().Be(expected.ValueEquals(utf8), $"{path} = {probe}");
        }
    }
}
