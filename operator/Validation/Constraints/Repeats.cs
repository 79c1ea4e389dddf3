using System.Runtime.InteropServices;
using System.Text.Json;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// The repeated strings of a JSON list (each item, or one string field of each item): every repeat with the index of
/// its first occurrence, in list order. Strings that are ASCII as written (nearly every value: env names, mount
/// paths) are compared on their bytes where they lie in the document, nothing copied or decoded; once one is not, the
/// whole list is compared on its characters (<see cref="TextKeys"/>), so an escaped "\u0041" still repeats "A". One
/// instance per validation run (<see cref="ValidationContext.FindRepeats"/>); what it found is valid until the next call.
/// </summary>
internal sealed class Repeats
{
    // Open addressing over entries, hashed with a seeded hash (a hostile list cannot collide on purpose).
    private int[] slots = new int[256];
    private TreeElement[] values = new TreeElement[128];
    private int[] hashes = new int[128];
    private int[] indexes = new int[128];
    private int count;
    private readonly List<Repeat> found = [];

    /// <summary>The entries a run may leave in the pool; a larger table is dropped after the run.</summary>
    public int Capacity => values.Length;

    /// <summary>
    /// Finds the repeats among the items' strings: <paramref name="key"/> names the field of each item to compare,
    /// or is empty to compare the items themselves. Items without such a string are passed over.
    /// </summary>
    public List<Repeat> Find(TreeElement items, ReadOnlySpan<byte> key, ValidationContext context)
    {
        found.Clear();
        if (!FindAscii(items, key)) FindText(items, key, context);
        return found;
    }

    /// <summary>A repeat: its index, the first occurrence's index, and the repeated value.</summary>
    public readonly record struct Repeat(int Index, int First, TreeElement Value);

    /// <summary>Lets go of the last run's values (they point into its document).</summary>
    public void Clear()
    {
        ClearTable();
        found.Clear();
    }

    private bool FindAscii(TreeElement items, ReadOnlySpan<byte> key)
    {
        Reset(items.GetArrayLength());
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (TryStringOf(item, key, out var value))
            {
                if (!ValidationContext.TryAscii(value, out var ascii))
                {
                    found.Clear();
                    return false;
                }
                if (AddAscii(value, ascii, i) is var first and >= 0) found.Add(new Repeat(i, first, value));
            }
            i++;
        }
        return true;
    }

    private void FindText(TreeElement items, ReadOnlySpan<byte> key, ValidationContext context)
    {
        var seen = context.RentKeys();
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (TryStringOf(item, key, out var value) && !seen.TryAdd(context.Text(value), i, out var first)) found.Add(new Repeat(i, first, value));
            i++;
        }
        context.ReturnKeys(seen);
    }

    // The item, or its field named key (the last one, as JsonFields reads), when it is a string: each kind is read
    // once, as each read is a lookup in the document's table and an env list has hundreds of items.
    private static bool TryStringOf(TreeElement item, ReadOnlySpan<byte> key, out TreeElement value)
    {
        value = item;
        if (!key.IsEmpty && (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(key, out value))) return false;
        return value.ValueKind == JsonValueKind.String;
    }

    // The index where these bytes were first added, or -1 after adding them at <paramref name="index"/>.
    private int AddAscii(TreeElement value, ReadOnlySpan<byte> ascii, int index)
    {
        var hash = HashOf(ascii);
        var mask = slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = slots[slot] - 1;
            if (entry < 0)
            {
                slots[slot] = Append(value, hash, index) + 1;
                return -1;
            }
            if (hashes[entry] == hash && ValidationContext.TryAscii(values[entry], out var other) && other.SequenceEqual(ascii)) return indexes[entry];
        }
    }

    private int Append(TreeElement value, int hash, int index)
    {
        values[count] = value;
        hashes[count] = hash;
        indexes[count] = index;
        return count++;
    }

    // The string hash (Marvin, seeded per process) over the bytes taken two at a time, and the odd last one mixed
    // in by a multiply: values that differ there differ in the hash, and the seeded part stays unguessable.
    private static int HashOf(ReadOnlySpan<byte> ascii)
    {
        var pairs = string.GetHashCode(MemoryMarshal.Cast<byte, char>(ascii));
        return (ascii.Length % 2 == 0 ? pairs : pairs ^ (int)(ascii[^1] * 0x9E3779B1u)) & int.MaxValue;
    }

    // Room for every item with the table at most half full, so a probe ends soon.
    private void Reset(int items)
    {
        if (items <= values.Length)
        {
            ClearTable();
            return;
        }
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)items);
        values = new TreeElement[size];
        hashes = new int[size];
        indexes = new int[size];
        slots = new int[size * 2];
        count = 0;
    }

    private void ClearTable()
    {
        Array.Clear(values, 0, count);
        Array.Clear(slots);
        count = 0;
    }
}
