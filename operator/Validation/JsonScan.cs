using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using System.Text.Unicode;
using Row = JdCloudPodOperator.Validation.JsonTree.Row;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// The tree's own tokenizer: it scans the UTF-8 bytes and fills the rows the reader-based build would, in a third of
/// its time on the webhook's largest review (docs/performance.md, "Webhook, largest review"). It is conservative: at
/// anything it is not sure of (invalid JSON, a depth near the limit, an escape in the surrogate range, a BOM) it gives
/// up and the reader's build runs from the start, so what is refused is refused by the reader, with its message. The
/// grammar is RFC 8259's, as the reader applies it with its default options.
/// Two passes: a vector pass marks the bytes that can end a string's plain ASCII run (quotes, escapes, control bytes,
/// bytes past ASCII), a bit each; then a step machine that calls nothing (Run) reads the tokens, taking each string's
/// end from those bits in order rather than from the bytes after its quote, so one token's reading does not wait on
/// the last one's loads.
/// </summary>
internal static class JsonScan
{
    /// <summary>What <see cref="TryBuild"/> returns for a document it leaves to the reader.</summary>
    public const int Refused = -1;

    private const ulong Whitespace = (1UL << ' ') | (1UL << '\t') | (1UL << '\n') | (1UL << '\r');

    // What closes no container: past the root value only the end may follow (no byte equals it).
    private const int AtRoot = -1;

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>
    /// Fills <paramref name="table"/> (grown as the reader's build grows it) with the document's rows and returns how
    /// many, or <see cref="Refused"/>; and whether every byte is ASCII, which its first pass sees on the way, for any
    /// document. A document it fills rows for is valid UTF-8 (it checks each string past ASCII; such bytes anywhere
    /// else are refused), so the tree checks the whole document only before the reader's build.
    /// </summary>
    public static int TryBuild(ReadOnlySpan<byte> utf8, int maxDepth, ref Row[] table, out bool isAscii)
    {
        var stops = ArrayPool<ulong>.Shared.Rent(utf8.Length / 64 + 2);
        try
        {
            isAscii = MarkStops(utf8, stops);
            // 0 stands for the reader's default depth and a negative one is its error: both left to it.
            return maxDepth <= 0
                ? Refused
                : Scan(utf8, ref MemoryMarshal.GetArrayDataReference(stops), maxDepth, ref table);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(stops);
        }
    }

    // Runs the common path, and takes each step it stops at (a call it makes no room for) before running it on.
    private static int Scan(ReadOnlySpan<byte> utf8, ref ulong stops, int maxDepth, ref Row[] table)
    {
        var at = new Cursor
        {
            Levels = maxDepth - 1, Inner = -1, Closer = AtRoot, Step = Step.Member,
        };
        while (true)
        {
            switch (Run(utf8, ref stops, table, ref at))
            {
                case Stop.Done:
                    return at.Count;
                case Stop.Room:
                    JsonTree.Grow(ref table);
                    break;
                case Stop.Space:
                    // Any other byte below a space is invalid outside a string, as is the end where a token is due.
                    var next = Skip(utf8, at.I);
                    if (next == at.I) return Refused;
                    at.I = next;
                    break;
                case Stop.Token:
                    if (!Token(utf8, ref stops, table, ref at)) return Refused;
                    break;
                default:
                    return Refused;
            }
        }
    }

    // A token the common path leaves: a name or a string with an escape (or invalid), or a scalar.
    private static bool Token(ReadOnlySpan<byte> utf8, ref ulong stops, Row[] rows, ref Cursor at)
    {
        ref var row = ref rows[at.Count];
        if (at.Step == Step.Member)
        {
            at.I = Escaped(utf8, ref stops, at.I, ref row, Row.Name);
            at.Step = Step.Colon;
            return at.I >= 0;
        }
        var first = At(utf8, at.I);
        at.I = first == '"'
            ? Escaped(utf8, ref stops, at.I, ref row, JsonValueKind.String)
            : Scalar(utf8, at.I, first, ref row);
        row.Items = 0;
        row.Next = ++at.Count;
        at.Step = Step.After;
        return at.I >= 0;
    }

    // Where the scan stands; Run keeps it in registers and saves it here when it stops.
    private struct Cursor
    {
        public int I; // the byte the step starts at
        public int Count;
        // How many more containers may open: the reader refuses one nested past its limit, and one at the limit is
        // left to it too.
        public int Levels;
        public int Inner; // the innermost open container's row
        public int Closer; // the byte that closes it
        public int Items; // its Items so far: an array's count, an object's last name
        public Step Step;
    }

    // Where in the grammar the scan is: at a member (a name, or an array's item), a name's colon, a value, or after
    // one (a comma, a close, or the end); First is a container's first member, which may be its close instead.
    private enum Step { Member, First, Colon, Value, After }

    // Why Run stopped: for the caller to take a step it does not (Room, Space, Token), or the end.
    private enum Stop { Done, Refused, Room, Space, Token }

