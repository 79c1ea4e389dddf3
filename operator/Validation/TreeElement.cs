using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// A value in a <see cref="JsonTree"/>, with <see cref="JsonElement"/>'s members and meanings: names and strings
/// compare unescaped, of a repeated name the last one is found, numbers read as the reader reads them, and a member
/// that needs another kind of value throws <see cref="InvalidOperationException"/>. The default value is Undefined.
/// </summary>
internal readonly struct TreeElement(JsonTree tree, int index)
{
    private JsonTree Tree => tree ?? throw new InvalidOperationException("the value is undefined");

    /// <summary>The document the value lies in (null when undefined); <see cref="RowIndex"/> is its row there.</summary>
    internal JsonTree? Document => tree;

    private ref readonly JsonTree.Row Row => ref Tree[index];

    public JsonValueKind ValueKind => tree is null ? JsonValueKind.Undefined : tree[index].Kind;

    /// <summary>A string's bytes between its quotes, escapes as written; a number's or literal's bytes.</summary>
    public ReadOnlySpan<byte> ValueSpan => Tree.Bytes(index);

    /// <summary>Whether a string has an escape (`\n`, `\u0061`): then <see cref="ValueSpan"/> is not its UTF-8.</summary>
    public bool ValueIsEscaped => Row.Escaped;

    /// <summary>Whether this is a string that is ASCII as written (no escape, no byte past ASCII), known from its row.</summary>
    public bool IsAsciiString => tree is not null && tree[index].IsAsciiString;

    public int GetArrayLength() => Expect(JsonValueKind.Array).Items;

    /// <summary>The value's row in its document, for a set of many values of one document that keeps them as numbers.</summary>
    internal int RowIndex => index;

    /// <summary>The value of this one's document at <paramref name="row"/>.</summary>
    internal TreeElement AtRow(int row) => new(tree, row);

    public TreeElement this[int item]
    {
        get
        {
            if ((uint)item >= (uint)GetArrayLength()) throw new IndexOutOfRangeException();
            var at = index + 1;
            for (var i = 0; i < item; i++) at = tree[at].Next;
            return new TreeElement(tree, at);
        }
    }

    public bool TryGetProperty(ReadOnlySpan<byte> name, out TreeElement value)
    {
        var at = NameRow(tree, Expect(JsonValueKind.Object).Items, name);
        value = at == 0 ? default : new TreeElement(tree, at + 1);
        return at != 0;
    }

    // The row of an object's name, looked for from its last name to its first, so of a repeated name the last is
    // found, as JsonElement finds it; 0 (the root's row, never a name) when there is none.
    private static int NameRow(JsonTree tree, int last, ReadOnlySpan<byte> name)
    {
        for (var at = last; at != 0; at = tree[at].Items)
        {
            ref readonly var row = ref tree[at];
            if (row.Escaped ? TreeText.Equals(tree, at, name) : row.Length == name.Length && tree.Bytes(at).SequenceEqual(name)) return at;
        }
        return 0;
    }

    public bool TryGetProperty(ReadOnlySpan<char> name, out TreeElement value)
    {
        for (var at = Expect(JsonValueKind.Object).Items; at != 0; at = tree[at].Items)
        {
            if (!TreeText.Equals(tree, at, name)) continue;
            value = new TreeElement(tree, at + 1);
            return true;
        }
        value = default;
        return false;
    }

    public bool TryGetProperty(string name, out TreeElement value) => TryGetProperty(name.AsSpan(), out value);

    /// <summary>
    /// Whether two values are equal as JSON, exactly as <see cref="JsonElement.DeepEquals"/> judges it (numbers by
    /// value, objects regardless of order): the two are read into JsonElements for it; only an UPDATE compares.
    /// </summary>
    public static bool DeepEquals(TreeElement left, TreeElement right) =>
        JsonElement.DeepEquals(JsonElement.Parse(left.GetRawUtf8()), JsonElement.Parse(right.GetRawUtf8()));

    public TreeElement GetProperty(ReadOnlySpan<byte> name) =>
        TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException(Encoding.UTF8.GetString(name));

    public ObjectEnumerator EnumerateObject()
    {
        Expect(JsonValueKind.Object);
        return new ObjectEnumerator(tree, index);
    }

    public ArrayEnumerator EnumerateArray()
    {
        Expect(JsonValueKind.Array);
        return new ArrayEnumerator(tree, index);
    }

    /// <summary>The string, unescaped; null for JSON null.</summary>
    public string? GetString() => ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => TreeText.String(tree, index),
        _ => throw Mismatch(JsonValueKind.String),
    };

    // As JsonElement's: JSON null equals only a null string or a span that points nowhere (default), not "".
    public bool ValueEquals(ReadOnlySpan<byte> utf8)
    {
        if (ValueKind == JsonValueKind.Null) return Unsafe.IsNullRef(ref MemoryMarshal.GetReference(utf8));
        Expect(JsonValueKind.String);
        return TreeText.Equals(tree, index, utf8);
    }

    public bool ValueEquals(ReadOnlySpan<char> text)
    {
        if (ValueKind == JsonValueKind.Null) return Unsafe.IsNullRef(ref MemoryMarshal.GetReference(text));
        Expect(JsonValueKind.String);
        return TreeText.Equals(tree, index, text);
    }

    // A null string is compared as the empty one, as JsonElement does, except with JSON null.
    public bool ValueEquals(string? text) => ValueKind == JsonValueKind.Null ? text is null : ValueEquals(text.AsSpan());

    // Numbers are parsed as JsonElement parses them: Utf8Parser on the number's bytes, every byte consumed.
    public bool TryGetInt32(out int value)
    {
        var bytes = NumberBytes();
        return Utf8Parser.TryParse(bytes, out value, out var used) && used == bytes.Length || Fail(out value);
    }

    public bool TryGetInt64(out long value)
    {
        var bytes = NumberBytes();
        return Utf8Parser.TryParse(bytes, out value, out var used) && used == bytes.Length || Fail(out value);
    }

    public bool TryGetDouble(out double value)
    {
        var bytes = NumberBytes();
        return Utf8Parser.TryParse(bytes, out value, out var used) && used == bytes.Length || Fail(out value);
    }

    private static bool Fail<T>(out T value)
    {
        value = default!;
        return false;
    }

    public int GetInt32() => TryGetInt32(out var value) ? value : throw new FormatException("the number is not an Int32");

    /// <summary>The value's JSON text as written (a string with its quotes and escapes).</summary>
    public ReadOnlySpan<byte> GetRawUtf8() => Tree.RawJson(index);

    public string GetRawText() => Encoding.UTF8.GetString(GetRawUtf8());

    /// <summary>Writes the value as written (it was read by the JSON reader, so it is valid JSON).</summary>
    public void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(GetRawUtf8(), skipInputValidation: true);

    public override string ToString() => ValueKind switch
    {
        JsonValueKind.Undefined => "",
        JsonValueKind.String => GetString()!,
        _ => GetRawText(),
    };

    private ReadOnlySpan<byte> NumberBytes()
    {
        Expect(JsonValueKind.Number);
        return tree.Bytes(index);
    }

    private ref readonly JsonTree.Row Expect(JsonValueKind kind)
    {
        ref readonly var row = ref Row;
        if (row.Kind != kind) throw Mismatch(kind);
        return ref row;
    }

    private InvalidOperationException Mismatch(JsonValueKind kind) =>
        new($"the operation needs a JSON value of kind {kind}, not {ValueKind}");

    /// <summary>An object's properties in document order (repeated names included), for foreach.</summary>
    public struct ObjectEnumerator(JsonTree tree, int container)
    {
        private int at = -1;

        public readonly TreeProperty Current => new(tree, at);

        public bool MoveNext()
        {
            at = at < 0 ? container + 1 : tree[at + 1].Next;
            return at < tree[container].Next;
        }

        public readonly ObjectEnumerator GetEnumerator() => new(tree, container);
    }

    /// <summary>
    /// For a walk over a list: each item's string with the item's index, the item itself when <paramref name="key"/>
    /// is empty, else its field of that name (found as <see cref="TryGetProperty(ReadOnlySpan{byte}, out TreeElement)"/>
    /// finds it); items without one are passed over. The rows are read directly, not through a value for each.
    /// </summary>
    internal ItemStrings EnumerateItemStrings(ReadOnlySpan<byte> key)
    {
        Expect(JsonValueKind.Array);
        return new ItemStrings(tree, index, key);
    }

    internal ref struct ItemStrings(JsonTree tree, int list, ReadOnlySpan<byte> key)
    {
        private readonly ReadOnlySpan<byte> key = key;
        private readonly int end = tree[list].Next;
        private int next = list + 1;
        private int item = -1;
        private int value;

        public readonly (int Index, TreeElement Value) Current => (item, new TreeElement(tree, value));

        public bool MoveNext()
        {
            while (next < end)
            {
                ref readonly var row = ref tree[next];
                value = key.IsEmpty ? next : row.Kind == JsonValueKind.Object && NameRow(tree, row.Items, key) is var name and not 0 ? name + 1 : 0;
                next = row.Next;
                item++;
                if (value != 0 && tree[value].Kind == JsonValueKind.String) return true;
            }
            return false;
        }

        public readonly ItemStrings GetEnumerator() => this;
    }

    /// <summary>An array's items in order, for foreach.</summary>
    public struct ArrayEnumerator(JsonTree tree, int container)
    {
        private int at = -1;

        public readonly TreeElement Current => new(tree, at);

        public bool MoveNext()
        {
            at = at < 0 ? container + 1 : tree[at].Next;
            return at < tree[container].Next;
        }

        public readonly ArrayEnumerator GetEnumerator() => new(tree, container);
    }
}

/// <summary>A property of an object in a <see cref="JsonTree"/>: its name's row, and its value in the row after.</summary>
internal readonly struct TreeProperty(JsonTree tree, int name)
{
    /// <summary>The name, unescaped.</summary>
    public string Name => TreeText.String(tree, name);

    /// <summary>The name's bytes between its quotes, escapes as written.</summary>
    public ReadOnlySpan<byte> NameSpan => tree.Bytes(name);

    public bool NameIsEscaped => tree[name].Escaped;

    public TreeElement Value => new(tree, name + 1);

    public bool NameEquals(ReadOnlySpan<byte> utf8) => TreeText.Equals(tree, name, utf8);

    public bool NameEquals(string text) => TreeText.Equals(tree, name, text.AsSpan());

    public override string ToString() => $"\"{Name}\": {Value}";
}
