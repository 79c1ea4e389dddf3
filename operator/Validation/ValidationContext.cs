using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;
using JdCloudPodOperator.Validation.Constraints;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// The state of one validation run: the path of the field being checked, what was found, and the facts that
/// cross-field rules need from elsewhere in the object (maxCount, the pod's volumes). One instance per thread is
/// reused, buffers included, so validating a valid pod allocates nothing.
/// </summary>
internal sealed class ValidationContext
{
    // Dictionaries that grew past this are dropped rather than kept, so one huge list does not slow every later Clear.
    private const int MaxPooledKeys = 1024;

    // A text buffer that grew past this (a hostile megabyte string) is dropped after the run rather than kept.
    private const int MaxPooledChars = 64 * 1024;

    [ThreadStatic] private static ValidationContext? spare;

    private Segment[] path = new Segment[16];
    private int depth;
    private List<FieldViolation>? violations;
    private List<string>? warnings;
    private int omitted;
    private TextKeys? spareKeys;
    private Repeats? repeats;
    private TextKeys? volumeNames;
    private bool volumesRead;
    private char[] text = new char[256];
    // A slot's value is its document and row apart: the document is the same for nearly every slot, and a
    // reference is written (with the collector's barrier) only when it changes.
    private JsonTree?[] fieldTrees = new JsonTree?[64];
    private int[] fieldRows = new int[64];
    private JsonValueKind[] kinds = new JsonValueKind[64];
    private int fieldCount;
    private int fieldsUsed;

    /// <summary>spec.maxCount, or 1 when absent (its default).</summary>
    public int MaxCount { get; private set; }

    /// <summary>The podSpec being validated (undefined when absent), for rules that look across it (volume mounts name volumes).</summary>
    public TreeElement Pod { get; private set; }

    /// <summary>Whether the walk also does the type check's work on the values it visits, and what it found so far.</summary>
    public TypeWalk Types { get; private set; }

    public bool ChecksTypes => Types != TypeWalk.Off;

    /// <summary>A value of the wrong JSON type was met: the rules stop, as they never run on such a document.</summary>
    public bool TypesWrong => Types == TypeWalk.Wrong;

    /// <summary>The thread's context for a run; <paramref name="checkTypes"/>: walk with the type check (the webhook's CREATE).</summary>
    public static ValidationContext Rent(int maxCount, TreeElement pod, bool checkTypes = false)
    {
        var context = spare ?? new ValidationContext();
        spare = null;
        context.MaxCount = maxCount;
        context.Pod = pod;
        context.Types = checkTypes ? TypeWalk.Clean : TypeWalk.Off;
        return context;
    }

    /// <summary>Something the full type check must judge (an unknown or repeated field): the rules go on.</summary>
    public void TypesUnsure()
    {
        if (Types == TypeWalk.Clean) Types = TypeWalk.Unsure;
    }

    public void TypeWrong()
    {
        if (Types != TypeWalk.Off) Types = TypeWalk.Wrong;
    }

    /// <summary>The result, and the instance goes back to the thread for the next run.</summary>
    public ValidationResult Finish()
    {
        var result = (violations?.Count ?? 0) == 0 && (warnings?.Count ?? 0) == 0
            ? ValidationResult.Valid
            : new ValidationResult(ToArray(violations), ToArray(warnings), omitted);
        violations?.Clear();
        omitted = 0;
        warnings?.Clear();
        volumesRead = false;
        if (volumeNames?.Count > MaxPooledKeys || volumeNames?.Capacity > MaxPooledChars) volumeNames = null;
        if (repeats?.Capacity > MaxPooledKeys) repeats = null;
        repeats?.Clear();
        Pod = default;
        Types = TypeWalk.Off;
        depth = 0;
        LeaveFields(0);
        Array.Clear(fieldTrees, 0, fieldsUsed);
        fieldsUsed = 0;
        if (text.Length > MaxPooledChars) text = new char[256];
        spare = this;
        return result;
    }

    private static T[] ToArray<T>(List<T>? items) => items is { Count: > 0 } ? [.. items] : [];

    public void Push(string name) => Push(name, -1);