    // The common path: compact JSON, unescaped strings, containers. It calls nothing, so the JIT keeps its state in
    // registers (with calls in it, it spilled most of them); for anything else it stops, before the step it does not
    // take, and the caller takes that step.
    private static Stop Run(ReadOnlySpan<byte> utf8, ref ulong stops, Row[] rows, ref Cursor at)
    {
        // Rows are read and written unchecked: the room check at each member leaves two past count. (It compares
        // count with the last that has room, kept apart: one load, where the array's length took two.)
        ref var row0 = ref MemoryMarshal.GetArrayDataReference(rows);
        var lastWithRoom = rows.Length - 2;
        var (i, count, levels, inner, closer, items) = (at.I, at.Count, at.Levels, at.Inner, at.Closer, at.Items);
        // The stops from i on, taken in order as strings are read: in the common path the stops after a string's
        // closing quote are the next string's quotes, so its end comes from this bit walk, not from i's bytes.
        var bits = WalkFrom(ref stops, i, out var word);
        Stop stop;
        byte next;
        switch (at.Step)
        {
            case Step.First: goto First;
            case Step.Colon: goto Colon;
            case Step.Value: goto Value;
            case Step.After: goto After;
        }
    Member:
        // Room for a member: its name's row and its value's.
        if (count > lastWithRoom)
        {
            (stop, at.Step) = (Stop.Room, Step.Member);
            goto Exit;
        }
        if (closer != '}')
        {
            if (closer == ']') items++;
            goto Value;
        }
        next = At(utf8, i);
        if (next != '"'
            || !Quoted(utf8, ref stops, ref word, ref bits, ref i, ref Unsafe.Add(ref row0, count), Row.Name))
        {
            (stop, at.Step) = (next == '"' ? Stop.Token : Stop.Space, Step.Member);
            goto Exit;
        }
    Colon:
        if (At(utf8, i) != ':')
        {
            (stop, at.Step) = (Stop.Space, Step.Colon);
            goto Exit;
        }
        // A name links back to the one before it in its object, and the object to it, as in the reader's build.
        ref var name = ref Unsafe.Add(ref row0, count);
        name.Items = items;
        items = count;
        name.Next = ++count;
        i++;
    Value:
        next = At(utf8, i);
        ref var value = ref Unsafe.Add(ref row0, count);
        if (next == '"')
        {
            if (!Quoted(utf8, ref stops, ref word, ref bits, ref i, ref value, JsonValueKind.String))
            {
                (stop, at.Step) = (Stop.Token, Step.Value);
                goto Exit;
            }
            value.Items = 0;
            value.Next = ++count;
            goto After;
        }
        if (next is not ((byte)'{' or (byte)'['))
        {
            (stop, at.Step) = (next > ' ' ? Stop.Token : Stop.Space, Step.Value);
            goto Exit;
        }
        if (levels == 0)
        {
            stop = Stop.Refused;
            goto Exit;
        }
        if (inner >= 0) Unsafe.Add(ref row0, inner).Items = items;
        Set(ref value, i++, 0, next == '[' ? JsonValueKind.Array : JsonValueKind.Object, false);
        closer = next + 2; // '{' + 2 is '}', '[' + 2 is ']'
        items = 0;
        value.Next = inner; // the container it is in, until it closes (JsonTree.Row)
        levels--;
        inner = count++;
    First:
        // Its first member or item, unless it closes at once.
        next = At(utf8, i);
        if (next != closer)
        {
            if (next > ' ') goto Member;
            (stop, at.Step) = (Stop.Space, Step.First);
            goto Exit;
        }
    After:
        // After a value: a comma, the close of the container it ends, or past the root value the end.
        next = At(utf8, i);
        if (next == ',' && inner >= 0)
        {
            i++;
            goto Member;
        }
        if (next == closer)
        {
            ref var container = ref Unsafe.Add(ref row0, inner);
            container.Length = ++i - container.Start;
            inner = container.Next;
            container.Next = count;
            container.Items = items;
            levels++;
            if (inner >= 0)
            {
                ref var outer = ref Unsafe.Add(ref row0, inner);
                closer = outer.Kind == JsonValueKind.Array ? ']' : '}';
                items = outer.Items;
            }
            else (closer, items) = (AtRoot, 0);
            goto After;
        }
        stop = inner < 0 && i == utf8.Length ? Stop.Done : next > ' ' ? Stop.Refused : Stop.Space;
        at.Step = Step.After;
    Exit:
        (at.I, at.Count, at.Levels, at.Inner, at.Closer, at.Items) = (i, count, levels, inner, closer, items);
        return stop;
    }

