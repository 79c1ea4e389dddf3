using System.Runtime.InteropServices;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// A set of texts with the index where each was first seen, for duplicate checks over JSON values: each text is
/// copied into one reused character buffer instead of becoming a string, so 800 env names cost no allocation.
/// Enumerated in the order the texts were added, like the dictionary it replaces.
/// </summary>
internal sealed class TextKeys : IEqualityComparer<TextKeys.Key>
{
    private readonly Dictionary<Key, int> indexes;
    private char[] chars = new char[256];
    private int used;

    public TextKeys() => indexes = new Dictionary<Key, int>(this);

    public int Count => indexes.Count;

    /// <summary>The characters the buffer holds room for.</summary>
    public int Capacity => chars.Length;

    /// <summary>Adds the text with its index; false, with the first index, when it is already there.</summary>
    public bool TryAdd(ReadOnlySpan<char> text, int index, out int first)
    {
        var key = Append(text);
        // One lookup for both outcomes: the key is hashed once.
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(indexes, key, out var exists);
        if (exists)
        {
            first = slot;
            used = key.Start;
            return false;
        }
        slot = index;
        first = index;
        return true;
    }

    public bool TryGetValue(ReadOnlySpan<char> text, out int index)
    {
        var key = Append(text);
        var found = indexes.TryGetValue(key, out index);
        used = key.Start;
        return found;
    }

    public bool Contains(ReadOnlySpan<char> text) => TryGetValue(text, out _);

    public ReadOnlySpan<char> Text(Key key) => chars.AsSpan(key.Start, key.Length);

    public Dictionary<Key, int>.Enumerator GetEnumerator() => indexes.GetEnumerator();

    public void Clear()
    {
        indexes.Clear();
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

    bool IEqualityComparer<Key>.Equals(Key x, Key y) => Text(x).SequenceEqual(Text(y));

    int IEqualityComparer<Key>.GetHashCode(Key key) => string.GetHashCode(Text(key));

    /// <summary>Where a text lies in the buffer.</summary>
    public readonly record struct Key(int Start, int Length);
}
