using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// The JSON names of a type's properties, found by a JSON property's raw UTF-8 name: one byte comparison in a table
/// where no two names share a slot, where looking each declared name up in the object would scan the object once per
/// name. A large pod has thousands of properties, so the lookup is a hash of three numbers and one comparison.
/// </summary>
internal sealed class PropertyNames
{
    private readonly byte[][] names;
    // By slot, the name there (Index -1: none) with what a lookup compares: its length and its two words
    // (ShortText.Words), so a name of up to 16 bytes is found with one entry's loads and three tests.
    private readonly Entry[] slots;
    private readonly uint multiplier;
    private readonly int shift;
    private readonly bool twins;

    public PropertyNames(IReadOnlyList<string> jsonNames)
    {
        names = [.. jsonNames.Select(Encoding.UTF8.GetBytes)];
        // The smallest table (at least 4 slots a name) and an odd multiplier that give every name its own slot, found
        // once at start-up. Names alike in length and ends share a key that no table separates: then the rare miss
        // scans them all.
        twins = names.Select(n => Key(n)).Distinct().Count() < names.Length;
        var bits = Math.Max(4, (int)Math.Ceiling(Math.Log2(Math.Max(1, names.Length) * 4)));
        for (var tries = 0; ; tries++)
        {
            shift = 32 - bits;
            multiplier = 0x9E3779B1u + 2u * (uint)(tries % 100);
            slots = Fill(bits, out var shared);
            if (!shared || twins) return;
            if (tries % 100 == 99 && ++bits > 16)
            {
                twins = true;
                return;
            }
        }
    }

    /// <summary>The index of the property's name, or -1 for a name the type does not have.</summary>
    public int IndexOf(TreeProperty property)
    {
        var raw = property.NameSpan;
        if (IndexOf(raw) is var i and >= 0) return i;
        // No declared name has a backslash, so an escaped name never matches above: it is looked at only here.
        return raw.IndexOf((byte)'\\') >= 0 ? IndexOfEscaped(property) : -1;
    }

    /// <summary>The index of a name as written without escapes (an escaped one is never found here), or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> raw)
    {
        // A slot is below the table's size by construction (a hash shifted down to its bits).
        ref readonly var entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), Slot(raw));
        if (entry.Index >= 0 && Is(raw, in entry)) return entry.Index;
        return twins ? Scan(raw) : -1;
    }

    // Apart, so the lambda's closure is made only for an escaped name (`\u0061`, never written by the API server).
    private int IndexOfEscaped(TreeProperty property) => Array.FindIndex(names, n => property.NameEquals(n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Is(ReadOnlySpan<byte> raw, in Entry entry)
    {
        if (raw.Length != entry.Length) return false;
        if (raw.Length > ShortText.MaxWords) return raw.SequenceEqual(names[entry.Index]);
        var (head, tail) = ShortText.Words(raw);
        return head == entry.Head && tail == entry.Tail;
    }

    private readonly record struct Entry(int Index, int Length, ulong Head, ulong Tail);

    private int Scan(ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (raw.SequenceEqual(names[i])) return i;
        }
        return -1;
    }

    private Entry[] Fill(int bits, out bool shared)
    {
        var filled = new Entry[1 << bits];
        Array.Fill(filled, new Entry(-1, 0, 0, 0));
        shared = false;
        for (var i = 0; i < names.Length; i++)
        {
            ref var slot = ref filled[Slot(names[i])];
            shared |= slot.Index >= 0;
            var (head, tail) = ShortText.Words(names[i]);
            if (slot.Index < 0) slot = new Entry(i, names[i].Length, head, tail);
        }
        return filled;
    }

    // The length and the first and last bytes tell the names of one type apart (the table search makes sure).
    private int Slot(ReadOnlySpan<byte> name) => (int)((Key(name) * multiplier) >> shift);

    private static uint Key(ReadOnlySpan<byte> name) => name.IsEmpty ? 0u : (uint)name.Length << 16 | (uint)name[0] << 8 | name[^1];
}
