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
    // Each name as two words (ShortText.Words): a name of up to 16 bytes compares in two inlined tests.
    private readonly ulong[] heads, tails;
    private readonly int[] slots;
    private readonly uint multiplier;
    private readonly int shift;
    private readonly bool twins;

    public PropertyNames(IReadOnlyList<string> jsonNames)
    {
        names = [.. jsonNames.Select(Encoding.UTF8.GetBytes)];
        heads = new ulong[names.Length];
        tails = new ulong[names.Length];
        for (var i = 0; i < names.Length; i++) (heads[i], tails[i]) = ShortText.Words(names[i]);
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
        if (slots[Slot(raw)] is var i and >= 0 && Is(raw, i)) return i;
        return twins ? Scan(raw) : -1;
    }

    // Apart, so the lambda's closure is made only for an escaped name (`\u0061`, never written by the API server).
    private int IndexOfEscaped(TreeProperty property) => Array.FindIndex(names, n => property.NameEquals(n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Is(ReadOnlySpan<byte> raw, int i)
    {
        if (raw.Length != names[i].Length) return false;
        if (raw.Length > ShortText.MaxWords) return raw.SequenceEqual(names[i]);
        var (head, tail) = ShortText.Words(raw);
        return head == heads[i] && tail == tails[i];
    }

    private int Scan(ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (raw.SequenceEqual(names[i])) return i;
        }
        return -1;
    }

    private int[] Fill(int bits, out bool shared)
    {
        var filled = new int[1 << bits];
        Array.Fill(filled, -1);
        shared = false;
        for (var i = 0; i < names.Length; i++)
        {
            ref var slot = ref filled[Slot(names[i])];
            shared |= slot >= 0;
            if (slot < 0) slot = i;
        }
        return filled;
    }

    // The length and the first and last bytes tell the names of one type apart (the table search makes sure).
    private int Slot(ReadOnlySpan<byte> name) => (int)((Key(name) * multiplier) >> shift);

    private static uint Key(ReadOnlySpan<byte> name) => name.IsEmpty ? 0u : (uint)name.Length << 16 | (uint)name[0] << 8 | name[^1];
}
