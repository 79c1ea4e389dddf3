using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// The hash table behind the duplicate checks (<see cref="Repeats"/>, <see cref="TextKeys"/>): entries numbered in
/// the order they were added, found by a linear probe in slots kept at most half full. Its owner keeps each entry's
/// key and says whether one is the key looked for (<see cref="IMatch"/>). Hashes are seeded per process, so a hostile
/// list cannot be made to collide on purpose.
/// </summary>
internal sealed class KeyTable
{
    // A list of up to SmallList items (every list of a valid pod) hashes keys of up to ShortKey bytes with a seeded
    // multiply, a few times cheaper than Marvin: even keys that collided would cost at most SmallList² comparisons of
    // ShortKey bytes. Longer lists (a hostile review's) and longer keys take Marvin.
    private const int SmallList = 128;
    private const int ShortKey = 32;

    private static readonly ulong Seed0 = Seed(), Seed1 = Seed(), Seed2 = Seed(), Seed3 = Seed();

    // A list uses the first slots only, twice as many as its items (at least MinSlots): a short one clears and
    // probes a few cache lines, not the whole table. Hashes (by entry) has room for half of all slots.
    private const int MinSlots = 16;

    private int[] slots = new int[2 * SmallList];
    private int[] hashes = new int[SmallList];
    private int mask = MinSlots - 1;
    private bool small = true;

    /// <summary>Whether an entry's key is the one looked for.</summary>
    public interface IMatch
    {
        bool Matches(int entry);
    }

    public int Count { get; private set; }

    /// <summary>The entries the table has room for before it grows.</summary>
    public int Capacity => hashes.Length;

    /// <summary>Empties the table for a list of at most <paramref name="items"/> keys, which picks the hash.</summary>
    public void Reset(int items)
    {
        small = items <= SmallList;
        if (Count > 0) Array.Clear(slots, 0, mask + 1);
        Count = 0;
        mask = Math.Max(MinSlots, 2 * (int)BitOperations.RoundUpToPowerOf2((uint)items)) - 1;
        if (mask < slots.Length) return;
        slots = new int[mask + 1];
        hashes = new int[slots.Length / 2];
    }

    /// <summary>The entry whose key matches, or -1 after adding one (numbered <see cref="Count"/> - 1).</summary>
    public int FindOrAdd<T>(int hash, scoped ref T match) where T : IMatch, allows ref struct
    {
        if (Count == (mask + 1) / 2) Grow();
        var slot = Probe(hash, ref match);
        if (slots[slot] != 0) return slots[slot] - 1;
        hashes[Count] = hash;
        slots[slot] = ++Count;
        return -1;
    }

    /// <summary>The entry whose key matches, or -1.</summary>
    public int Find<T>(int hash, scoped ref T match) where T : IMatch, allows ref struct => slots[Probe(hash, ref match)] - 1;

    public int Hash(ReadOnlySpan<byte> key) => small && key.Length <= ShortKey ? Short(key) : Marvin(key);

    public int Hash(ReadOnlySpan<char> key) => small && key.Length <= ShortKey / 2 ? Short(MemoryMarshal.AsBytes(key)) : string.GetHashCode(key);

    // The slot of the matching entry, or the empty slot where it would go.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Probe<T>(int hash, scoped ref T match) where T : IMatch, allows ref struct
    {
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = slots[slot] - 1;
            if (entry < 0 || hashes[entry] == hash && match.Matches(entry)) return slot;
        }
    }

    // Twice the slots; the entries keep their numbers, each goes to its hash's slot.
    private void Grow()
    {
        mask = mask * 2 + 1;
        if (mask < slots.Length) Array.Clear(slots, 0, mask + 1);
        else
        {
            slots = new int[mask + 1];
            Array.Resize(ref hashes, slots.Length / 2);
        }
        for (var entry = 0; entry < Count; entry++)
        {
            var slot = hashes[entry] & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = entry + 1;
        }
    }

    // Every byte is read (the words of ShortText, and for a key past 16 bytes its last 16 too) and multiplied with a
    // secret seed, 128 bits wide, the halves folded: the low bits the slot is taken from depend on the whole key.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Short(ReadOnlySpan<byte> key)
    {
        ref var first = ref MemoryMarshal.GetReference(key);
        var n = key.Length;
        var hash = (ulong)n;
        if (n > 16) hash ^= Mix(ShortText.Read8(ref first, n - 16), ShortText.Read8(ref first, n - 8), Seed2, Seed3);
        var (a, b) = ShortText.Words(key);
        return (int)(hash ^ Mix(a, b, Seed0, Seed1));
    }

    private static ulong Mix(ulong a, ulong b, ulong seedA, ulong seedB)
    {
        var high = Math.BigMul(a ^ seedA, b ^ seedB, out var low);
        return high ^ low;
    }

    // Marvin (the string hash, seeded per process) over the bytes taken two at a time, and the odd last one mixed in
    // by a multiply: values that differ there differ in the hash, and the seeded part stays unguessable.
    private static int Marvin(ReadOnlySpan<byte> key)
    {
        var pairs = string.GetHashCode(MemoryMarshal.Cast<byte, char>(key));
        return key.Length % 2 == 0 ? pairs : pairs ^ (int)(key[^1] * 0x9E3779B1u);
    }

    private static ulong Seed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
}
