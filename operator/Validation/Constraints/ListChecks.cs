using System.Text;
using System.Text.Json;
using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>A list of strings: Items, TotalLength, ListSet, and the string rules for each item.</summary>
internal sealed class StringListCheck(
    string name, bool required, ListRules listRules, TotalLengthAttribute? totalLength, bool unique, StringRules? itemRules)
    : NestedCheck(name, required, JsonValueKind.Array)
{
    protected override void CheckNested(TreeElement items, ValidationContext context)
    {
        listRules.CheckCount(items.GetArrayLength(), context);
        if (totalLength is not null) CheckTotalLength(items, totalLength.Max, context);
        if (unique) CheckUnique(items, context);
        CheckItems(items, itemRules, context);
    }

    public override bool WalksAs(JsonTypeCheck.Shape shape) =>
        shape.Expected == JsonTypeCheck.Json.Array && shape.Item is { Expected: JsonTypeCheck.Json.String };

    // A list of ASCII strings that each pass their rules, within its count and total length (args, command): one
    // walk over the items tells, where the checks below take two. Not for a set, whose repeats need the table.
    public override bool Passes(TreeElement items, JsonValueKind kind)
    {
        if (unique || !listRules.Allows(items.GetArrayLength())) return false;
        long total = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !ValidationContext.TryAscii(item, out var ascii)) return false;
            if (itemRules is not null && !itemRules.Passes(item)) return false;
            total += ascii.Length;
        }
        return totalLength is null || total <= totalLength.Max;
    }

    private static void CheckTotalLength(TreeElement items, int max, ValidationContext context)
    {
        long total = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) total += context.Length(item);
        }
        if (total > max)
        {
            context.Add(ViolationKind.TooLong, null, null, $"all items together may not be more than {max} characters (are {total})");
        }
    }

    private static void CheckUnique(TreeElement items, ValidationContext context)
    {
        foreach (var repeat in context.FindRepeats(items, default)) ListRules.Duplicate(repeat.Index, null, repeat.Value.GetString()!, context);
    }

    // On the type check's walk, an item that is not a string (a null one too) is its finding.
    private static void CheckItems(TreeElement items, StringRules? rules, ValidationContext context)
    {
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var kind = item.ValueKind;
            if (kind == JsonValueKind.String && (rules is null || rules.Passes(item)))
            {
                i++;
                continue;
            }
            if (kind != JsonValueKind.String) context.TypeWrong();
            var isNull = kind == JsonValueKind.Null;
            if (!isNull && rules is null || kind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                i++;
                continue;
            }
            context.PushIndex(i++);
            if (isNull) ListRules.NullItem(context);
            else rules!.Check(item, context);
            context.Pop();
        }
    }
}

/// <summary>
/// The key of a list of objects: a string field of each item, unique in a list map (<see cref="Entities.Constraints.ListMapAttribute"/>),
/// or repeated with a warning ending in <see cref="Consequence"/> (<see cref="Entities.Constraints.WarnRepeatsAttribute"/>).
/// </summary>
internal sealed record ListKey(string Name, string? Consequence)
{
    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(Name);
}

