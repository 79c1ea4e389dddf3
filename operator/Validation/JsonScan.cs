using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Row = JdCloudPodOperator.Validation.JsonTree.Row;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// The tree's own tokenizer: it scans the UTF-8 bytes and fills the rows the reader-based build would, in half its time
/// on the webhook's largest review (docs/performance.md, "Webhook, largest review"). It is conservative: at anything it
/// is not sure of (invalid JSON, a depth near the limit, an escape in the surrogate range, a BOM) it gives up and the
/// reader's build runs from the start, so what is refused is refused by the reader, with its message. The grammar is
/// RFC 8259's, as the reader applies it with its default options.
/// </summary>
internal static class JsonScan
{
    /// <summary>What <see cref="TryBuild"/> returns for a document it leaves to the reader.</summary>
    public const int Refused = -1;

    private const ulong Whitespace = (1UL << ' ') | (1UL << '\t') | (1UL << '\n') | (1UL << '\r');

    // What ends a string's run of plain bytes: its closing quote, an escape, or a control byte (invalid unescaped).
    private static readonly SearchValues<byte> StringStops =
        SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, ' ').Select(control => (byte)control)]);

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>
    /// Fills <paramref name="table"/> (grown as the reader's build grows it) with the document's rows and returns how
    /// many, or <see cref="Refused"/>.
    /// </summary>
    public static int TryBuild(ReadOnlySpan<byte> utf8, int maxDepth, ref Row[] table)
    {
        // 0 stands for the reader's default depth and a negative one is its error: both left to it.
        if (maxDepth <= 0) return Refused;
        Span<int> open = stackalloc int[64];
        var rows = table;
        var depth = 0;
        var inner = -1;
        var inArray = false;
        var count = 0;
        var i = Skip(utf8, 0);
        while (true)
        {
            // Room for a member: its name's row and its value's.
            if (rows.Length - count < 2)
            {
                JsonTree.Grow(ref table);
                rows = table;
            }
            if (depth > 0 && !inArray)
            {
                i = Name(utf8, i, rows, count++, inner);
                if (i < 0) return Refused;
            }
            ref var row = ref rows[count];
            row.Items = 0;
            if (inArray) rows[inner].Items++;
            var first = At(utf8, i);
            if (first is (byte)'{' or (byte)'[')
            {
                // The reader refuses a container nested past its limit; one at the limit is left to it too.
                if (depth + 1 >= maxDepth) return Refused;
                inArray = first == '[';
                Set(ref row, i, 0, inArray ? JsonValueKind.Array : JsonValueKind.Object, false);
                if (depth == open.Length) open = JsonTree.Deeper(open);
                open[depth++] = inner = count++;
                i = Skip(utf8, i + 1);
                // Its first member or item, unless it closes at once.
                if (At(utf8, i) is not ((byte)']' or (byte)'}')) continue;
            }
            else
            {
                i = first == '"' ? Quoted(utf8, i, ref row, JsonValueKind.String) : Scalar(utf8, i, first, ref row);
                if (i < 0) return Refused;
                row.Next = ++count;
            }
            // After a value: close each container that ends here, up to a comma or, past the root value, the end.
            while (true)
            {
                i = Skip(utf8, i);
                if (depth == 0) return i == utf8.Length ? count : Refused;
                var next = At(utf8, i++);
                if (next == ',') break;
                if (next != (inArray ? ']' : '}')) return Refused;
                ref var container = ref rows[inner];
                container.Length = i - container.Start;
                container.Next = count;
                inner = --depth > 0 ? open[depth - 1] : -1;
                inArray = inner >= 0 && rows[inner].Kind == JsonValueKind.Array;
            }
            i = Skip(utf8, i);
        }
    }

    // A member's name at i and its colon: the index of its value, or Refused. The name links back to the one before
    // it in its object, and the object to it, as in the reader's build.
    private static int Name(ReadOnlySpan<byte> utf8, int i, Row[] rows, int index, int inner)
    {
        ref var name = ref rows[index];
        i = Quoted(utf8, i, ref name, Row.Name);
        if (i < 0) return Refused;
        name.Items = rows[inner].Items;
        rows[inner].Items = index;
        name.Next = index + 1;
        i = Skip(utf8, i);
        return At(utf8, i) == ':' ? Skip(utf8, i + 1) : Refused;
    }

    // A string or a name at quote: the index after it, or Refused. Most of a review's are shorter than 16 bytes and
    // unescaped: one vector step finds their end, in a small method whose other path is a tail call (an IndexOfAny
    // call per string took a third more time for the whole document); the rest go to LongQuoted.
    private static int Quoted(ReadOnlySpan<byte> utf8, int quote, ref Row row, JsonValueKind kind)
    {
        var start = quote + 1;
        if (At(utf8, quote) == '"' && utf8.Length - start >= Vector128<byte>.Count)
        {
            var bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(utf8), (nuint)start);
            var quotes = Vector128.Equals(bytes, Vector128.Create((byte)'"'));
            var stops = quotes | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
                | Vector128.LessThan(bytes, Vector128.Create((byte)' '));
            var stopBits = stops.ExtractMostSignificantBits();
            // The first stop (the lowest bit) is a quote: nothing to decode or refuse before it.
            if ((stopBits & (0 - stopBits) & quotes.ExtractMostSignificantBits()) != 0)
            {
                var length = BitOperations.TrailingZeroCount(stopBits);
                Set(ref row, start, length, kind, false);
                return start + length + 1;
            }
        }
        return LongQuoted(utf8, quote, ref row, kind);
    }

    // A string the vector step left: longer, escaped, invalid or near the document's end. Never inlined, so it stays
    // Quoted's tail call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int LongQuoted(ReadOnlySpan<byte> utf8, int quote, ref Row row, JsonValueKind kind)
    {
        if (At(utf8, quote) != '"') return Refused;
        var start = quote + 1;
        var i = start;
        var escaped = false;
        while (true)
        {
            var plain = utf8[i..].IndexOfAny(StringStops);
            if (plain < 0) return Refused;
            i += plain;
            if (utf8[i] == '"') break;
            if (utf8[i] != '\\') return Refused;
            i = Escape(utf8, i);
            if (i < 0) return Refused;
            escaped = true;
        }
        Set(ref row, start, i - start, kind, escaped);
        return i + 1;
    }

    // The escape at i: the index after it, or Refused. One in the surrogate range is refused too: the reader's build
    // checks that its string is text (TreeText.NotText).
    private static int Escape(ReadOnlySpan<byte> utf8, int i)
    {
        switch (At(utf8, i + 1))
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return i + 2;
            case (byte)'u' when utf8.Length - i >= 6:
                var hex = utf8.Slice(i + 2, 4);
                // D800-DFFF: a 'd' and then a hex digit from '8' up ('8', '9' and the letters sort above '0'-'7').
                var surrogate = (hex[0] | 0x20) == 'd' && hex[1] >= '8';
                return hex.IndexOfAnyExcept(HexDigits) < 0 && !surrogate ? i + 6 : Refused;
            default:
                return Refused;
        }
    }

    private static int Scalar(ReadOnlySpan<byte> utf8, int i, byte first, ref Row row) => first switch
    {
        (byte)'t' => Literal(utf8, i, "true"u8, JsonValueKind.True, ref row),
        (byte)'f' => Literal(utf8, i, "false"u8, JsonValueKind.False, ref row),
        (byte)'n' => Literal(utf8, i, "null"u8, JsonValueKind.Null, ref row),
        _ => Number(utf8, i, ref row),
    };

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at start: the index after it, or Refused. What may follow it (a
    // delimiter or the end) is checked by the caller's grammar, as after any value.
    private static int Number(ReadOnlySpan<byte> utf8, int start, ref Row row)
    {
        var i = At(utf8, start) == '-' ? start + 1 : start;
        if (At(utf8, i) == '0') i++;
        else if (char.IsAsciiDigit((char)At(utf8, i))) i = Digits(utf8, i + 1);
        else return Refused;
        if (At(utf8, i) == '.')
        {
            i = SomeDigits(utf8, i + 1);
            if (i < 0) return Refused;
        }
        if ((At(utf8, i) | 0x20) == 'e')
        {
            i = SomeDigits(utf8, At(utf8, i + 1) is (byte)'+' or (byte)'-' ? i + 2 : i + 1);
            if (i < 0) return Refused;
        }
        Set(ref row, start, i - start, JsonValueKind.Number, false);
        return i;
    }

    // One digit or more at i: the index after them, or Refused.
    private static int SomeDigits(ReadOnlySpan<byte> utf8, int i)
    {
        var end = Digits(utf8, i);
        return end > i ? end : Refused;
    }

    private static int Digits(ReadOnlySpan<byte> utf8, int i)
    {
        while (char.IsAsciiDigit((char)At(utf8, i))) i++;
        return i;
    }

    private static int Literal(ReadOnlySpan<byte> utf8, int i, ReadOnlySpan<byte> literal, JsonValueKind kind,
        ref Row row)
    {
        if (!utf8[i..].StartsWith(literal)) return Refused;
        Set(ref row, i, literal.Length, kind, false);
        return i + literal.Length;
    }

    // A token's own fields; Items and Next are its place in the tree, set by the caller (a container's length too).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Set(ref Row row, int start, int length, JsonValueKind kind, bool escaped)
    {
        row.Start = start;
        row.Length = length;
        row.Kind = kind;
        row.Escaped = escaped;
    }

    // The byte at i, or 0 past the end: 0 is valid nowhere outside a string, so every check it meets fails.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(ReadOnlySpan<byte> utf8, int i) => (uint)i < (uint)utf8.Length ? utf8[i] : (byte)0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Skip(ReadOnlySpan<byte> utf8, int i)
    {
        for (; (uint)i < (uint)utf8.Length; i++)
        {
            var b = utf8[i];
            if (b > ' ' || ((1UL << b) & Whitespace) == 0) break;
        }
        return i;
    }
}
