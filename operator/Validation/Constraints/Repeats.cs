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
    private readonly KeyTable table = new();
    // Each entry's value, by its row in the document (numbers: nothing to clear, no reference to store), and the
    // index of its item.
    private int[] rows = new int[128];
    private int[] indexes = new int[128];
    private readonly List<Repeat> found = [];

    /// <summary>The entries a run may leave in the pool; a larger table is dropped after the run.</summary>
    public int Capacity => table.Capacity;

    /// <summary>
    /// Finds the repeats among the items' strings: <paramref name="key"/> names the field of each item to compare,
    /// or is empty to compare the items themselves. Items without such a string are passed over.
    /// </summary>
    public List<Repeat> Find(TreeElement items, ReadOnlySpan<byte> key, ValidationContext context)
    {
        if (!FindAscii(items, key))
        {
            found.Clear();
            FindText(items, key, context);
        }
        return found;
    }

    /// <summary>
    /// Starts a find whose strings are added one by one (<see cref="Add"/>, in list order) by a walk over a list of
    /// <paramref name="items"/> that reads them anyway; <see cref="Found"/> then holds what Find would return.
    /// </summary>
    public void Begin(int items)
    {
        found.Clear();
        Reset(items);
    }

    /// <summary>
    /// Adds item <paramref name="index"/>'s string; false, and nothing added, when it is not ASCII as written: then
    /// the list is compared on its characters, by Find.
    /// </summary>
    public bool Add(TreeElement value, int index)
    {
        if (!ValidationContext.TryAscii(value, out var ascii)) return false;
        if (AddAscii(value, ascii, index) is var first and >= 0) found.Add(new Repeat(index, first, value));
        return true;
    }

    /// <summary>The repeats the strings added since <see cref="Begin"/> hold.</summary>
    public List<Repeat> Found => found;

    /// <summary>A repeat: its index, the first occurrence's index, and the repeated value.</summary>
    public readonly record struct Repeat(int Index, int First, TreeElement Value);

    /// <summary>Empties the table, and lets go of the last run's repeats (they point into its document).</summary>
    public void Clear()
    {
        table.Reset(0);
        found.Clear();
    }

    private bool FindAscii(TreeElement items, ReadOnlySpan<byte> key)
    {
        Begin(items.GetArrayLength());
        foreach (var (i, value) in items.EnumerateItemStrings(key))
        {
            if (!Add(value, i)) return false;
        }
        return true;
    }

    private void FindText(TreeElement items, ReadOnlySpan<byte> key, ValidationContext context)
    {
        var seen = context.RentKeys(items.GetArrayLength());
        foreach (var (i, value) in items.EnumerateItemStrings(key))
        {
            if (!seen.TryAdd(context.Text(value), i, out var first)) found.Add(new Repeat(i, first, value));
        }
        context.ReturnKeys(seen);
    }

    // The index where these bytes were first added, or -1 after adding them at <paramref name="index"/>.
    private int AddAscii(TreeElement value, ReadOnlySpan<byte> ascii, int index)
    {
        var match = new Match(value, rows, ascii);
        var entry = table.FindOrAdd(table.Hash(ascii), ref match);
        if (entry >= 0) return indexes[entry];
        rows[table.Count - 1] = value.RowIndex;
        indexes[table.Count - 1] = index;
        return -1;
    }

    // Room for every item (the table grows to it too).
    private void Reset(int items)
    {
        table.Reset(items);
        if (rows.Length >= table.Capacity) return;
        rows = new int[table.Capacity];
        indexes = new int[table.Capacity];
    }

    // Only ASCII values are added: their bytes are their characters.
    private readonly ref struct Match(TreeElement value, int[] rows, ReadOnlySpan<byte> ascii) : KeyTable.IMatch
    {
        private readonly ReadOnlySpan<byte> ascii = ascii;

        public bool Matches(int entry) => value.AtRow(rows[entry]).ValueSpan.SequenceEqual(ascii);
    }
}
