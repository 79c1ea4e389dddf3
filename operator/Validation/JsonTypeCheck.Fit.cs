using System.Text.Json;

namespace JdCloudPodOperator.Validation;

/// <summary>
/// The type check as a yes or no, without findings: for the webhook's CREATE, whose rules' walk over the spec asks
/// it value by value (<see cref="ValidationContext.ChecksTypes"/>), so the spec is walked once instead of twice. A
/// "no" only sends the document through <see cref="Check"/> for its findings; so these answer "yes" exactly when
/// <see cref="Check"/> would find nothing, and never for a document it would find something in.
/// </summary>
internal static partial class JsonTypeCheck
{
    /// <summary>Whether the value itself has the shape's JSON type (what <see cref="Check"/> says of it, not of what lies below it).</summary>
    public static bool Fits(TreeElement value, JsonValueKind kind, Shape shape) =>
        kind == JsonValueKind.Null || Mismatch(value, kind, shape.Expected) is null;

    /// <summary>Whether <see cref="Check"/> finds nothing in the value or below it (the same walk, without a path).</summary>
    public static bool IsClean(TreeElement value, Shape shape) => IsClean(value, value.ValueKind, shape);

    /// <summary>The same for a value whose kind the caller has read.</summary>
    public static bool IsClean(TreeElement value, JsonValueKind kind, Shape shape)
    {
        if (!Fits(value, kind, shape)) return false;
        if (kind == JsonValueKind.Object && shape.MapValue is { } valueShape)
        {
            foreach (var entry in value.EnumerateObject())
            {
                if (!IsItemClean(entry.Value, valueShape)) return false;
            }
        }
        else if (kind == JsonValueKind.Object && shape.IsModel)
        {
            return AreMembersClean(value, shape, skip: default);
        }
        else if (kind == JsonValueKind.Array && shape.Item is { } itemShape)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (!IsItemClean(item, itemShape)) return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether <see cref="Check"/> of the object, read as <paramref name="type"/>, finds nothing outside its member
    /// <paramref name="skip"/>, which must be given at most once and have its JSON type: what lies below it is the
    /// rules' walk to check.
    /// </summary>
    public static bool IsCleanBesides(TreeElement value, Type type, ReadOnlySpan<byte> skip)
    {
        var shape = ShapeOf(type);
        var kind = value.ValueKind;
        return shape.IsModel && Fits(value, kind, shape) && kind == JsonValueKind.Object && AreMembersClean(value, shape, skip);
    }

    /// <summary>The shape <see cref="Check"/> gives the member of <paramref name="type"/> so named, or null when it has none.</summary>
    public static Shape? MemberShape(Type type, string name) => Array.Find(ShapeOf(type).Members, m => m.Name == name)?.Shape;

    private static bool AreMembersClean(TreeElement value, Shape shape, ReadOnlySpan<byte> skip)
    {
        var members = shape.Members;
        var skipped = false;
        foreach (var field in value.EnumerateObject())
        {
            if (shape.Names.IndexOf(field) is not (var index and >= 0)) return false;
            var member = members[index].Shape;
            if (!skip.IsEmpty && field.NameEquals(skip))
            {
                // A repeated member is left to the full check: the rules read only one of its values.
                if (skipped || !member.IsModel || member.MapValue is not null || !Fits(field.Value, field.Value.ValueKind, member)) return false;
                skipped = true;
            }
            else if (!IsClean(field.Value, member)) return false;
        }
        return true;
    }

    // The kind is read once: each read is a lookup in the document's table, and a list may have hundreds of items.
    private static bool IsItemClean(TreeElement item, Shape shape) => item.ValueKind is var kind && kind != JsonValueKind.Null && IsClean(item, kind, shape);
}
