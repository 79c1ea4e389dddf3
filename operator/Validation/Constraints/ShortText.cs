using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>
/// A short byte string (a property name, an env name) read as two words: two overlapping loads of 8 or 4 bytes from
/// its ends, or its first, middle and last byte. Every byte is read, so two strings of one length up to
/// <see cref="MaxWords"/> bytes are equal exactly when their words are: a compare or a hash in a few inlined
/// instructions, where a span comparison is a call.
/// </summary>
internal static class ShortText
{
    public const int MaxWords = 16;

    /// <summary>The words of <paramref name="text"/>; of a longer one, its first and last 8 bytes only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Head, ulong Tail) Words(ReadOnlySpan<byte> text)
    {
        ref var first = ref MemoryMarshal.GetReference(text);
        var n = text.Length;
        return n switch
        {
            >= 8 => (Read8(ref first, 0), Read8(ref first, Math.Min(n, 16) - 8)),
            >= 4 => (Unsafe.ReadUnaligned<uint>(ref first), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, n - 4))),
            > 0 => (first | (ulong)Unsafe.Add(ref first, n / 2) << 8 | (ulong)Unsafe.Add(ref first, n - 1) << 16, 0UL),
            _ => (0UL, 0UL),
        };
    }

    /// <summary>8 bytes of <paramref name="first"/>'s string from <paramref name="at"/>, which must lie within it.</summary>
    public static ulong Read8(ref byte first, int at) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, at));
}