/// <summary>A list of objects: Items, its key's repeats (an error or a warning), then the item type's own rules for each item.</summary>
internal sealed class ObjectListCheck(string name, bool required, ListRules listRules, ListKey? key, Type item)
    : NestedCheck(name, required, JsonValueKind.Array)
{
    private TypeRules? itemRules;
    private int keyIndex = -1;

    // One walk gives each item its pass and puts its key in the repeat table; the repeats are reported before any
    // item's findings, so only when an item fails its pass does a second walk check the items in order.
    protected override void CheckNested(TreeElement items, ValidationContext context)
    {
        var count = items.GetArrayLength();
        listRules.CheckCount(count, context);
        var rules = Volatile.Read(ref itemRules) ?? Rules();
        var repeats = key is null ? null : context.BeginRepeats(count);
        var keysRead = repeats is not null;
        var allPass = true;
        var i = 0;
        foreach (var value in items.EnumerateArray())
        {
            var keyRow = 0;
            if (value.ValueKind != JsonValueKind.Object || !rules.PassesWithoutPath(value, context, keyIndex, out keyRow))
            {
                allPass = false;
                if (keysRead) keyRow = KeyRow(value);
            }
            if (keysRead && keyRow != 0 && value.AtRow(keyRow) is { ValueKind: JsonValueKind.String } keyValue) keysRead = repeats!.Add(keyValue, i);
            i++;
        }
        if (key is not null) Report(keysRead ? repeats!.Found : context.FindRepeats(items, key.Utf8), key, context);
        if (!allPass) CheckItems(items, rules, context);
    }

    // Built on first use (a type may nest itself); the key's index is set before the rules are published.
    private TypeRules Rules()
    {
        var rules = TypeRules.For(item);
        if (key is not null) keyIndex = rules.IndexOf(key.Utf8);
        Volatile.Write(ref itemRules, rules);
        return rules;
    }

    // An item's key's row as the repeat finder reads it (of a repeated name the last), or 0.
    private int KeyRow(TreeElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(key!.Utf8, out var found) ? found.RowIndex : 0;

    private void Report(List<Repeats.Repeat> repeats, ListKey key, ValidationContext context)
    {
        foreach (var repeat in repeats)
        {
            if (key.Consequence is null)
            {
                ListRules.Duplicate(repeat.Index, key.Name, repeat.Value.GetString()!, context);
                continue;
            }
            context.PushIndex(repeat.Index);
            context.Warn(key.Name, $"repeats {Name}[{repeat.First}].{key.Name} \"{FieldViolation.Truncate(repeat.Value.GetString()!)}\"; {key.Consequence}");
            context.Pop();
        }
    }

    private static void CheckItems(TreeElement items, TypeRules rules, ValidationContext context)
    {
        var i = 0;
        foreach (var value in items.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.Object && rules.PassesWithoutPath(value, context, -1, out _))
            {
                i++;
                continue;
            }
            context.PushIndex(i++);
            if (value.ValueKind == JsonValueKind.Object) rules.Check(value, context);
            else CheckOther(value, context);
            context.Pop();
            if (context.TypesWrong) return;
        }
    }

    // An item of another type than an object is the type check's finding (a null one too), the rules' only when null.
    private static void CheckOther(TreeElement value, ValidationContext context)
    {
        context.TypeWrong();
        if (value.ValueKind == JsonValueKind.Null) ListRules.NullItem(context);
    }

    public override bool WalksAs(JsonTypeCheck.Shape shape) =>
        shape.Expected == JsonTypeCheck.Json.Array && shape.Item is { IsModel: true, MapValue: null } items && items.Type == item;
}

/// <summary>Rules every list shares: the number of items, and how a duplicate is reported.</summary>
internal sealed class ListRules(ItemsAttribute? items)
{
    /// <summary>Whether <see cref="CheckCount"/> finds nothing in a list of this many items.</summary>
    public bool Allows(int count) => items is null || count >= items.Min && count <= items.Max;

    public void CheckCount(int count, ValidationContext context)
    {
        if (items is null) return;
        if (count > items.Max) context.Add(ViolationKind.TooMany, null, count, $"must have at most {items.Max} items");
        else if (count == 0 && items.Min > 0) context.Add(ViolationKind.Required, null, null, $"must have at least {items.Min} item{(items.Min == 1 ? "" : "s")}");
        else if (count < items.Min) context.Add(ViolationKind.Invalid, null, count, $"must have at least {items.Min} items");
    }

    /// <summary>JSON `null` inside a list; the context points at the item.</summary>
    public static void NullItem(ValidationContext context) => context.Add(ViolationKind.Required, null, null, "a list item may not be null");

    /// <summary>`list[i].key: Duplicate value: "x"` (or `list[i]` for a list of strings); the context points at the list.</summary>
    public static void Duplicate(int index, string? keyName, string value, ValidationContext context)
    {
        context.PushIndex(index);
        context.Add(ViolationKind.Duplicate, keyName, value, keyName is null ? "items must be unique" : $"{keyName} must be unique within the list");
        context.Pop();
    }
}