    // The string or name whose quote is at i, if the next stop is its closing quote (most of a review's: unescaped):
    // its row's fields, and i moved past it. Otherwise the caller stops, and the walk restarts from i.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Quoted(ReadOnlySpan<byte> utf8, ref ulong stops, ref int word, ref ulong bits, ref int i,
        ref Row row, JsonValueKind kind)
    {
        // The walk's next stop is this quote: Run moves past no other stop (only past the strings it reads, a
        // structural byte, none a stop, at a time), and starts the walk at i when it starts.
        NextStop(ref stops, ref word, ref bits);
        var end = NextStop(ref stops, ref word, ref bits);
        if (At(utf8, end) != '"') return false;
        Set(ref row, i + 1, end - i - 1, kind, false);
        i = end + 1;
        return true;
    }

    // The walk's state at i: the word of i's bit, and that word's stops from i on (shifts count modulo 64).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WalkFrom(ref ulong stops, int i, out int word)
    {
        word = i >> 6;
        return Unsafe.Add(ref stops, word) & ulong.MaxValue << i;
    }

    // The walk's next stop. The word past the document's end is all stops, and Run stops at the first past it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextStop(ref ulong stops, ref int word, ref ulong bits)
    {
        while (bits == 0) bits = Unsafe.Add(ref stops, ++word);
        var stop = word * 64 + BitOperations.TrailingZeroCount(bits);
        bits &= bits - 1;
        return stop;
    }

    // A string or a name at quote, escaped or not, ASCII or not: the index after it, or Refused.
    private static int Escaped(ReadOnlySpan<byte> utf8, ref ulong stops, int quote, ref Row row,
        JsonValueKind kind)
    {
        if (At(utf8, quote) != '"') return Refused;
        var start = quote + 1;
        var i = StopFrom(ref stops, start);
        var (escaped, nonAscii) = (false, false);
        while (At(utf8, i) is var stop && (stop == '\\' || stop >= 0x80))
        {
            if (stop == '\\')
            {
                i = Escape(utf8, i);
                if (i < 0) return Refused;
                escaped = true;
            }
            else
            {
                // Past ASCII, every byte is a stop: the run up to the next quote, escape or control byte is skipped
                // by one vectorised search, not a stop at a time (a long Chinese text took ~5 ns a byte).
                nonAscii = true;
                i = StringEnd(utf8, i);
                continue;
            }
            i = StopFrom(ref stops, i);
        }
        // A string past ASCII is checked as UTF-8 here: the tree's check of the whole document is left to the reader.
        if (At(utf8, i) != '"' || nonAscii && !Utf8.IsValid(utf8[start..i])) return Refused;
        Set(ref row, start, i - start, kind, escaped);
        row.NonAscii = nonAscii;
        return i + 1;
    }

    // The first quote, escape or control byte at i or after it, or the document's length.
    private static int StringEnd(ReadOnlySpan<byte> utf8, int i) =>
        utf8[i..].IndexOfAny(StringStops) is var found and >= 0 ? i + found : utf8.Length;

    private static readonly SearchValues<byte> StringStops =
        SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    // The first stop at i (at most the document's length) or after it.
    private static int StopFrom(ref ulong stops, int i)
    {
        var bits = WalkFrom(ref stops, i, out var word);
        return NextStop(ref stops, ref word, ref bits);
    }

    // A bit for each byte that stops a string's run of plain ASCII bytes: a quote, an escape, a control byte (invalid
    // unescaped; the zeros past the end count as such, and a word more is all stops) or a byte past ASCII (so each
    // string's row can say whether it is ASCII as written), in 64-byte blocks. Returns whether every byte is ASCII.
    private static bool MarkStops(ReadOnlySpan<byte> utf8, Span<ulong> stops)
    {
        ref var bytes = ref MemoryMarshal.GetReference(utf8);
        var whole = utf8.Length / 64;
        // The bytes, or'ed as they are read (their high bits taken once, at the end: a byte with one is not ASCII).
        var seen = Vector256<byte>.Zero;
        for (var block = 0; block < whole; block++)
        {
            stops[block] = Stops(ref Unsafe.Add(ref bytes, block * 64), ref seen);
        }
        Span<byte> tail = stackalloc byte[64];
        tail.Clear();
        utf8[(whole * 64)..].CopyTo(tail);
        stops[whole] = Stops(ref MemoryMarshal.GetReference(tail), ref seen);
        stops[whole + 1] = ulong.MaxValue;
        return seen.ExtractMostSignificantBits() == 0;
    }

    // One 64-byte block's stop bits, in two 32-byte vectors: where the CPU has none, .NET runs each as two of 16 bytes,
    // as fast here as code written for those (measured with AVX2 off).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Stops(ref byte block, ref Vector256<byte> seen) =>
        Stops(Vector256.LoadUnsafe(ref block), ref seen)
        | (ulong)Stops(Vector256.LoadUnsafe(ref block, 32), ref seen) << 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Stops(Vector256<byte> bytes, ref Vector256<byte> seen)
    {
        seen |= bytes;
        // Read as signed, a byte past ASCII is negative: one compare finds it and the control bytes.
        return (Vector256.Equals(bytes, Vector256.Create((byte)'"'))
            | Vector256.Equals(bytes, Vector256.Create((byte)'\\'))
            | Vector256.LessThan(bytes.AsSByte(), Vector256.Create((sbyte)' ')).AsByte()).ExtractMostSignificantBits();
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
        row.NonAscii = false;
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
