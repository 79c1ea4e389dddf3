using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// A parsed JSON document for the validator: a scanner of its own (<see cref="JsonScan"/>) tokenizes it, or
/// System.Text.Json's reader where that scanner is not sure (invalid JSON included, so every error is the reader's),
/// and each token becomes a row of a table (where its bytes are, what kind it is, where its value ends). It answers as
/// <see cref="JsonDocument"/> does (the tests walk both side by side) but is built for the webhook's largest reviews:
/// JsonDocument finds the start of every object and array it closes by scanning back over all the rows inside it, which
/// made a tenth of the largest review's time; here an open container's row links to the one it is in, so each closes
/// in one step, and every row knows where its value ends, so walking the tree is index arithmetic (docs/performance.md,
/// "Webhook, largest review").
/// The bytes are not copied: the tree is valid while the buffer it was parsed from is, and until it is disposed.
/// </summary>
internal sealed class JsonTree : IDisposable
{
    // A thread keeps its last table for the next parse up to this size (the largest valid pod's review has ~6,000
    // rows, 20 bytes each); a larger one (a hostile multi-megabyte body) goes back to the shared pool.
    private const int MaxPooledRows = 16 * 1024;

    /// <summary>
    /// The depth allowed for JSON the operator wrote itself (a typed resource, a manifest read within its own limit):
    /// deeper than any reader limit, so those never fail to parse.
    /// </summary>
    public const int WrittenDepth = 1000;

    [ThreadStatic] private static Row[]? spareRows;

    private readonly byte[] utf8;
    private readonly int offset;
    private readonly int length;
    private Row[] rows;

    private JsonTree(ArraySegment<byte> utf8, Row[] rows, int count)
    {
        this.utf8 = utf8.Array!;
        offset = utf8.Offset;
        length = utf8.Count;
        this.rows = rows;
        Count = count;
    }

    /// <summary>How many rows (names and values) the document has.</summary>
    public int Count { get; }

    public TreeElement Root => new(this, 0);

    /// <summary>
    /// Parses one JSON value, with the reader's rules and messages (a <see cref="JsonException"/> naming the position
    /// for invalid JSON, depth past <paramref name="maxDepth"/> included), and two rules more, so every string and name
    /// of a tree can be read: the bytes are valid UTF-8 (the reader checks only what it decodes, not names it compares
    /// as bytes), and no escape spells a lone surrogate.
    /// </summary>
    public static JsonTree Parse(ReadOnlyMemory<byte> utf8, int maxDepth = 64)
    {
        // A row per token; a token takes 8 bytes or more in nearly every document (a name, its quotes and colon).
        var wanted = Math.Clamp(utf8.Length / 8, 16, MaxPooledRows);
        var table = spareRows is { } spare && spare.Length >= wanted ? spare : ArrayPool<Row>.Shared.Rent(wanted);
        if (table == spareRows) spareRows = null;
        try
        {
            var count = JsonScan.TryBuild(utf8.Span, maxDepth, ref table, out var isAscii);
            // A document the scanner reads is valid UTF-8: bytes past ASCII lie only in strings, and it checks each
            // such string. Only before the reader's build is the whole document checked (when it is not ASCII), so
            // this error still comes before any of the reader's.
            if (count == JsonScan.Refused)
            {
                if (!isAscii && !Utf8.IsValid(utf8.Span)) throw new JsonException("it is not valid UTF-8");
                count = Build(utf8.Span, maxDepth, ref table);
            }
            // Spans are taken from the array itself: ReadOnlyMemory's Span costs a type test on every value read.
            return new JsonTree(MemoryMarshal.TryGetArray(utf8, out var segment) ? segment : utf8.ToArray(), table, count);
        }
        catch
        {
            Return(table);
            throw;
        }
    }

    public static JsonTree Parse(string json, int maxDepth = 64) => Parse(Encoding.UTF8.GetBytes(json), maxDepth);