    public void PushIndex(int index) => Push(null, index);

    public void Pop() => depth--;

    /// <summary>
    /// Records a violation of the current field, or of its child <paramref name="field"/>; past
    /// <see cref="ValidationResult.MaxReported"/> it is only counted.
    /// </summary>
    public void Add(ViolationKind kind, string? field, object? value, string detail)
    {
        if ((violations ??= []).Count >= ValidationResult.MaxReported) omitted++;
        else violations.Add(new FieldViolation(PathTo(field), kind, value, detail));
    }

    /// <summary>Whether a violation was already recorded at this full path.</summary>
    public bool HasViolationAt(string field) => violations?.Exists(v => v.Field == field) == true;

    public void Warn(string? field, string message)
    {
        if ((warnings ??= []).Count < ValidationResult.MaxReported) warnings.Add(PathTo(field) + ": " + message);
    }

    /// <summary>The rendered path of the current field, or of its child <paramref name="field"/>.</summary>
    public string PathTo(string? field)
    {
        var text = new StringBuilder(64);
        for (var i = 0; i < depth; i++) Append(text, path[i].Name, path[i].Index);
        if (field is not null) Append(text, field, -1);
        return text.ToString();
    }

    /// <summary>
    /// Slots for the property values of one object of <paramref name="count"/> properties, above those of the
    /// objects it lies in; returns the frame, the index of its first slot. Give them back with <see cref="LeaveFields"/>.
    /// </summary>
    public int EnterFields(int count)
    {
        var frame = fieldCount;
        fieldCount += count;
        if (fieldCount > fieldRows.Length)
        {
            var size = Math.Max(fieldRows.Length * 2, fieldCount);
            Array.Resize(ref fieldTrees, size);
            Array.Resize(ref fieldRows, size);
            Array.Resize(ref kinds, size);
        }
        fieldsUsed = Math.Max(fieldsUsed, fieldCount);
        return frame;
    }

    /// <summary>Puts a property's value and its kind (read once by the caller: each read is a lookup in the document) in a slot.</summary>
    public void SetField(int slot, TreeElement value, JsonValueKind kind)
    {
        ref var tree = ref fieldTrees[slot];
        if (!ReferenceEquals(tree, value.Document)) tree = value.Document;
        fieldRows[slot] = value.RowIndex;
        kinds[slot] = kind;
    }

    /// <summary>A slot's kind: Undefined when the object does not have the property.</summary>
    public JsonValueKind Kind(int slot) => kinds[slot];

    /// <summary>A slot's value; meaningful only when its <see cref="Kind"/> is not Undefined (a slot given back keeps its last value).</summary>
    public TreeElement Field(int slot) => new(fieldTrees[slot]!, fieldRows[slot]);

    // Only the kinds are cleared, a byte each, for every object of a pod; the values, which hold the document, are
    // let go once per run (Finish).
    public void LeaveFields(int frame)
    {
        for (var slot = frame; slot < fieldCount; slot++) kinds[slot] = JsonValueKind.Undefined;
        fieldCount = frame;
    }

    /// <summary>
    /// The characters of a JSON string, valid until the next call: an unescaped value (every value the API server
    /// writes) is decoded into a reused buffer, an escaped one is read as a string.
    /// </summary>
    public ReadOnlySpan<char> Text(TreeElement value)
    {
        var raw = value.ValueSpan;
        if (raw.IndexOf((byte)'\\') >= 0) return value.GetString();
        if (raw.Length > text.Length) text = new char[Math.Max(raw.Length, text.Length * 2)];
        return text.AsSpan(0, Encoding.UTF8.GetChars(raw, text));
    }

    /// <summary>
    /// The bytes of a JSON string that is ASCII as written (no escape): then they are its characters, one byte each,
    /// and checks may read them without decoding. False for any other string.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAscii(TreeElement value, out ReadOnlySpan<byte> ascii)
    {
        ascii = value.ValueSpan;
        return value.IsAsciiString || !ascii.ContainsAnyExcept(AsciiAsWritten);
    }

