namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// A set of texts with the index where each was first seen, for duplicate checks over JSON values: each text is
/// copied into one reused character buffer instead of becoming a string, so 800 env names cost no allocation.
/// Enumerated in the order the texts were added.
/// </summary>
internal sealed class TextKeys
{
    private readonly KeyTable table = new();
    private Key[] keys = new Key[128];
    private int[] indexes = new int[128];
    private char[] chars = new char[256];
    private int used;

    public int Count => table.Count;

    /// <summary>The characters the buffer holds room for.</summary>
    public int Capacity => chars.Length;

    /// <summary>Adds the text with its index; false, with the first index, when it is already there.</summary>
    public bool TryAdd(ReadOnlySpan<char> text, int index, out int first)
    {
        var key = Append(text);
        var match = new Match(this, key);
        // One lookup for both outcomes: the key is hashed once.
        var entry = table.FindOrAdd(table.Hash(Text(key)), ref match);
        if (entry >= 0)
        {
            first = indexes[entry];
            used = key.Start;
            return false;
        }
        if (table.Count > keys.Length)
        {
            Array.Resize(ref keys, table.Capacity);
            Array.Resize(ref indexes, table.Capacity);
        }
        keys[table.Count - 1] = key;
        indexes[table.Count - 1] = index;
        first = index;
        return true;
    }

    public bool TryGetValue(ReadOnlySpan<char> text, out int index)
    {
        var key = Append(text);
        var match = new Match(this, key);
        var entry = table.Find(table.Hash(text), ref match);
        used = key.Start;
        index = entry >= 0 ? indexes[entry] : 0;
        return entry >= 0;
    }

    public bool Contains(ReadOnlySpan<char> text) => TryGetValue(text, out _);

    public ReadOnlySpan<char> Text(Key key) => chars.AsSpan(key.Start, key.Length);

    /// <summary>The texts with their first index, in the order they were added.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Empties the set for at most <paramref name="items"/> texts (which picks the hash).</summary>
    public void Clear(int items)
    {
        table.Reset(items);
        used = 0;
    }

    private Key Append(ReadOnlySpan<char> text)
    {
        if (used + text.Length > chars.Length) Array.Resize(ref chars, Math.Max(chars.Length * 2, used + text.Length));
        text.CopyTo(chars.AsSpan(used));
        var key = new Key(used, text.Length);
        used += text.Length;
        return key;
    }

    /// <summary>Where a text lies in the buffer.</summary>
    public readonly record struct Key(int Start, int Length);

    public struct Enumerator(TextKeys set)
    {
        private int entry = -1;

        public readonly (Key Key, int Index) Current => (set.keys[entry], set.indexes[entry]);

        public bool MoveNext() => ++entry < set.Count;
    }

    private readonly struct Match(TextKeys set, Key key) : KeyTable.IMatch
    {
        public bool Matches(int entry) => set.Text(set.keys[entry]).SequenceEqual(set.Text(key));
    }
}