    /// <summary>
    /// The rows as System.Text.Json's reader tokenizes the document: what <see cref="JsonScan"/> leaves to it, and
    /// what the tests hold the scanner's rows to.
    /// </summary>
    internal static int Build(ReadOnlySpan<byte> utf8, int maxDepth, ref Row[] table)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        // The innermost open container's row (the reader enforces the depth limit).
        var inner = -1;
        var inArray = false;
        var count = 0;
        while (reader.Read())
        {
            if (count == table.Length) Grow(ref table);
            var type = reader.TokenType;
            if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                ref var container = ref table[inner];
                container.Length = (int)reader.BytesConsumed - container.Start;
                inner = container.Next;
                container.Next = count;
                inArray = inner >= 0 && table[inner].Kind == JsonValueKind.Array;
                continue;
            }
            ref var row = ref table[count];
            row.Start = (int)reader.TokenStartIndex;
            row.Items = 0;
            if (inArray) table[inner].Items++;
            else if (type == JsonTokenType.PropertyName)
            {
                // Each name links back to the one before it, the object to its last: lookups go last to first.
                row.Items = table[inner].Items;
                table[inner].Items = count;
            }
            if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                inArray = type == JsonTokenType.StartArray;
                row.Kind = inArray ? JsonValueKind.Array : JsonValueKind.Object;
                row.Escaped = row.NonAscii = false;
                row.Next = inner;
                inner = count++;
                continue;
            }
            var quoted = type is JsonTokenType.String or JsonTokenType.PropertyName;
            if (quoted) row.Start++;
            row.Length = reader.ValueSpan.Length;
            row.Kind = (JsonValueKind)Kinds[(int)type];
            row.Escaped = quoted && reader.ValueIsEscaped;
            row.NonAscii = quoted && !Ascii.IsValid(reader.ValueSpan);
            if (row.Escaped && TreeText.NotText(ref reader) is { } why)
            {
                // JsonDocument would parse it and throw when the string is read: refused here, as invalid JSON, so
                // every string of a tree can be read.
                throw new JsonException($"the string at byte {reader.TokenStartIndex} is not valid text: {why}");
            }
            row.Next = ++count;
        }
        return count;
    }

    // A scalar token's kind, by JsonTokenType (a table: the switch was not inlined into the loop).
    private static ReadOnlySpan<byte> Kinds =>
    [
        0, 0, 0, 0, 0, (byte)Row.Name, 0, (byte)JsonValueKind.String, (byte)JsonValueKind.Number, (byte)JsonValueKind.True,
        (byte)JsonValueKind.False, (byte)JsonValueKind.Null,
    ];

    internal static void Grow(ref Row[] table)
    {
        var bigger = ArrayPool<Row>.Shared.Rent(table.Length * 2);
        table.AsSpan().CopyTo(bigger);
        Return(table);
        table = bigger;
    }

    private static void Return(Row[] table)
    {
        // The thread keeps the larger of its spare and this one.
        if (table.Length > MaxPooledRows || table.Length < (spareRows?.Length ?? 0)) ArrayPool<Row>.Shared.Return(table);
        else spareRows = table;
    }

    public void Dispose()
    {
        var table = rows;
        if (table.Length == 0) return;
        rows = [];
        Return(table);
    }

    internal ref readonly Row this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref rows[index];
    }

    /// <summary>
    /// The rows and the document's bytes, for a loop over many rows (a plain object's pass) that reads them as spans:
    /// taken once, where each value's own read goes through the tree again.
    /// </summary>
    internal ReadOnlySpan<Row> Rows => new(rows, 0, Count);

    internal ReadOnlySpan<byte> Source => new(utf8, offset, length);

    /// <summary>A token's bytes: a string's or a name's between its quotes (escapes as written), any other value whole.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> Bytes(int index)
    {
        ref readonly var row = ref rows[index];
        return new ReadOnlySpan<byte>(utf8, offset + row.Start, row.Length);
    }

    /// <summary>A string's or a name's JSON text as written, quotes included; any other value's bytes.</summary>
    internal ReadOnlySpan<byte> RawJson(int index)
    {
        ref readonly var row = ref rows[index];
        var quoted = row.Kind is JsonValueKind.String or Row.Name;
        return new ReadOnlySpan<byte>(utf8, offset + row.Start - (quoted ? 1 : 0), row.Length + (quoted ? 2 : 0));
    }

    /// <summary>
    /// One row: where the token's bytes are, its kind (<see cref="Name"/> for a property's name), and the index of the
    /// row after its value (past a container's last descendant). Items: an array's count; an object's last name, and a
    /// name's previous one in its object (0, the root's row, for none). While a container is open (being built), its
    /// Next is the row of the container it is in (-1 for none): a build goes back to it when it closes, so it keeps no
    /// stack of its own.
    /// </summary>
    internal struct Row
    {
        public const JsonValueKind Name = (JsonValueKind)255;

        public int Start;
        public int Length;
        public int Next;
        public int Items;
        public JsonValueKind Kind;
        public bool Escaped;
        // A string or name with a byte past ASCII as written: one without either flag is ASCII as it lies in the
        // document, so checks read it on its bytes.
        public bool NonAscii;

        /// <summary>Whether this is a string that is ASCII as written (no escape, no byte past ASCII).</summary>
        public readonly bool IsAsciiString => Kind == JsonValueKind.String && !Escaped && !NonAscii;
    }
}