    // Every ASCII byte but the escape character: one vectorized scan instead of one for ASCII and one for '\\'.
    private static readonly SearchValues<byte> AsciiAsWritten =
        SearchValues.Create([.. Enumerable.Range(0, 0x80).Where(b => b != '\\').Select(b => (byte)b)]);

    /// <summary>The length of a JSON string in characters (Unicode code points, as <see cref="Characters"/> counts).</summary>
    public int Length(TreeElement value) => TryAscii(value, out var ascii) ? ascii.Length : Characters.Count(Text(value));

    /// <summary>An empty set for a duplicate check over at most <paramref name="items"/> texts; give it back with <see cref="ReturnKeys"/>.</summary>
    public TextKeys RentKeys(int items)
    {
        var keys = spareKeys ?? new TextKeys();
        spareKeys = null;
        keys.Clear(items);
        return keys;
    }

    public void ReturnKeys(TextKeys keys)
    {
        if (keys.Count > MaxPooledKeys || keys.Capacity > MaxPooledChars) return;
        spareKeys = keys;
    }

    /// <summary>
    /// The repeated strings of a JSON list, in list order (<see cref="Repeats.Find"/>): of each item, or of its field
    /// <paramref name="key"/>. Valid until the next call.
    /// </summary>
    public List<Repeats.Repeat> FindRepeats(TreeElement items, ReadOnlySpan<byte> key) => (repeats ??= new Repeats()).Find(items, key, this);

    /// <summary>The repeat finder, started for a list of <paramref name="items"/> whose strings a walk adds (<see cref="Repeats.Begin"/>).</summary>
    public Repeats BeginRepeats(int items)
    {
        repeats ??= new Repeats();
        repeats.Begin(items);
        return repeats;
    }

    /// <summary>Whether the pod has a volume of this name (a JSON string).</summary>
    public bool PodHasVolume(TreeElement name) => VolumeIndex(name) >= 0;

    /// <summary>The pod's first volume of this name (a JSON string), or null.</summary>
    public TreeElement? FindVolume(TreeElement name) =>
        VolumeIndex(name) is var index and >= 0 && JsonFields.TryGetArray(Pod, JsonFields.Volumes, out var volumes) ? volumes[index] : null;

    // The names are read once per run, before the name looked for takes the text buffer.
    private int VolumeIndex(TreeElement name)
    {
        if (!volumesRead) ReadVolumeNames();
        return volumeNames!.TryGetValue(Text(name), out var index) ? index : -1;
    }

    private void ReadVolumeNames()
    {
        volumesRead = true;
        var hasVolumes = JsonFields.TryGetArray(Pod, JsonFields.Volumes, out var volumes);
        (volumeNames ??= new TextKeys()).Clear(hasVolumes ? volumes.GetArrayLength() : 0);
        if (!hasVolumes) return;
        var i = 0;
        foreach (var volume in volumes.EnumerateArray())
        {
            if (JsonFields.Property(volume, JsonFields.Name) is { ValueKind: JsonValueKind.String } n) volumeNames.TryAdd(Text(n), i, out _);
            i++;
        }
    }

    private void Push(string? name, int index)
    {
        if (depth == path.Length) Array.Resize(ref path, depth * 2);
        ref var segment = ref path[depth++];
        // The names are the checks' own strings, met again and again at one depth: written only when they change,
        // as each write of a reference costs the collector's barrier.
        if (!ReferenceEquals(segment.Name, name)) segment.Name = name;
        segment.Index = index;
    }

    private static void Append(StringBuilder text, string? name, int index)
    {
        if (name is null)
        {
            text.Append('[').Append(index).Append(']');
            return;
        }
        if (text.Length > 0) text.Append('.');
        text.Append(name);
    }

    private struct Segment
    {
        public string? Name;
        public int Index;
    }
}

/// <summary>
/// What a walk with the type check found: nothing <see cref="JsonTypeCheck.Check"/> would report (Clean), something
/// only it can word (Unsure: an unknown field, a repeated name), or a value of the wrong JSON type (Wrong: the rules
/// stopped there).
/// </summary>
internal enum TypeWalk { Off, Clean, Unsure, Wrong }
