using JdCloudPodOperator.Entities.Constraints;

namespace JdCloudPodOperator.Validation.Constraints;

/// <summary>A list of strings: Items, TotalLength, ListSet, and the string rules for each item.</summary>
internal sealed class StringListCheck<TOwner>(
    string name, bool required, Func<TOwner, List<string>?> get, ListRules listRules, TotalLengthAttribute? totalLength,
    bool unique, StringRules? itemRules) : ReferenceCheck<TOwner, List<string>>(name, required, get)
{
    protected override void CheckValue(List<string> items, ValidationContext context)
    {
        listRules.CheckCount(items.Count, context);
        if (totalLength is not null) CheckTotalLength(items, totalLength.Max, context);
        if (unique) CheckUnique(items, context);
        CheckItems(items, itemRules, context);
    }

    private static void CheckTotalLength(List<string> items, int max, ValidationContext context)
    {
        long total = 0;
        foreach (var item in items) total += item?.Length ?? 0;
        if (total <= max) return;
        total = 0;
        foreach (var item in items) total += item is null ? 0 : Characters.Count(item);
        if (total > max)
        {
            context.Add(ViolationKind.TooLong, null, null, $"all items together may not be more than {max} characters (are {total})");
        }
    }

    private static void CheckUnique(List<string> items, ValidationContext context)
    {
        var seen = context.RentKeys();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && !seen.TryAdd(item, i)) ListRules.Duplicate(i, null, item, context);
        }
        context.ReturnKeys(seen);
    }

    private static void CheckItems(List<string> items, StringRules? rules, ValidationContext context)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not null && rules is null) continue;
            context.PushIndex(i);
            if (items[i] is { } value) rules!.Check(value, context);
            else ListRules.NullItem(context);
            context.Pop();
        }
    }
}

/// <summary>A list of objects: Items, ListMap (unique keys), then the item type's own rules for each item.</summary>
internal sealed class ObjectListCheck<TOwner, TItem>(
    string name, bool required, Func<TOwner, List<TItem>?> get, ListRules listRules, string? keyName, Func<TItem, string?>? key)
    : ReferenceCheck<TOwner, List<TItem>>(name, required, get) where TItem : class
{
    protected override void CheckValue(List<TItem> items, ValidationContext context)
    {
        listRules.CheckCount(items.Count, context);
        if (key is not null) CheckUniqueKeys(items, key, context);
        for (var i = 0; i < items.Count; i++)
        {
            context.PushIndex(i);
            if (items[i] is { } item) TypeRules<TItem>.Check(item, context);
            else ListRules.NullItem(context);
            context.Pop();
        }
    }

    private void CheckUniqueKeys(List<TItem> items, Func<TItem, string?> keyOf, ValidationContext context)
    {
        var seen = context.RentKeys();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && keyOf(item) is { } itemKey && !seen.TryAdd(itemKey, i))
            {
                ListRules.Duplicate(i, keyName, itemKey, context);
            }
        }
        context.ReturnKeys(seen);
    }
}

/// <summary>Rules every list shares: the number of items, and how a duplicate is reported.</summary>
internal sealed class ListRules(ItemsAttribute? items)
{
    public void CheckCount(int count, ValidationContext context)
    {
        if (items is null) return;
        if (count > items.Max) context.Add(ViolationKind.TooMany, null, count, $"must have at most {items.Max} items");
        else if (count == 0 && items.Min > 0) context.Add(ViolationKind.Required, null, null, $"must have at least {items.Min} item{(items.Min == 1 ? "" : "s")}");
        else if (count < items.Min) context.Add(ViolationKind.Invalid, null, count, $"must have at least {items.Min} items");
    }

    /// <summary>JSON `null` inside a list; the context points at the item.</summary>
    public static void NullItem(ValidationContext context) =>
        context.Add(ViolationKind.Required, null, null, "a list item may not be null");

    /// <summary>`list[i].key: Duplicate value: "x"` (or `list[i]` for a list of strings); the context points at the list.</summary>
    public static void Duplicate(int index, string? keyName, string value, ValidationContext context)
    {
        context.PushIndex(index);
        context.Add(ViolationKind.Duplicate, keyName, value, keyName is null ? "items must be unique" : $"{keyName} must be unique within the list");
        context.Pop();
    }
}
